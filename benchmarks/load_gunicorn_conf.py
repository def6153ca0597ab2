"""gunicorn settings for the load and fault benchmarks (loopback only): threaded workers,
each warmed up before it takes traffic, as a deployment would do. The app loads its
spaCy pipelines (tagger, safeguarding) and compiles each template on first use, which
costs the first request of every worker several seconds."""

import os
import re

bind = os.environ.get("ENGAGE_BENCH_BIND", "127.0.0.1:8099")
# 3 processes x 4 threads on the two cores. 4 x 2, 3 x 2 and 4 x 1 were measured against
# it (load_residents.py, 200 people): on a quiet machine all gave p95 between 27 and 57 ms
# and 5.2 to 7.0 ms of gunicorn CPU per request, with run-to-run spread as large as the
# differences, so the fewer, bigger processes stay (about 260 MB each).
workers = int(os.environ.get("ENGAGE_BENCH_WORKERS", "3"))
threads = int(os.environ.get("ENGAGE_BENCH_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 15
keepalive = 75  # longer than a person pauses between pages, as behind a proxy
backlog = 2048
accesslog = None
errorlog = "-"
loglevel = "warning"
WARM_PAGES = ["/", "/events/", "/surveys/", "/summit/", "/tell-us"]
# "analysis": the pool deploy/ runs for analysts' pages and exports (deploy/nginx routes them).
POOL = os.environ.get("ENGAGE_BENCH_POOL", "web")


def post_worker_init(worker):
    """Store one response and roll it back (loads the pipelines), then render the pages."""
    app = worker.wsgi
    try:
        from engage.extensions import db
        from engage.responses.services import create_response

        if POOL != "analysis":  # the analysis pool never tags, so never loads the pipelines
            with app.app_context():
                create_response("direct", "Speeding cars outside the school every morning.")
                db.session.rollback()
        client = app.test_client()
        for path in WARM_PAGES:
            html = client.get(path).get_data(as_text=True)
            for link in re.findall(r'href="(/(?:events|surveys)/\d+)"', html)[:1]:
                for suffix in ("", "/register", "/views"):
                    client.get(link + suffix)
        print(f"worker {worker.pid}: warmed up", flush=True)
    except Exception as exc:  # the benchmark counts failed requests itself
        print(f"worker {worker.pid}: warm-up failed: {exc!r}", flush=True)
