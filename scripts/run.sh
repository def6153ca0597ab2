#!/usr/bin/env bash
# Set everything up on the embedded default (SQLite under instance/), seed demo data
# and serve the app at http://127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/flask --app wsgi seed-demo
# Plain HTTP on loopback: the session cookie cannot be Secure here.
export ENGAGE_SESSION_COOKIE_SECURE=false ENGAGE_REMEMBER_COOKIE_SECURE=false
# Links in emails and calendar files name the address served here, never a Host header.
export ENGAGE_PUBLIC_BASE_URL="http://127.0.0.1:${PORT:-5000}"
exec .venv/bin/flask --app wsgi run --host 127.0.0.1 --port "${PORT:-5000}"
