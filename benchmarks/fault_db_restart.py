"""The database restarted in the middle of the residents' run: requests during the
outage must get the clear 503 page (never a 500), nothing acknowledged may be lost, and
service must come back by itself.

    .venv/bin/python benchmarks/fault_db_restart.py [--users 200] [--duration 60] [--at 20]

It restarts the PostgreSQL cluster that serves --db (pg_ctlcluster, default: the newest
version in /etc/postgresql, cluster "main"): every database on that cluster sees the
restart, so run it when nobody else is using the cluster."""

import asyncio
import subprocess
import sys
import threading
import time
from pathlib import Path

import load_harness as h
from load_residents import parse_args, run_residents

CLEAR_503 = "Sorry, the service is briefly unavailable"


def default_cluster() -> str:
    versions = sorted(Path("/etc/postgresql").iterdir(), key=lambda p: float(p.name))
    return f"{versions[-1].name}/main"


def restart_later(cluster: str, at: float, started: float, marks: dict,
                  down_for: float = 0.0) -> threading.Thread:
    """Restart the cluster `at` seconds after `started`, noting when it began and ended.
    With `down_for`, stop it, wait that long, then start it: a longer outage."""
    version, name = cluster.split("/")
    steps = [["restart"]] if not down_for else [["stop"], ["start"]]

    def _run():
        time.sleep(max(0.0, started + at - time.monotonic()))
        marks["restart_began"] = time.monotonic() - started
        out = []
        for n, step in enumerate(steps):
            if n:
                time.sleep(down_for)
            done = subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name,
                                   *step], capture_output=True, text=True, timeout=120)
            out.append((done.stdout + done.stderr).strip() or f"{step[0]}: exit {done.returncode}")
        marks["restart_ended"] = time.monotonic() - started
        marks["restart_output"] = "; ".join(out)

    thread = threading.Thread(target=_run, name="pg-restart", daemon=True)
    thread.start()
    return thread


def timeline(stats: h.Stats, first: int, last: int) -> list[str]:
    """One line per second: successes, 503s, other 5xx, connection errors."""
    lines = []
    for second in range(max(0, first), last + 1):
        reqs = [r for r in stats.requests if second <= r[0] < second + 1]
        errs = [e for e in stats.errors if second <= e[0] < second + 1]
        ok = sum(1 for r in reqs if r[2] < 500)
        s503 = sum(1 for r in reqs if r[2] == 503)
        other = sum(1 for r in reqs if r[2] >= 500 and r[2] != 503)
        acks = sum(1 for a in stats.acks if second <= a[0] < second + 1)
        lines.append(f"t={second:>3}s  ok={ok:<4} 503={s503:<4} other5xx={other:<3} "
                     f"conn_err={len(errs):<3} acks={acks}")
    return lines


def main(argv=None) -> int:
    args = parse_args(argv, doc=__doc__, extra=lambda p: (
        p.add_argument("--at", type=float, default=20.0, help="restart after this many seconds"),
        p.add_argument("--cluster", default=None, help="VERSION/NAME for pg_ctlcluster"),
        p.add_argument("--down-for", type=float, default=0.0,
                       help="stop, wait this many seconds, start (instead of restart)")))
    at, cluster = args.at, args.cluster or default_cluster()
    if not args.no_prepare:
        print("Preparing the database (migrations, demo data)...", flush=True)
        h.prepare_database(args.db)
    port = h.free_port()
    proc = h.start_gunicorn(args.db, port, args.workers, args.threads,
                            h.ARTIFACTS / "fault_db_restart.gunicorn.log")
    stats, marks = h.Stats(), {}
    restarter = restart_later(cluster, at, stats.started, marks, args.down_for)
    try:
        elapsed = asyncio.run(run_residents(f"http://127.0.0.1:{port}", args.db, args.users,
                                            args.duration, args.think, args.ramp, stats))
    finally:
        restarter.join(timeout=120)
        h.stop(proc)
    result = h.summary(stats, elapsed)
    found = h.stored_references(args.db, stats.acks)
    lost = sum(result["acknowledged"].get(k, 0) - n for k, n in found.items())
    ended = marks.get("restart_ended", elapsed)
    after = [a for a in stats.acks if a[0] > ended]
    bodies_clear = all(CLEAR_503 in body for s, body in stats.bodies_5xx.items() if s == 503)
    other_5xx = {s: n for s, n in result["status"].items() if s >= 500 and s != 503}
    tail = [r for r in stats.requests if r[0] > elapsed - 10]
    resumed = bool(after) and all(r[2] < 500 for r in tail)
    result.update(
        users=args.users, seconds=round(elapsed, 1), cluster=cluster, down_for_s=args.down_for,
        restart_began_s=round(marks.get("restart_began", -1), 1),
        restart_ended_s=round(ended, 1), restart_output=marks.get("restart_output"),
        responses_503=result["status"].get(503, 0), other_5xx=other_5xx,
        clear_503_page=bodies_clear, found_in_database=found, lost=lost,
        first_ack_after_restart_s=round(after[0][0] - ended, 2) if after else None,
        last_10s_all_below_500=resumed)
    passed = not other_5xx and lost == 0 and bodies_clear and resumed
    result["passed"] = passed
    h.print_table(f"database restart during {args.users} residents",
                  {k: v for k, v in result.items() if k != "timeline"})
    first = int(marks.get("restart_began", 0)) - 8
    result["timeline"] = timeline(stats, 0, int(elapsed) + 1)
    print("\n".join(["", "Timeline around the restart:"] + timeline(stats, first, int(ended) + 8)))
    if 500 in stats.bodies_5xx:
        print("\nA 500 was served during the outage; see the gunicorn log for the traceback:",
              h.ARTIFACTS / "fault_db_restart.gunicorn.log")
    print(f"\nSaved to {h.save('fault_db_restart', result)}")
    print("PASS" if passed else "FAIL: needs only 503s (clear page) during the outage, "
          "nothing lost, and service back without help")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
