#!/usr/bin/env bash
# Set everything up on the embedded default (SQLite under instance/), seed demo data and
# serve the app at http://127.0.0.1:5000 with the background worker (email delivery and
# the schedule) beside it. Ctrl-C, or stopping either one, stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/flask --app wsgi seed-demo
echo "The admin account sets up two-factor sign-in at its first sign-in: have an authenticator"
echo "app ready (or run with ENGAGE_TWO_FACTOR_REQUIRED_ROLES='[]' for a quick look)."
# Plain HTTP on loopback: the session cookie cannot be Secure here.
export ENGAGE_SESSION_COOKIE_SECURE=false ENGAGE_REMEMBER_COOKIE_SECURE=false
# Links in emails and calendar files name the address served here, never a Host header.
export ENGAGE_PUBLIC_BASE_URL="http://127.0.0.1:${PORT:-5000}"

.venv/bin/flask --app wsgi worker &
worker=$!
.venv/bin/flask --app wsgi run --host 127.0.0.1 --port "${PORT:-5000}" &
web=$!
stop() { kill -TERM "$web" "$worker" 2>/dev/null || true; wait "$web" "$worker" 2>/dev/null || true; }
trap 'stop; exit 130' INT TERM
# Whichever stops first (or fails) takes the other with it.
set +e
wait -n "$web" "$worker"
status=$?
stop
exit "$status"
