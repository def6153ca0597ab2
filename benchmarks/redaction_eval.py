"""Recall and precision of the redactor per kind, and its speed.

    .venv/bin/python benchmarks/redaction_eval.py [--half=held-out|tuning|all|blind-N] [--show]

Scores both halves of tests/data/redaction_eval.jsonl (odd ids held out from tuning), and
tests/data/redaction_blind*.jsonl, rounds of snippets written after tuning and scored
before any change made for them;
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
from engage.redaction.evaluate import BLIND_SETS, evaluate, load  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "engage/data/demo_responses.jsonl"


def report(half: str, show: bool) -> None:
    rows = load(BLIND_SETS[half]) if half in BLIND_SETS else load(half=half)
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


def throughput(texts: list[str], seconds: float = 2.0) -> str:
    """Texts per second of this process's CPU time (a busy shared machine makes wall time
    say more about the neighbours than the redactor), and of wall time."""
    redact(texts[0])  # word lists load once per process
    n, cpu, wall = 0, time.process_time(), time.perf_counter()
    while time.process_time() - cpu < seconds:
        for t in texts:
            redact(t)
        n += len(texts)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return f"{n / cpu:,.0f}/s CPU ({n / wall:,.0f}/s wall)"


def _seconds(text: str) -> float:
    start = time.perf_counter()
    redact(text)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    halves = [a.split("=", 1)[1] for a in argv if a.startswith("--half=")] or [
        "tuning",
        "held-out",
        *BLIND_SETS,
    ]
    print("span-level: a gold detail is found when a detection of its kind overlaps it;")
    print("a detection is right when it overlaps a gold detail of its kind")
    for half in halves:
        report(half, "--show" in argv)
    worst = max((_seconds(text), text[:12]) for text in ("a" * 50_000, "1" * 50_000, "0 " * 25_000, "x." * 25_000))
    print(f"slowest of four 50,000-character pathological texts: {worst[0]:.3f} s ({worst[1]!r}...)")
    snippets = [r["text"] for r in load()]
    demo = [json.loads(ln)["text"] for ln in DEMO.read_text().splitlines() if ln]
    avg = sum(map(len, demo)) / len(demo)
    print(
        f"throughput on one core: snippets {throughput(snippets)}; "
        f"demo responses ({avg:.0f} chars average) {throughput(demo)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
