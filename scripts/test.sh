#!/usr/bin/env bash
# Run the whole test suite (SQLite; PostgreSQL too when ENGAGE_TEST_DATABASE_URL is set).
# The browser tests need Debian's Chromium: installed here when running as root, otherwise
# the script stops and says so, rather than letting those tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=${ENGAGE_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "The browser tests need Chromium at $chromium: run 'sudo apt-get install chromium'" \
         "(or set ENGAGE_CHROMIUM to its path), then run this again." >&2
    exit 1
  fi
fi
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
