"""``python -m nlp train | tag | evaluate | safeguard``: the tagger's and the safeguarding
detector's commands, without Flask."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import tee
from pathlib import Path

from nlp.jsonl import JsonlError, read_gold, read_texts


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.command(args)
    except (JsonlError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    from nlp.train import DEFAULT_TRAIN_PATHS, DEV_PATH

    parser = argparse.ArgumentParser(prog="python -m nlp", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    train = commands.add_parser("train", help="train, tune thresholds on dev, save the model")
    train.add_argument("--train", type=Path, nargs="+", default=list(DEFAULT_TRAIN_PATHS), help="training data (JSONL)")
    train.add_argument(
        "--extra",
        type=Path,
        nargs="*",
        default=[],
        metavar="JSONL",
        help="more training data in the same format, e.g. analysts' corrections",
    )
    train.add_argument("--dev", type=Path, default=DEV_PATH, help="dev data: tuning only")
    train.add_argument(
        "--output",
        type=Path,
        default=None,
        help="where to save (default: $ENGAGE_NLP_MODEL_PATH or nlp/model/)",
    )
    train.set_defaults(command=_train)

    tag = commands.add_parser("tag", help="tag a JSONL file of responses (see README)")
    tag.add_argument("input", type=Path)
    tag.add_argument("output", type=Path)
    tag.add_argument("--model", type=Path, default=None, help="model directory")
    tag.add_argument("--batch-size", type=int, default=256)
    tag.add_argument(
        "--processes",
        type=int,
        default=1,
        help="worker processes for big files (2 uses both cores of a small server)",
    )
    tag.set_defaults(command=_tag)

    evaluate = commands.add_parser("evaluate", help='P/R/F1 on lines {"text", "labels"}')
    evaluate.add_argument("gold", type=Path)
    evaluate.add_argument("--model", type=Path, default=None, help="model directory")
    evaluate.set_defaults(command=_evaluate)

    teacher = commands.add_parser(
        "teacher", help="rebuild data/teacher_scores.npz: the encoder reads every training sentence (5-10 min)"
    )
    teacher.add_argument(
        "--train", type=Path, nargs="+", default=list(DEFAULT_TRAIN_PATHS), help="training data (JSONL)"
    )
    teacher.set_defaults(command=_teacher)

    from nlp.safeguard_cli import add_commands

    add_commands(commands)
    return parser


def _train(args: argparse.Namespace) -> int:
    from nlp.tagger import model_path
    from nlp.train import train

    for path in [*args.train, *args.extra, args.dev]:
        if not path.is_file():
            raise JsonlError(path, 0, "no such file")
    if args.output is not None:
        train([*args.train, *args.extra], args.dev, args.output)
        return 0
    # The project's own models: the safeguarding classifier too, in a second process beside
    # the tagger (each fit leaves a core idle part of the time; side by side they fill both).
    with beside("train-safeguarding"):
        train([*args.train, *args.extra], args.dev, model_path())
    return 0


@contextmanager
def beside(*command: str) -> Iterator[None]:
    """Run ``python -m nlp COMMAND`` while the block runs; print its output after the block's
    (not interleaved), and fail if it failed. Stopped if the block fails."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        here = str(Path(__file__).resolve().parent.parent)  # the child imports this very package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))}
        command_line = [sys.executable, "-m", "nlp", *command]
        child = subprocess.Popen(command_line, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            yield
        except BaseException:
            child.kill()
            child.wait()
            raise
        code = child.wait()
        output.seek(0)
        print(output.read(), end="", flush=True)
    if code != 0:
        raise ValueError(f"python -m nlp {' '.join(command)} failed (exit code {code}); its output is above")


def _teacher(args: argparse.Namespace) -> int:
    from nlp.distil import build_scores
    from nlp.pipeline import load_pipeline_config

    settings = load_pipeline_config().interpolate()["engage_training"]
    build_scores(
        args.train,
        file_weights=dict(settings.get("file_weights") or {}),
        l2=float(settings.get("teacher_l2", 1.0)),
        folds=int(settings.get("teacher_folds", 5)),
    )
    return 0


def _tag(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from nlp.tagger import load_tagger

    total = sum(1 for _ in read_texts(args.input))  # validate every line before writing
    tagger = load_tagger(args.model)
    print(f"tagging {total} responses with {tagger.version}", file=sys.stderr)
    for_texts, for_ids = tee(read_texts(args.input))
    results = tagger.tag_many((r.text for r in for_texts), batch_size=args.batch_size, n_process=args.processes)
    staging = args.output.with_name(f".{args.output.name}.partial")
    try:
        with open(staging, "w", encoding="utf-8") as out:
            pairs = zip(for_ids, results, strict=True)
            for record, result in tqdm(pairs, total=total, file=sys.stderr, unit="resp"):
                line = {"id": record.id, "labels": result.labels, "scores": result.scores}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        os.replace(staging, args.output)
    finally:
        staging.unlink(missing_ok=True)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from nlp.metrics import score
    from nlp.tagger import load_tagger

    records = list(read_gold(args.gold))
    tagger = load_tagger(args.model)
    predicted = [r.labels for r in tagger.tag_many(rec.text for rec in records)]
    print(f"{tagger.version} on {args.gold} ({len(records)} responses)")
    print(score([rec.labels for rec in records], predicted).format())
    return 0
