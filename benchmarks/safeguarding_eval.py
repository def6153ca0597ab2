"""Precision and recall of the safeguarding detector on its hand-written test set.

    .venv/bin/python benchmarks/safeguarding_eval.py [path.jsonl] [--show]

Recall comes first: a missed disclosure is worse than a false flag.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.safeguarding import TEST_SET, VERSION, evaluate  # noqa: E402


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    result = evaluate(args[0] if args else TEST_SET)
    print(
        f"detector {VERSION} on {args[0] if args else TEST_SET.name}: {result['examples']} examples"
    )
    print(
        f"  true flags {result['tp']}, false flags {result['fp']}, "
        f"missed {result['fn']}, true passes {result['tn']}"
    )
    print(f"  precision {result['precision']:.3f}")
    print(f"  recall    {result['recall']:.3f}")
    if "--show" in argv:
        for text in result["missed"]:
            print(f"  MISSED: {text}")
        for text in result["false_flags"]:
            print(f"  FALSE FLAG: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
