"""Scale-out, proven on one machine: two app instances (gunicorn, loopback ports) behind
a real nginx (Debian's, run as a non-daemon from a temporary prefix), one PostgreSQL and
Redis for rate limits. Shows that

1. a rate limit holds across instances: one client posting through nginx, round-robin
   over both, gets exactly the configured number accepted per minute;
2. no sticky sessions are needed: residents' page flows (CSRF token from one instance,
   POST to the other) succeed through round-robin;
3. nothing acknowledged is lost when one instance is killed (SIGKILL) mid-run: every
   reference a resident was given is in the database afterwards.

    nice .venv/bin/python benchmarks/scale_out.py [--users 100] [--duration 60]

Bounded: fixed counts, deadlines, loopback only (residents connect from 127.0.x.y)."""

import argparse
import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import load_harness as h
import redis
from load_residents import discover, run_residents

DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/scale_db"
REDIS_URL = "redis://127.0.0.1:6379/7"
NGINX = "/usr/sbin/nginx"
LIMIT_PER_MINUTE = 10  # a view given for an event (engage/api/events.py)
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    upstream engage_app {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 2m;
        proxy_buffering off;
        location / {{
            proxy_pass http://engage_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout http_502 http_503;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def start_instance(db: str, port: int, secret: str, workers: int, log: Path) -> subprocess.Popen:
    env = h.app_env(db, SECRET_KEY=secret, REDIS_URL=REDIS_URL, ENGAGE_RATELIMIT_ENABLED="true",
                    ENGAGE_PROXY_HOPS="1", ENGAGE_BENCH_BIND=f"127.0.0.1:{port}",
                    ENGAGE_BENCH_WORKERS=str(workers), ENGAGE_BENCH_THREADS="4")
    out = open(log, "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen([str(h.BIN / "gunicorn"), "--config",
                             str(h.REPO / "benchmarks" / "load_gunicorn_conf.py"), "wsgi:app"],
                            cwd=h.REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    _wait_for(f"http://127.0.0.1:{port}/", proc, log)
    return proc


def _wait_for(url: str, proc: subprocess.Popen | None, log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"exited ({proc.returncode}); see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s; see {log}")


def start_nginx(tmp: Path, a: int, b: int) -> tuple[subprocess.Popen, int]:
    port = h.free_port()
    for sub in ("body", "proxy", "fcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(exist_ok=True)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, a=a, b=b, port=port))
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"])
    _wait_for(f"http://127.0.0.1:{port}/", proc, tmp / "error.log")
    return proc, port


def kill_hard(proc: subprocess.Popen) -> None:
    """SIGKILL an instance's master and workers at once, as a host failure would."""
    for pid in [*h.worker_pids(proc.pid), proc.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


def post_json(base: str, path: str, payload: dict, source: str) -> tuple[int, str]:
    """(status, the instance nginx sent it to)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=30,
                                      source_address=(source, 0))
    conn.request("POST", path, json.dumps(payload), {"Content-Type": "application/json"})
    resp = conn.getresponse()
    out = resp.status, resp.getheader("X-Upstream", "")
    conn.close()
    return out


async def residents_with_a_kill(base: str, args, stats: h.Stats, victim: subprocess.Popen) -> dict:
    marks: dict = {}

    async def killer():
        await asyncio.sleep(args.duration / 2)
        marks["killed_at"] = time.monotonic() - stats.started
        kill_hard(victim)

    elapsed, _ = await asyncio.gather(
        run_residents(base, args.db, args.users, args.duration, (1.0, 3.0), 10.0, stats,
                      spread_sources=True),
        killer())
    marks["elapsed"] = elapsed
    return marks


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default=DEFAULT_DB, help="PostgreSQL URL (emptied and seeded)")
    p.add_argument("--users", type=int, default=100)
    p.add_argument("--duration", type=float, default=60.0)
    p.add_argument("--workers", type=int, default=2, help="gunicorn processes per instance")
    args = p.parse_args()
    print("Preparing the database (migrations, demo data)...", flush=True)
    h.prepare_database(args.db)
    redis.Redis.from_url(REDIS_URL).flushdb()
    tmp = Path(tempfile.mkdtemp(prefix="scale-out-"))
    secret = secrets.token_hex(32)
    ports = h.free_port(), h.free_port()
    procs = [start_instance(args.db, port, secret, args.workers, tmp / f"app{n}.log")
             for n, port in enumerate(ports)]
    nginx, port = start_nginx(tmp, *ports)
    base = f"http://127.0.0.1:{port}"
    load_before = h.load_average()
    try:
        events, _ = discover(args.db)
        replies = [post_json(base, f"/api/v1/events/{events[0]}/views",
                             {"text": f"Speeding past the school again, note {i}"}, "127.0.250.250")
                   for i in range(LIMIT_PER_MINUTE * 3)]
        statuses = [status for status, _ in replies]
        accepted, limited = statuses.count(201), statuses.count(429)
        served_by = sorted({upstream for _, upstream in replies})
        print(f"rate limit across 2 instances: {accepted} accepted, {limited} refused with 429 "
              f"(limit {LIMIT_PER_MINUTE}/minute per client), served by {served_by}", flush=True)
        stats = h.Stats()
        marks = asyncio.run(residents_with_a_kill(base, args, stats, procs[0]))
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=30)
        for proc in procs:
            h.stop(proc)
    result = h.summary(stats, marks["elapsed"])
    found = h.stored_references(args.db, stats.acks)
    lost = sum(result["acknowledged"].get(k, 0) - n for k, n in found.items())
    settle = marks["killed_at"] + 15
    late_5xx = sum(1 for t, _label, status, _s in stats.requests if status >= 500 and t > settle)
    result.update(users=args.users, killed_instance_at_s=round(marks["killed_at"], 1),
                  found_in_database=found, lost=lost, **{"5xx_15s_after_kill": late_5xx},
                  rate_limit={"accepted": accepted, "refused_429": limited, "served_by": served_by},
                  load_average_before=load_before, load_average_after=h.load_average())
    h.print_table(f"{args.users} residents through nginx over 2 instances, one killed", result)
    print(f"\nSaved to {h.save('scale_out', result)}")
    passed = lost == 0 and accepted == LIMIT_PER_MINUTE and len(served_by) == 2 and late_5xx == 0
    print("PASS" if passed else "FAIL: needs nothing lost, the limit held across instances, "
          "and no 5xx once nginx has marked the dead instance down")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
