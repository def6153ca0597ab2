#!/usr/bin/env bash
# Set everything up on the embedded default (SQLite under instance/), seed demo data
# and serve the app at http://127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/flask --app wsgi seed-demo
echo "The admin account sets up two-factor sign-in at its first sign-in: have an authenticator"
echo "app ready (or run with ENGAGE_TWO_FACTOR_REQUIRED_ROLES='[]' for a quick look)."
# Plain HTTP on loopback: the session cookie cannot be Secure here.
export ENGAGE_SESSION_COOKIE_SECURE=false ENGAGE_REMEMBER_COOKIE_SECURE=false
exec .venv/bin/flask --app wsgi run --host 127.0.0.1 --port "${PORT:-5000}"
