"""Recall and precision of the redactor per kind, and its speed.

    .venv/bin/python benchmarks/redaction_eval.py [--half=held-out|tuning|all] [--show]

Scores both halves of tests/data/redaction_eval.jsonl (odd ids held out from tuning);
matching is span-level by overlap within the same kind (engage/redaction/evaluate.py).
Speed: snippets/s over the set, and responses/s over the demo responses
(engage/data/demo_responses.jsonl), the length of what residents write.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engage.redaction import KINDS, redact  # noqa: E402
from engage.redaction.evaluate import evaluate, load  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "engage/data/demo_responses.jsonl"


def report(half: str, show: bool) -> None:
    rows = load(half=half)
    r = evaluate(rows)
    gold = sum(len(x["spans"]) for x in rows)
    print(f"{half}: {r.snippets} snippets, {gold} gold details")
    print(f"  {'kind':14} {'gold':>5} {'recall':>7} {'found':>6} {'precision':>9}")
    for kind in KINDS:
        s = r.kinds[kind]
        print(f"  {kind:14} {s.gold:5d} {s.recall:7.3f} {s.detected:6d} {s.precision:9.3f}")
    o = r.overall
    print(f"  {'overall':14} {o.gold:5d} {o.recall:7.3f} {o.detected:6d} {o.precision:9.3f}")
    print(f"  covered by a detection of any kind: {r.covered / max(gold, 1):.3f}")
    if show:
        for line in r.missed:
            print("  MISSED", line)
        for line in r.wrong:
            print("  WRONG ", line)


def throughput(texts: list[str], seconds: float = 2.0) -> float:
    redact(texts[0])  # word lists load once per process
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            redact(t)
        n += len(texts)
    return n / (time.perf_counter() - start)


def main(argv: list[str]) -> int:
    halves = [a.split("=", 1)[1] for a in argv if a.startswith("--half=")] or [
        "tuning",
        "held-out",
    ]
    for half in halves:
        report(half, "--show" in argv)
    snippets = [r["text"] for r in load()]
    demo = [json.loads(ln)["text"] for ln in DEMO.read_text().splitlines() if ln]
    avg = sum(map(len, demo)) / len(demo)
    print(f"throughput: {throughput(snippets):,.0f} snippets/s; "
          f"{throughput(demo):,.0f} responses/s (demo responses, {avg:.0f} chars average)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
