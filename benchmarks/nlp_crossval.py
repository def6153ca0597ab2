"""K-fold cross-validation of the tagger on the training data: an estimate for text that
neither trained the model nor tuned its thresholds on dev. Each fold trains with the real
config on the other folds and tunes thresholds on its own held-out fold (as training tunes
them on dev), so the figure is still a little optimistic; it is what the config's settings
(n-grams, l2, l2_vectors, rule_boost) were chosen by, not the dev set.

    .venv/bin/python benchmarks/nlp_crossval.py [--folds 4] [--config nlp/config.cfg]
"""

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.pipeline import CONFIG_PATH  # noqa: E402
from nlp.train import TRAIN_PATH, train  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--train", type=Path, default=TRAIN_PATH)
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    args = parser.parse_args()
    lines = [line for line in args.train.read_text("utf-8").splitlines(keepends=True) if line.strip()]
    random.Random(0).shuffle(lines)
    micro = macro = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k in range(args.folds):
            (folder / "train.jsonl").write_text("".join(x for i, x in enumerate(lines) if i % args.folds != k), "utf-8")
            (folder / "held.jsonl").write_text("".join(x for i, x in enumerate(lines) if i % args.folds == k), "utf-8")
            result = train([folder / "train.jsonl"], folder / "held.jsonl", folder / "model",
                           config_path=args.config, log=lambda _: None)
            print(f"fold {k + 1}/{args.folds}: micro F1 {result.report.micro_f1:.3f}, "
                  f"macro F1 {result.report.macro_f1:.3f}", flush=True)
            micro += result.report.micro_f1 / args.folds
            macro += result.report.macro_f1 / args.folds
    print(f"{args.folds}-fold cross-validation on {len(lines):,} training texts: "
          f"micro F1 {micro:.3f}, macro F1 {macro:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
