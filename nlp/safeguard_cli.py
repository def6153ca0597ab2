"""``python -m nlp safeguard IN.jsonl OUT.jsonl`` and ``python -m nlp train-safeguarding``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from nlp.jsonl import read_texts

log = logging.getLogger(__name__)


def add_commands(commands) -> None:
    screen = commands.add_parser(
        "safeguard", help='screen {"id", "text"} lines; write {"id", "flag", "categories", "evidence"}'
    )
    screen.add_argument("input", type=Path)
    screen.add_argument("output", type=Path)
    screen.set_defaults(command=screen_file)
    train = commands.add_parser("train-safeguarding", help="build the safeguarding classifier only")
    train.add_argument(
        "--output", type=Path, default=None, help="default: $ENGAGE_SAFEGUARD_MODEL_PATH or nlp/safeguard_model/"
    )
    train.add_argument("--if-stale", action="store_true", help="only if data or code changed since the last build")
    train.set_defaults(command=train_command)


def train_command(args: argparse.Namespace) -> int:
    from nlp.safeguard_model import model_path
    from nlp.safeguard_train import expected_version, train

    output = args.output or model_path()
    if getattr(args, "if_stale", False) and (output / "meta.json").is_file():
        if json.loads((output / "meta.json").read_text(encoding="utf-8")).get("version") == expected_version():
            return 0
    train(output)
    return 0


def screen(text: str) -> dict:
    """One line of output. A text the detector cannot read is flagged for an officer."""
    from nlp.safeguarding import assess

    try:
        result = assess(text)
    except Exception:  # noqa: BLE001  (fail safe: flagged, never passed)
        log.exception("safeguarding detector failed on a text; flagged for an officer")
        return {"flag": True, "categories": ["detector_error"], "evidence": []}
    return {
        "flag": result.flag,
        "categories": list(result.categories),
        "evidence": [e.__dict__ for e in result.evidence],
    }


def screen_file(args: argparse.Namespace) -> int:
    from nlp.safeguarding import version

    records = list(read_texts(args.input))  # every line validated before anything is written
    print(f"screening {len(records)} responses with {version()}", file=sys.stderr)
    staging = args.output.with_name(f".{args.output.name}.partial")
    flagged = 0
    try:
        with open(staging, "w", encoding="utf-8") as out:
            for record in records:
                line = {"id": record.id, **screen(record.text)}
                flagged += line["flag"]
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        os.replace(staging, args.output)
    finally:
        staging.unlink(missing_ok=True)
    print(f"{flagged} of {len(records)} flagged", file=sys.stderr)
    return 0
