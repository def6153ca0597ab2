"""Recall and precision of the safeguarding detector, per kind, on each labelled set.

    .venv/bin/python benchmarks/safeguarding_eval.py [--show] [--blind-test] [FILE.jsonl ...]

Sets (lines {"text", "flag"[, "kind"]}), each labelled in the output:
- old test set (nlp/data/safeguarding_test.jsonl, 291 lines): the rules were written against it;
- blind dev (nlp/data/safeguarding_dev.jsonl): written by writers who never saw the rules or
  the training data; the threshold is chosen on it and its errors were read, so it flatters;
- blind test (nlp/data/safeguarding_blind_test.jsonl), only with --blind-test: same writers,
  never read, never tuned on. The honest figure.
Recall comes first: a missed disclosure is worse than a false flag.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.safeguard_train import DEV_PATH  # noqa: E402
from nlp.safeguarding import TEST_SET, assess, load_examples, version  # noqa: E402

BLIND_TEST = TEST_SET.with_name("safeguarding_blind_test.jsonl")


def report(name: str, path: Path, show: bool) -> None:
    rows = load_examples(path)
    hits, totals, missed, false = Counter(), Counter(), [], []
    tp = fp = 0
    for row in rows:
        flagged, wanted = assess(row["text"]).flag, bool(row["flag"])
        kind = row.get("kind", "disclosure") if wanted else "none"
        totals[kind] += 1
        hits[kind] += flagged == wanted
        tp += flagged and wanted
        fp += flagged and not wanted
        if wanted and not flagged:
            missed.append(f"[{kind}] {row['text']}")
        elif flagged and not wanted:
            false.append(row["text"])
    positives = sum(v for k, v in totals.items() if k != "none")
    print(f"\n{name} ({path.name}, {len(rows)} texts, {positives} disclosures)")
    print(f"  recall    {tp / positives if positives else 0:.3f} ({tp}/{positives})")
    precision = tp / (tp + fp) if tp + fp else 0
    print(f"  precision {precision:.3f} ({fp} false flags of {totals['none']} texts without a disclosure)")
    for kind in sorted(k for k in totals if k != "none"):
        print(f"    recall {kind:<18} {hits[kind] / totals[kind]:.3f} ({hits[kind]}/{totals[kind]})")
    if show:
        for text in missed:
            print(f"  MISSED: {text}")
        for text in false:
            print(f"  FALSE FLAG: {text}")


def main(argv: list[str]) -> int:
    show = "--show" in argv
    files = [Path(a) for a in argv if not a.startswith("--")]
    print(f"detector {version()}")
    if files:
        for path in files:
            report("given file", path, show)
        return 0
    report("OLD TEST SET (the rules were written against it)", TEST_SET, show)
    report("BLIND DEV (threshold chosen and errors read on it)", DEV_PATH, show)
    if "--blind-test" in argv:
        report("BLIND TEST (never read, never tuned on)", BLIND_TEST, show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
