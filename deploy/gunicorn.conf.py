"""gunicorn for production: one of these per app host, behind nginx (deploy/nginx).
Settings come from the environment so every host runs the same file."""

import multiprocessing
import os

bind = os.environ.get("ENGAGE_BIND", "127.0.0.1:8000")
# Threaded workers: each process holds the spaCy pipelines (~260 MB), so a few processes
# with several threads each serve more requests per GB than many single-threaded ones.
workers = int(os.environ.get("ENGAGE_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("ENGAGE_THREADS", "4"))
worker_class = "gthread"
# Each worker builds its own app (no connection or pipeline opened before the fork is
# shared); the pipelines load on a worker's first request that needs them.
preload_app = False
# Long exports stream for minutes; a worker is only killed when it stops heart-beating.
timeout = int(os.environ.get("ENGAGE_WORKER_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 75  # longer than nginx's upstream keepalive_timeout (60 s)
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("ENGAGE_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("ENGAGE_FORWARDED_ALLOW_IPS", "127.0.0.1")
