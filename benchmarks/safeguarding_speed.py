"""How much screening adds per response, and batch throughput.

    .venv/bin/python benchmarks/safeguarding_speed.py [N]

Texts: the tagger's dev set (consultation answers of every length), repeated to N (default
3,000). Prints the median and p95 of one ``assess`` call (rules + classifier, as the response
hook runs it) and responses per second over the whole batch, in one process.
Targets (issue 21): <= 5 ms median, >= 500 responses/s.
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.safeguarding import assess, version  # noqa: E402


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 3000
    lines = (ROOT / "nlp" / "data" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    texts = (texts * (n // len(texts) + 1))[:n]
    assess("warm up the pipeline and the model")
    times = []
    start = time.perf_counter()
    for text in texts:
        t = time.perf_counter()
        assess(text)
        times.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    words = statistics.mean(len(t.split()) for t in texts)
    times.sort()
    print(f"detector {version()}: {n} responses, {words:.0f} words on average")
    print(f"  per response: median {statistics.median(times) * 1000:.2f} ms, p95 {times[int(0.95 * n)] * 1000:.2f} ms")
    print(f"  batch: {n / total:,.0f} responses/s (one process)")
    long_text = " ".join(texts[:400])[:120_000]
    t = time.perf_counter()
    assess(long_text)
    print(f"  one text of {len(long_text.split()):,} words: {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
