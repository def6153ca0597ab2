"""A gunicorn worker killed (SIGKILL) in the middle of requests: the people whose
request it was handling get an error, never a false acknowledgement; whatever was
acknowledged is in the database; the next requests succeed on a fresh worker.

    .venv/bin/python benchmarks/fault_worker_kill.py [--clients 8] [--seconds 12]"""

import argparse
import asyncio
import os
import random
import signal
import sys
import time

import load_harness as h
from load_client import Browser
from load_residents import csrf

# Long enough that tagging keeps a worker busy for a while: more requests in flight.
LONG_TEXT = " ".join(h.VIEWS) * 12


async def sender(n: int, base: str, stop_at: float, stats: h.Stats, inflight: dict) -> None:
    """Tell us in confidence, again and again; every POST's outcome is recorded."""
    rng, client = random.Random(n), Browser.for_base(base, timeout=30)
    try:
        for i in range(10_000):
            if time.monotonic() > stop_at:
                return
            await _tell_us(client, (n, i), rng, stats, inflight)
    finally:
        await client.aclose()


async def _tell_us(client: Browser, key: tuple, rng: random.Random, stats: h.Stats, inflight: dict) -> None:
    page = await h.timed(client, stats, "GET", "/tell-us", "/tell-us")
    if page is None or page.status_code != 200:
        await asyncio.sleep(0.2)
        return
    inflight[key] = time.monotonic() - stats.started
    data = {"csrf_token": csrf(page.text), "text": f"{LONG_TEXT} [{key[0]}-{key[1]}]",
            "district": rng.choice(["ashfield", "gedling"])}
    resp = await h.timed(client, stats, "POST", "/tell-us", "/tell-us", data)
    inflight.pop(key, None)
    if resp is not None and resp.status_code == 302:
        sent = await h.timed(client, stats, "GET", "/tell-us/sent", "/tell-us/sent")
        m = h.REFERENCE.search(sent.text) if sent is not None else None
        if m:
            stats.ack("response", m.group(1))


async def killer(master: int, at: float, stats: h.Stats, inflight: dict, marks: dict) -> None:
    await asyncio.sleep(at)
    for _ in range(100):  # wait (bounded) until a POST is in flight, then kill its worker
        if inflight:
            break
        await asyncio.sleep(0.05)
    victim = h.worker_pids(master)[0]
    marks["in_flight_at_kill"] = sorted(inflight)
    marks["killed_at_s"] = time.monotonic() - stats.started
    marks["killed_pid"] = victim
    os.kill(victim, signal.SIGKILL)
    await asyncio.sleep(5)
    marks["workers_after"] = h.worker_pids(master)


async def run(base: str, master: int, args, stats: h.Stats, marks: dict) -> None:
    inflight: dict = {}
    stop_at = time.monotonic() + args.seconds
    await asyncio.gather(killer(master, args.kill_at, stats, inflight, marks),
                         *(sender(n, base, stop_at, stats, inflight) for n in range(args.clients)))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default=h.DEFAULT_DB)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=12.0)
    p.add_argument("--kill-at", type=float, default=4.0)
    # One worker: the one killed is certainly the one handling the requests in flight.
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--no-prepare", action="store_true")
    args = p.parse_args(argv)
    if not args.no_prepare:
        print("Preparing the database (migrations, demo data)...", flush=True)
        h.prepare_database(args.db)
    port = h.free_port()
    proc = h.start_gunicorn(args.db, port, args.workers, args.threads,
                            h.ARTIFACTS / "fault_worker_kill.gunicorn.log")
    stats, marks = h.Stats(), {}
    try:
        asyncio.run(run(f"http://127.0.0.1:{port}", proc.pid, args, stats, marks))
    finally:
        h.stop(proc)
    return report(args, stats, marks)


def report(args, stats: h.Stats, marks: dict) -> int:
    killed_at = marks.get("killed_at_s", 0)
    posts = [r for r in stats.requests if r[1] == "POST /tell-us"]
    post_errors = [e for e in stats.errors if e[1] == "POST /tell-us"]
    around = [e for e in post_errors if killed_at - 0.5 <= e[0] <= killed_at + 1.0]
    later_acks = [a for a in stats.acks if a[0] > killed_at + 0.5]
    found = h.stored_references(args.db, stats.acks)
    false_acks = len(stats.acks) - found["response"]
    result = {
        "clients": args.clients, "workers": args.workers, "threads": args.threads,
        "killed_pid": marks.get("killed_pid"), "killed_at_s": round(killed_at, 2),
        "posts_in_flight_at_kill": len(marks.get("in_flight_at_kill", [])),
        "post_connection_errors_at_kill": len(around),
        "post_errors_total": len(post_errors), "connection_errors_total": len(stats.errors),
        "posts_answered": len(posts), "post_status": h.summary(stats, 1)["status"],
        "acknowledged": len(stats.acks), "found_in_database": found["response"],
        "false_acknowledgements": false_acks,
        "acks_after_kill": len(later_acks),
        "first_ack_after_kill_s": round(later_acks[0][0] - killed_at, 2) if later_acks else None,
        "workers_after": marks.get("workers_after"),
        "5xx": sum(1 for r in stats.requests if r[2] >= 500),
    }
    respawned = marks.get("killed_pid") not in (marks.get("workers_after") or [None])
    passed = (false_acks == 0 and result["posts_in_flight_at_kill"] > 0 and len(around) > 0
              and len(later_acks) > 0 and respawned and result["5xx"] == 0)
    result["passed"] = passed
    h.print_table("gunicorn worker killed mid-request", result)
    print(f"\nSaved to {h.save('fault_worker_kill', result)}")
    print("PASS" if passed else "FAIL: the killed requests must fail, nothing false acknowledged, "
          "and later requests must succeed")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
