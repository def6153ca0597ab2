"""What the load and fault benchmarks share: a PostgreSQL database built by the migrations
and seeded with demo data, gunicorn on loopback, residents simulated with a small HTTP
client (load_client.py), the figures, who used the CPU, and the check that every
acknowledged submission is in the database.

Everything is bounded: each loop has a count limit and a deadline."""

import asyncio
import html
import json
import os
import random
import re
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from load_client import Browser, ConnectionFailed, Reply

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/engage_load"
ARTIFACTS = REPO / "test-artifacts" / "benchmarks"
REFERENCE = re.compile(r'govuk-panel__body">Your reference<br><strong>([A-Z0-9]+)</strong>')
VIEWS = [
    "Speeding on the A60 through Ravenshead is constant and nobody enforces the limit.",
    "Off-road bikes tear across the rec every evening and frighten the children.",
    "Fly tipping in the lanes near the farm is getting worse every month.",
    "I would like to see police on foot in the town centre on Friday nights.",
    "Girls walking home from school are harassed at the bus station.",
    "Drug dealing outside the flats has become open and nobody comes when we call 101.",
    "Someone tried the car doors on our street three nights running.",
    "The Commissioner should fund more youth workers for the estate.",
]


def sql_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def app_env(db_url: str, **extra) -> dict:
    """The environment gunicorn and the CLI run with: rate limits off, plain HTTP cookies."""
    env = dict(os.environ)
    # A SECRET_KEY already set is kept, so gunicorn and a worker it queues mail for agree
    # (the worker unseals what the web processes sealed).
    env.update({"DATABASE_URL": db_url, "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_hex(32),
                "ENGAGE_RATELIMIT_ENABLED": "false", "ENGAGE_SESSION_COOKIE_SECURE": "false",
                "ENGAGE_REMEMBER_COOKIE_SECURE": "false", "PYTHONUNBUFFERED": "1"})
    env.setdefault("ENGAGE_TAG_ON_CREATE", "true")  # tagging is part of the cost of a view
    env.update(extra)
    return env


