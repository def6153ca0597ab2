"""How much screening adds per response, and batch throughput.

    .venv/bin/python benchmarks/safeguarding_speed.py [N]

Texts: the tagger's dev set (consultation answers of every length), repeated to N (default
3,000). Prints the median and p95 of one ``assess`` call (rules + classifier, as the response
hook runs it) and responses per second over the whole batch, in one process, by the wall
clock and by CPU time (the figure to trust on a machine shared with other jobs).
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
    times, cpu_times = [], []
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in texts:
        t, c = time.perf_counter(), time.process_time()
        assess(text)
        times.append(time.perf_counter() - t)
        cpu_times.append(time.process_time() - c)
    total, cpu_total = time.perf_counter() - start, time.process_time() - cpu_start
    words = statistics.mean(len(t.split()) for t in texts)
    times.sort()
    print(f"detector {version()}: {n} responses, {words:.0f} words on average")
    print(f"  per response: median {statistics.median(times) * 1000:.2f} ms, p95 {times[int(0.95 * n)] * 1000:.2f} ms")
    print(f"  per response, CPU time: median {statistics.median(cpu_times) * 1000:.2f} ms")
    print(f"  batch: {n / total:,.0f} responses/s wall clock, {n / cpu_total:,.0f} per CPU second (one process)")
    long_text = " ".join(texts[:400])[:120_000]
    t = time.perf_counter()
    assess(long_text)
    print(f"  one text of {len(long_text.split()):,} words: {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
