"""Registration latency with a mail server that stalls, against one that is not there:
gunicorn and a `flask worker` on loopback with PostgreSQL, residents registering for
sessions through the real pages. Requests only queue their email, so the two p95s should
agree within 10%; afterwards every acknowledged registration has its email in the outbox.

    .venv/bin/python benchmarks/outbox_registration.py [--users 20] [--duration 40]

The stalled server accepts connections and never answers (the worker gives up on each
after MAIL_TIMEOUT and backs off). Prints the figures; JSON in test-artifacts/benchmarks/."""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import threading
import time

import load_harness as h
import load_residents as lr
import sqlalchemy as sa

DB = "postgresql://postgres@127.0.0.1:5432/outbox_reg_bench"
LABEL = "POST /events/<id>/register"


class StalledSmtp:
    """Accepts TCP connections and never says a word."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self):
        self.sock.close()
        for c in self.conns:
            c.close()


async def registrants(base: str, db_url: str, users: int, duration: float, stats: h.Stats,
                      first: int) -> float:
    events, survey = lr.discover(db_url)
    start = time.monotonic()
    plan = lr.Plan(base, events, survey, start + duration, start + duration + 20, (0.2, 0.6))

    async def one(n: int):
        person = lr.Resident(first + n, plan, stats)  # new people (new emails) each run
        for _ in range(1000):
            if time.monotonic() > plan.deadline:
                break
            await person.register()
        await person.client.aclose()

    await asyncio.gather(*(one(n) for n in range(users)))
    return time.monotonic() - start


def queued_for(db_url: str, refs: list[str]) -> int:
    """Acknowledged registrations whose confirmation email is in the outbox."""
    engine = sa.create_engine(h.sql_url(db_url))
    with engine.connect() as conn:
        emails = list(conn.scalars(sa.text("SELECT email FROM event_registrations WHERE reference = ANY(:r)"),
                                   {"r": refs}))
        found = conn.scalar(sa.text("SELECT count(DISTINCT \"to\") FROM outbox_messages WHERE \"to\" = ANY(:e)"),
                            {"e": emails})
    engine.dispose()
    return found


def run_mode(args, mode: str, first: int) -> dict:
    stalled = StalledSmtp() if mode == "stalled" else None
    saved = dict(os.environ)
    os.environ["SECRET_KEY"] = "outbox-registration-benchmark"
    if stalled:
        os.environ.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(stalled.port), ENGAGE_MAIL_TIMEOUT="5")
    port = h.free_port()
    proc = h.start_gunicorn(args.db, port, args.workers, args.threads, h.ARTIFACTS / f"outbox_registration.{mode}.log")
    worker = subprocess.Popen([str(h.BIN / "flask"), "--app", "wsgi", "worker"], cwd=h.REPO,
                              env=h.app_env(args.db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stats = h.Stats()
    try:
        elapsed = asyncio.run(registrants(f"http://127.0.0.1:{port}", args.db, args.users, args.duration, stats,
                                              first))
    finally:
        h.stop(proc)
        h.stop(worker)
        os.environ.clear()
        os.environ.update(saved)
        if stalled:
            stalled.close()
    posts = [r[3] for r in stats.requests if r[1] == LABEL]
    refs = [ref for _, kind, ref in stats.acks if kind == "registration"]
    return {
        "registrations_sent": len(posts), "acknowledged": len(refs),
        "with_email_queued": queued_for(args.db, refs) if refs else 0,
        "register_p50_ms": round(h.percentile(posts, 50) * 1000, 1),
        "register_p95_ms": round(h.percentile(posts, 95) * 1000, 1),
        "register_max_ms": round(max(posts, default=0) * 1000, 1),
        "all_requests_p95_ms": round(h.percentile([r[3] for r in stats.requests], 95) * 1000, 1),
        "5xx": sum(1 for r in stats.requests if r[2] >= 500), "seconds": round(elapsed, 1),
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--duration", type=float, default=40.0)
    p.add_argument("--workers", type=int, default=3)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--db", default=DB)
    p.add_argument("--no-prepare", action="store_true")
    args = p.parse_args(argv)
    if not args.no_prepare:
        print("Preparing the database (migrations, demo data)...", flush=True)
        h.prepare_database(args.db)
    result = {"load_before": h.load_average()}
    for i, mode in enumerate(("none", "stalled", "none", "stalled")):  # interleaved: the machine is shared
        key = f"{mode}_{1 if mode + '_1' not in result else 2}"
        result[key] = run_mode(args, mode, first=i * 10_000)
        h.print_table(f"mail server {mode}", result[key])
    p95 = {m: sorted(result[f"{m}_{i}"]["register_p95_ms"] for i in (1, 2)) for m in ("none", "stalled")}
    best = {m: v[0] for m, v in p95.items()}
    result["ratio_stalled_to_none_best_p95"] = round(best["stalled"] / best["none"], 2)
    result["every_ack_has_its_email"] = all(
        r["acknowledged"] == r["with_email_queued"] for k, r in result.items() if isinstance(r, dict))
    result["load_after"] = h.load_average()
    h.print_table("Registration with a stalled mail server vs none", {
        k: v for k, v in result.items() if not isinstance(v, dict)} | {"p95_ms": p95})
    print(f"  saved to {h.save('outbox_registration', result)}")
    return 0 if result["every_ack_has_its_email"] else 1


if __name__ == "__main__":
    sys.exit(main())