def prepare_database(db_url: str) -> None:
    """Create the database if needed, empty it, run every migration and seed the demo."""
    name = db_url.rsplit("/", 1)[1]
    admin = sa.create_engine(sql_url(db_url.rsplit("/", 1)[0] + "/postgres"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = sa.create_engine(sql_url(db_url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    env = app_env(db_url)
    for args in (["db", "upgrade", "heads"], ["seed-demo"]):
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=REPO, env=env,
                       check=True, capture_output=True, timeout=600)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(db_url: str, port: int, workers: int, threads: int,
                   log_path: Path, pool: str = "web") -> subprocess.Popen:
    """gunicorn on 127.0.0.1:<port>; returns once it answers, after warming each worker
    (pool "analysis": as deploy/'s analysts' pool, which never tags a response)."""
    env = app_env(db_url, ENGAGE_BENCH_BIND=f"127.0.0.1:{port}", ENGAGE_BENCH_POOL=pool,
                  ENGAGE_BENCH_WORKERS=str(workers), ENGAGE_BENCH_THREADS=str(threads))
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(REPO / "benchmarks" / "load_gunicorn_conf.py"),
         "wsgi:app"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({proc.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                if resp.status == 200:
                    break
        except OSError:  # refused while booting, or an error status
            pass
        time.sleep(0.5)
    else:
        stop(proc)
        raise RuntimeError(f"gunicorn did not answer within 180 s; see {log_path}")
    ready = len(re.findall(rb"warm(?:ed up|-up failed)", log_path.read_bytes()))
    for _ in range(360):  # workers warm up after they boot: wait for all of them
        if ready >= workers:
            break
        time.sleep(0.5)
        ready = len(re.findall(rb"warm(?:ed up|-up failed)", log_path.read_bytes()))
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def worker_pids(master_pid: int) -> list[int]:
    path = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# ---- who used the CPU ------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _ticks(pid: int | str) -> int:
    """User + system clock ticks a process has used, 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _machine() -> tuple[int, int]:
    """(busy, idle) clock ticks of all CPUs since boot."""
    user, nice, system, idle, iowait, irq, softirq, steal = (
        int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
    return user + nice + system + irq + softirq + steal, idle + iowait


def _postgres_pids(database: str) -> list[str]:
    """The server processes of connections to `database` ("postgres: 15/main: user db ...")."""
    pids = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if cmdline.startswith("postgres:") and f" {database} " in cmdline:
                pids.append(pid)
    return pids


class CpuMeter:
    """CPU seconds the run cost, by who spent them: this load generator, gunicorn (master
    and workers), PostgreSQL, and every other process on the machine (which competes for
    the same cores). PostgreSQL is the server processes of connections to the benchmark's
    database (others' connections, and the cluster's shared writers, count as other).
    Sampled from /proc every second, so a process that starts or ends during the run is
    counted for the time it was seen."""

    def __init__(self, gunicorn_pid: int, database: str):
        self.gunicorn_pid, self.database = gunicorn_pid, database
        self._base: dict[tuple[str, str], int] = {}
        self._last: dict[tuple[str, str], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="cpu-meter", daemon=True)

    def _sample(self, first: bool = False) -> None:
        pids = [("gunicorn", str(p)) for p in [self.gunicorn_pid, *worker_pids(self.gunicorn_pid)]]
        pids += [("postgresql", p) for p in _postgres_pids(self.database)]
        for key in pids:
            ticks = _ticks(key[1])
            if ticks:  # a process first seen after the start started during the run
                self._base.setdefault(key, ticks if first else 0)
                self._last[key] = ticks

    def start(self) -> "CpuMeter":
        self._sample(first=True)
        self._self0, self._machine0 = resource.getrusage(resource.RUSAGE_SELF), _machine()
        self._t0, self._own = time.monotonic(), 0.0
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()
            self._own = time.thread_time()  # this thread's CPU: not the generator's

    def stop(self, requests: int) -> dict:
        """Seconds of CPU by whom, and milliseconds per request for ours."""
        self._stop.set()
        self._thread.join(timeout=5)
        self._sample()
        me = resource.getrusage(resource.RUSAGE_SELF)
        busy, idle = (b - a for a, b in zip(self._machine0, _machine(), strict=True))
        used = {"load generator": me.ru_utime + me.ru_stime - self._self0.ru_utime - self._self0.ru_stime
                - self._own}
        for group in ("gunicorn", "postgresql"):
            used[group] = sum(t - self._base[k] for k, t in self._last.items() if k[0] == group) / TICK
        used["other processes"] = max(0.0, busy / TICK - sum(used.values()))
        used["idle"] = idle / TICK
        out = {"cpu_seconds": {k: round(v, 1) for k, v in used.items()},
               "cpu_cores_busy": round(busy / TICK / (time.monotonic() - self._t0), 2)}
        if requests:
            out["cpu_ms_per_request"] = {k: round(1000 * used[k] / requests, 2)
                                         for k in ("load generator", "gunicorn", "postgresql")}
        return out


# ---- forms --------------------------------------------------------------------------


FORM_TAG = re.compile(r"<(/?)(form|input|textarea|select|option|button)\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attributes(text: str) -> dict[str, str | None]:
    out = {}
    for m in ATTRIBUTE.finditer(text):
        name, *values = m.groups()
        value = next((v for v in values if v is not None), None)
        out[name.lower()] = None if value is None else html.unescape(value)
    return out


def parse_forms(page: str) -> list[dict]:
    """The fields of the page's POST forms: radios, checkboxes, selects, text, buttons.
    Reads only the form tags (a regular expression, not a full HTML parser: the survey
    pages are parsed for every answer, and the generator shares the CPU with the app)."""
    forms, form, select = [], None, None
    for m in FORM_TAG.finditer(page):
        closing, tag, a = m.group(1), m.group(2).lower(), _attributes(m.group(3))
        if closing:
            form = None if tag == "form" else form
            select = None if tag == "select" else select
        elif tag == "form" and (a.get("method") or "").lower() == "post":
            form = {"action": a.get("action"), "fields": [], "selects": {}, "buttons": []}
            forms.append(form)
        elif form is None:
            continue
        elif tag == "input":
            form["fields"].append((a.get("type", "text"), a.get("name"), a.get("value", "")))
        elif tag == "textarea":
            form["fields"].append(("textarea", a.get("name"), ""))
        elif tag == "select":
            select = a.get("name")
            form["selects"][select] = []
        elif tag == "option" and select and a.get("value"):
            form["selects"][select].append(a["value"])
        elif tag == "button":
            form["buttons"].append((a.get("name"), a.get("value")))
    return forms


def fill_form(page: str, rng: random.Random, text: str, index: int = -1) -> tuple[str | None, dict]:
    """(action, data) answering every question of the page's last POST form like a person
    in a hurry: the first radio of each group, one checkbox, distinct ranks, some text."""
    form = parse_forms(page)[index]
    data, seen = {}, set()
    for kind, name, value in form["fields"]:
        if not name or name in seen and kind in ("radio", "checkbox"):
            continue
        if kind == "hidden":
            data[name] = value
        elif kind in ("radio", "checkbox"):
            data[name], _ = value, seen.add(name)
        elif kind == "textarea":
            data[name] = text
    for n, (name, options) in enumerate(form["selects"].items()):
        if options and name not in ("district",):
            data[name] = options[n % len(options)] if len(options) > 1 else options[0]
    for name, value in form["buttons"][:1]:
        if name:
            data[name] = value
    return form["action"], data


# ---- measurements ---------------------------------------------------------------------


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    requests: list = field(default_factory=list)  # (t, label, status, seconds)
    acks: list = field(default_factory=list)  # (t, kind, reference)
    errors: list = field(default_factory=list)  # (t, label, error)
    bodies_5xx: dict = field(default_factory=dict)  # status -> one body

    def record(self, label: str, status: int, seconds: float, body: str = "") -> None:
        self.requests.append((time.monotonic() - self.started, label, status, seconds))
        if status >= 500:
            self.bodies_5xx.setdefault(status, body[:20000])

    def error(self, label: str, kind: str) -> None:
        self.errors.append((time.monotonic() - self.started, label, kind))

    def ack(self, kind: str, reference: str) -> None:
        self.acks.append((time.monotonic() - self.started, kind, reference))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def summary(stats: Stats, duration: float) -> dict:
    lat = [r[3] for r in stats.requests]
    by_status: dict[int, int] = {}
    for r in stats.requests:
        by_status[r[2]] = by_status.get(r[2], 0) + 1
    kinds: dict[str, int] = {}
    for _, kind, _ in stats.acks:
        kinds[kind] = kinds.get(kind, 0) + 1
    post = [r[3] for r in stats.requests if r[1].startswith("POST")]
    return {
        "requests": len(lat), "per_second": round(len(lat) / duration, 1),
        "status": dict(sorted(by_status.items())),
        "5xx": sum(n for s, n in by_status.items() if s >= 500),
        "connection_errors": len(stats.errors),
        "connection_error_kinds": _kinds(stats.errors),
        "p50_ms": round(percentile(lat, 50) * 1000), "p95_ms": round(percentile(lat, 95) * 1000),
        "p99_ms": round(percentile(lat, 99) * 1000), "max_ms": round(max(lat, default=0) * 1000),
        "mean_ms": round(statistics.fmean(lat) * 1000) if lat else 0,
        "post_p95_ms": round(percentile(post, 95) * 1000),
        "acknowledged": kinds,
        "4xx_by_request": _client_errors(stats),
    }


def _client_errors(stats: Stats) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, label, status, _ in stats.requests:
        if 400 <= status < 500:
            out[f"{status} {label}"] = out.get(f"{status} {label}", 0) + 1
    return out


def _kinds(errors: list) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, label, kind in errors:
        out[f"{kind} on {label}"] = out.get(f"{kind} on {label}", 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1])[:6])


def stored_references(db_url: str, acks: list) -> dict[str, int]:
    """How many acknowledged references of each kind are in the database."""
    tables = {"response": "responses", "registration": "event_registrations",
              "survey": "survey_submissions"}
    engine = sa.create_engine(sql_url(db_url))
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for kind, table in tables.items():
            refs = [ref for _, k, ref in acks if k == kind]
            got = set()
            for i in range(0, len(refs), 500):
                chunk = refs[i:i + 500]
                got |= set(conn.scalars(sa.text(f"SELECT reference FROM {table} "
                                                "WHERE reference = ANY(:r)"), {"r": chunk}))
            found[kind] = len(got & set(refs))
    engine.dispose()
    return found


def save(name: str, result: dict) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    return path


def print_table(title: str, rows: dict) -> None:
    print(f"\n== {title}")
    for key, value in rows.items():
        print(f"  {key:<28} {value}")
    sys.stdout.flush()


async def timed(browser: Browser, stats: Stats, method: str, url: str, label: str,
                data: dict | None = None) -> Reply | None:
    """One request, measured; None (and an error recorded) if the connection failed."""
    t0 = time.perf_counter()
    try:
        reply = await browser.request(method, url, data)
    except ConnectionFailed as exc:
        stats.error(f"{method} {label}", exc.kind)
        return None
    stats.record(f"{method} {label}", reply.status_code, time.perf_counter() - t0,
                 reply.text if reply.status_code >= 500 else "")
    return reply


def asyncio_run(coro):
    return asyncio.run(coro)
