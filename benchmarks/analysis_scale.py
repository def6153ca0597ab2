"""Analysis at scale, over HTTP against gunicorn: builds a database of N realistic
responses (scale_data.py), rebuilds the rollup, runs every analysis page and API call
3 times, prints min/median per call, the query plan of the slowest call's slowest
statement, and exits 1 when a target is missed. The last line holds the key figures.

    nice .venv/bin/python benchmarks/analysis_scale.py --rows 100000
    nice .venv/bin/python benchmarks/analysis_scale.py --rows 1000000 \\
        --database-url postgresql://postgres@127.0.0.1:5432/scale_bench

--reuse keeps a database that already holds the rows (only the calls are run again).
Bounded: each call has a 120 s timeout, the whole run a deadline of --deadline seconds."""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import requests
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_harness import BIN, REPO, app_env, free_port, load_average, sql_url, start_gunicorn, stop, worker_pids  # noqa: E402
from scale_data import load  # noqa: E402

EMAIL, PASSWORD = "analyst@bench.example.org", "bench analyst password 20"
RUNS = 3


def targets(rows: int, postgres: bool) -> dict[str, float]:
    """call -> seconds (median) it must stay under."""
    page = max(1, min(20_000, rows // 50))
    out = {
        "api summary": 1.0, "api summary, year": 1.0, "api summary, one label": 1.0,
        "api summary, one district": 1.0, "dashboard": 1.0, "themed summary page": 1.0,
        f"api responses page={page}": 0.3,
    }
    if not postgres:
        out = {k: v for k, v in out.items() if k in ("api summary", "dashboard", "themed summary page")}
    return out


def calls(rows: int) -> dict[str, tuple[str, str]]:
    """call -> (kind, path); kind api uses the Bearer token, page the signed-in session."""
    year = (date(2025, 4, 1), date(2026, 3, 31))
    page = max(1, min(20_000, rows // 50))
    return {
        "api summary": ("api", "/api/v1/summary"),
        "api summary, year": ("api", f"/api/v1/summary?since={year[0]}&until={year[1]}"),
        "api summary, one label": ("api", "/api/v1/summary?label=road_safety"),
        "api summary, one district": ("api", "/api/v1/summary?district=gedling"),
        "api summary, cut months": ("api", "/api/v1/summary?since=2025-02-14&until=2025-11-03"),
        "api summary, survey 'About you' (exact)": ("api", "/api/v1/summary?equality=sex:female"),
        "dashboard": ("page", "/analysis/"),
        "themed summary page": ("page", "/analysis/summary"),
        "differences page": ("page", "/analysis/differences"),
        "representation page": ("page", "/analysis/representation"),
        "responses page 200": ("page", "/analysis/responses?page=200"),
        f"api responses page={page}": ("api", f"/api/v1/responses?page={page}"),
        "api responses by cursor": ("api", "/api/v1/responses?cursor={cursor}"),
    }


def flask(env: dict, *args: str) -> str:
    out = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=3600)
    if out.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def build(url: str, rows: int, reuse: bool) -> dict:
    env = app_env(url, ENGAGE_TAG_ON_CREATE="false")
    engine = sa.create_engine(sql_url(url))
    figures = {}
    have = 0
    if reuse and sa.inspect(engine).has_table("responses"):
        with engine.connect() as conn:
            have = conn.scalar(sa.text("SELECT count(*) FROM responses"))
    if have < rows:
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        flask(env, "db", "upgrade", "heads")
        flask(env, "seed-demo")
        with engine.connect() as conn:
            survey = conn.execute(sa.text(
                "SELECT survey_id, id FROM survey_questions WHERE kind = 'long_text' ORDER BY id LIMIT 1")).first()
        t0 = time.perf_counter()
        load(engine, rows, tuple(survey) if survey else None)
        figures["load s"] = time.perf_counter() - t0
        print(f"loaded {rows:,} responses in {figures['load s']:.0f} s", flush=True)
        # The load stores each text's redaction, as the services do; the backfill finds
        # none left to do (it would after a load that did not).
        print(flask(env, "privacy", "redact-texts").strip())
        t0 = time.perf_counter()
        print(flask(env, "analysis", "rebuild-rollups").strip())
        figures["rebuild s"] = time.perf_counter() - t0
        print(f"rebuild-rollups took {figures['rebuild s']:.0f} s", flush=True)
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))
        else:
            with engine.begin() as conn:
                conn.execute(sa.text("ANALYZE"))
    if not subprocess.run([str(BIN / "flask"), "--app", "wsgi", "users", "create", EMAIL, "--role",
                           "analyst", "--password", PASSWORD], cwd=REPO, env=env,
                          capture_output=True, timeout=120).returncode:
        pass  # already there on a reused database
    figures["token"] = flask(env, "users", "token", EMAIL).strip().split()[-1]
    engine.dispose()
    return figures


def sign_in(base: str) -> requests.Session:
    s = requests.Session()
    page = s.get(f"{base}/account/sign-in", timeout=60).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    data = {"email": EMAIL, "password": PASSWORD} | ({"csrf_token": token.group(1)} if token else {})
    s.post(f"{base}/account/sign-in", data=data, timeout=60, allow_redirects=False).raise_for_status()
    return s


def measure(base: str, token: str, rows: int) -> dict[str, list[float]]:
    api, page = requests.Session(), sign_in(base)
    api.headers["Authorization"] = f"Bearer {token}"
    first = api.get(f"{base}/api/v1/responses?per_page=50", timeout=120).json()
    times = {}
    for name, (kind, path) in calls(rows).items():
        path = path.replace("{cursor}", first.get("next_cursor") or "")
        client = api if kind == "api" else page
        runs = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            resp = client.get(base + path, timeout=120, allow_redirects=False)
            runs.append(time.perf_counter() - t0)
            if resp.status_code != 200:
                raise SystemExit(f"{name}: HTTP {resp.status_code} for {path}")
        times[name] = runs
        print(f"  {name:<45} min {min(runs):6.3f} s  median {statistics.median(runs):6.3f} s", flush=True)
    return times


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_export(base: str, token: str, master: int) -> dict:
    """Stream the whole CSV export over HTTP: rows/s, and the serving worker's RSS."""
    workers = worker_pids(master)
    before = {pid: rss_mb(pid) for pid in workers}
    peak = dict(before)
    t0, rows, size = time.perf_counter(), -1, 0
    with requests.get(f"{base}/api/v1/export?format=csv", headers={"Authorization": f"Bearer {token}"},
                      stream=True, timeout=600) as resp:
        resp.raise_for_status()
        for n, piece in enumerate(resp.iter_content(chunk_size=1 << 20)):
            rows += piece.count(b"\n")
            size += len(piece)
            if n % 8 == 0:
                for pid in workers:
                    peak[pid] = max(peak[pid], rss_mb(pid))
    secs = time.perf_counter() - t0
    pid = max(workers, key=lambda p: peak[p] - before[p])
    out = {"rows": rows, "seconds": secs, "rows/s": rows / secs, "MB": size / 2**20,
           "worker RSS before MB": before[pid], "worker RSS peak MB": peak[pid]}
    print(f"  CSV export: {rows:,} rows, {out['MB']:.0f} MB in {secs:.1f} s = {out['rows/s']:,.0f} rows/s; "
          f"serving worker RSS {before[pid]:.0f} -> peak {peak[pid]:.0f} MB", flush=True)
    return out


def slowest_plan(url: str, path: str, token: str) -> str:
    """Run `path` in process, find its slowest statement and show the database's plan."""
    from engage import create_app
    from engage.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": sql_url(url), "TAG_ON_CREATE": False,
                      "SECRET_KEY": "plan", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    timings: list[tuple[float, str, object]] = []

    with app.app_context():
        engine = db.engine

        @sa.event.listens_for(engine, "before_cursor_execute")
        def _start(conn, cursor, statement, params, context, many):
            conn.info["t0"] = time.perf_counter()

        @sa.event.listens_for(engine, "after_cursor_execute")
        def _end(conn, cursor, statement, params, context, many):
            if not many:
                timings.append((time.perf_counter() - conn.info["t0"], statement, params))

        client = app.test_client()
        if path.startswith("/api/"):
            client.get(path, headers={"Authorization": f"Bearer {token}"})
        else:
            client.post("/account/sign-in", data={"email": EMAIL, "password": PASSWORD})
            client.get(path)
        secs, statement, params = max(timings, key=lambda t: t[0])
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
        with engine.connect() as conn:
            plan = conn.exec_driver_sql(prefix + statement, params).all()
    lines = [" | ".join(str(c) for c in row) for row in plan]
    return f"{len(timings)} statements; slowest {secs * 1000:.0f} ms:\n{statement}\n" + "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--reuse", action="store_true", help="keep data already loaded")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="analysis-scale-")
    url = args.database_url or f"sqlite:///{REPO / 'instance' / f'analysis-scale-{args.rows}.sqlite'}"
    postgres = url.startswith("postgresql")
    figures = build(url, args.rows, args.reuse)
    port = free_port()
    proc = start_gunicorn(url, port, args.workers, 2, Path(tmp) / "gunicorn.log")
    try:
        print(f"calls over HTTP, {RUNS} runs each; load average before: {load_average()}")
        times = measure(f"http://127.0.0.1:{port}", figures["token"], args.rows)
        print("export from a worker of the residents' pool (it has tagged, so holds the pipelines):")
        mixed = measure_export(f"http://127.0.0.1:{port}", figures["token"], proc.pid)
    finally:
        stop(proc)
    # deploy/ serves analysts' pages and exports from their own pool (nginx routes them):
    # its workers never tag, so never load the spaCy and safeguarding models.
    port = free_port()
    proc = start_gunicorn(url, port, args.workers, 2, Path(tmp) / "gunicorn-analysis.log", pool="analysis")
    try:
        print("export from a worker of the analysts' pool (deploy/nginx routes /analysis/ and the API's reads there):")
        export = measure_export(f"http://127.0.0.1:{port}", figures["token"], proc.pid)
    finally:
        stop(proc)
    medians = {k: statistics.median(v) for k, v in times.items()}
    slow = max(medians, key=medians.get)
    print(f"\nslowest call: {slow} ({medians[slow]:.3f} s)")
    print(slowest_plan(url, calls(args.rows)[slow][1].replace("{cursor}", ""), figures["token"]))
    missed = [f"{k} {medians[k]:.2f}s>{v}s" for k, v in targets(args.rows, postgres).items() if medians[k] >= v]
    if postgres and export["rows/s"] < 50_000:
        missed.append(f"export {export['rows/s']:,.0f} rows/s < 50,000")
    if postgres and export["worker RSS peak MB"] >= 300:
        missed.append(f"export worker RSS {export['worker RSS peak MB']:.0f} MB >= 300")
    key = ", ".join(f"{k} {medians[k]:.2f}" for k in targets(args.rows, postgres))
    key += (f" s (median); CSV export {export['rows/s']:,.0f} rows/s, worker RSS peak "
            f"{export['worker RSS peak MB']:.0f} MB (analysts' pool; "
            f"{mixed['worker RSS peak MB']:.0f} MB in the residents' pool)")
    print(f"load average after: {load_average()}")
    print(f"KEY {args.rows:,} rows on {'PostgreSQL' if postgres else 'SQLite'}, load average "
          f"{load_average()}: {key}; missed: {'; '.join(missed) or 'none'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
