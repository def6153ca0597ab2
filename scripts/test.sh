#!/usr/bin/env bash
# Run the whole test suite (SQLite; PostgreSQL too when ENGAGE_TEST_DATABASE_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
