"""10,000 queued emails, two `flask worker` processes, a real SMTP server (aiosmtpd) on
loopback that goes down for 60 s mid-run, and one worker SIGKILLed mid-run (a supervisor
starts a replacement, as in production). Counts at the server, by Message-ID, what arrived:
every message delivered once the server is back, none lost, duplicates <= kills.

    .venv/bin/python benchmarks/outbox_delivery.py [--messages 10000] [--outage 60]

Prints the figures and saves them as JSON in test-artifacts/benchmarks/."""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import load_harness as h
import sqlalchemy as sa
from aiosmtpd.controller import Controller

DB = "postgresql://postgres@127.0.0.1:5432/outbox_bench"


class Counting:
    """The SMTP server's side: every Message-ID it accepted, slowed a little per message so
    a kill is likely to land mid-send."""

    def __init__(self, delay: float):
        self.ids: Counter = Counter()
        self.delay = delay
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(self.delay)
        for line in envelope.content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                with self.lock:
                    self.ids[line.split(b":", 1)[1].strip().decode()] += 1
                break
        return "250 OK"


def prepare(db_url: str, n: int) -> None:
    """Empty database, migrations, then n messages queued through the real send_email."""
    name = db_url.rsplit("/", 1)[1]
    admin = sa.create_engine(h.sql_url(db_url.rsplit("/", 1)[0] + "/postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = sa.create_engine(h.sql_url(db_url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    subprocess.run([str(h.BIN / "flask"), "--app", "wsgi", "db", "upgrade", "heads"], cwd=h.REPO,
                   env=ENV, check=True, capture_output=True, timeout=600)
    code = (
        "from wsgi import app\n"
        "from engage.extensions import db\n"
        "from engage.mail.services import send_email, private_link\n"
        "with app.app_context():\n"
        f"    for i in range({n}):\n"
        "        send_email(f'resident{i}@example.org', f'Reset your password ({i})', 'password_reset',\n"
        "                   user=None, link=private_link(f'http://127.0.0.1/account/reset/token{i}'))\n"
        "        if i % 1000 == 999: db.session.commit()\n"
        "    db.session.commit()\n"
    )
    subprocess.run([str(h.BIN / "python"), "-c", code], cwd=h.REPO, env=ENV, check=True, timeout=900)


def start_worker(log) -> subprocess.Popen:
    return subprocess.Popen([str(h.BIN / "flask"), "--app", "wsgi", "worker"], cwd=h.REPO, env=ENV,
                            stdout=log, stderr=subprocess.STDOUT)


def states(db_url: str) -> dict[str, int]:
    engine = sa.create_engine(h.sql_url(db_url))
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT status, count(*) FROM outbox_messages GROUP BY status")).all())
        rows["abandoned_attempts"] = conn.scalar(sa.text(
            "SELECT count(*) FROM outbox_attempts WHERE outcome = 'abandoned'"))
        rows["message_ids"] = set(conn.scalars(sa.text("SELECT message_id FROM outbox_messages")))
    engine.dispose()
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--messages", type=int, default=10_000)
    p.add_argument("--outage", type=float, default=60.0, help="seconds the SMTP server is down")
    p.add_argument("--kill-after", type=float, default=0.2,
                   help="share of the messages delivered when one worker is SIGKILLed")
    p.add_argument("--down-after", type=float, default=0.4,
                   help="share of the messages delivered when the server goes down")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--delay", type=float, default=0.003, help="server seconds per message")
    p.add_argument("--deadline", type=float, default=900.0)
    p.add_argument("--db", default=DB)
    args = p.parse_args(argv)
    port = h.free_port()
    global ENV
    ENV = h.app_env(args.db, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port), MAIL_TIMEOUT="5",
                    ENGAGE_OUTBOX_LEASE_SECONDS="30", ENGAGE_WORKER_UNREACHABLE_MAX_SECONDS="8",
                    ENGAGE_WORKER_POLL_SECONDS="1", ENGAGE_TAG_ON_CREATE="false")
    ENV["SECRET_KEY"] = "outbox-benchmark-secret"  # the same for the queueing and the workers
    print(f"Queueing {args.messages} messages...", flush=True)
    t0 = time.monotonic()
    prepare(args.db, args.messages)
    print(f"  queued in {time.monotonic() - t0:.1f} s", flush=True)
    counting = Counting(args.delay)
    server = Controller(counting, hostname="127.0.0.1", port=port)
    server.start()
    h.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(h.ARTIFACTS / "outbox_delivery.workers.log", "wb")  # noqa: SIM115
    workers = [start_worker(log) for _ in range(args.workers)]
    started, kills, down, back_at, marks = time.monotonic(), 0, False, None, {}
    try:
        while time.monotonic() - started < args.deadline:
            now = time.monotonic() - started
            delivered = len(counting.ids)
            if not kills and delivered >= args.kill_after * args.messages:
                os.kill(workers[0].pid, signal.SIGKILL)
                workers[0].wait()
                kills, marks["killed_at_s"] = 1, round(now, 1)
                marks["delivered_before_kill"] = len(counting.ids)
                workers[0] = start_worker(log)  # the supervisor's restart
            if not down and back_at is None and delivered >= args.down_after * args.messages:
                server.stop()
                down, marks["down_at_s"], marks["delivered_before_outage"] = True, round(now, 1), len(counting.ids)
            if down and now >= marks["down_at_s"] + args.outage:
                server = Controller(counting, hostname="127.0.0.1", port=port)
                server.start()
                down, back_at, marks["back_at_s"] = False, now, round(now, 1)
            if back_at is not None and len(counting.ids) >= args.messages:
                marks["all_delivered_at_s"] = round(now, 1)
                break
            time.sleep(0.2)
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                w.wait(timeout=30)
            except subprocess.TimeoutExpired:
                w.kill()
        server.stop()
        log.close()
    db = states(args.db)
    queued_ids = db.pop("message_ids")
    received = sum(counting.ids.values())
    duplicates = received - len(counting.ids)
    lost = len(queued_ids - set(counting.ids))
    result = {
        "messages": args.messages, "workers": args.workers, "outage_s": args.outage, "kills": kills,
        **marks,
        "seconds_after_server_back_to_all_delivered": (
            round(marks["all_delivered_at_s"] - marks["back_at_s"], 1) if "all_delivered_at_s" in marks else None),
        "received_by_server": received, "distinct_delivered": len(counting.ids),
        "duplicates": duplicates, "lost": lost, "outbox_states": db,
        "pass": lost == 0 and len(counting.ids) == args.messages and duplicates <= kills,
    }
    h.print_table("Outbox delivery: SMTP down mid-run, one worker killed", result)
    print(f"  saved to {h.save('outbox_delivery', result)}")
    return 0 if result["pass"] else 1


ENV: dict = {}

if __name__ == "__main__":
    sys.exit(main())
