"""Tagging speed: batch throughput (responses/s) and single-response latency.

    python benchmarks/nlp_speed.py [--n 5000] [--model PATH]

Targets: >= 2,000 responses/s in batch (texts averaging 60 words), median < 5 ms single.
Wall-clock figures depend on what else the machine is running, so the single-process CPU
time (``time.process_time``) is printed too: it is what an idle core would deliver.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.nlp_corpus import corpus  # noqa: E402
from nlp.tagger import load_tagger  # noqa: E402


def throughput(tagger, texts, batch_size: int, n_process: int = 1) -> tuple[float, float]:
    """(responses per wall-clock second, responses per CPU second of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in tagger.tag_many(texts, batch_size=batch_size, n_process=n_process))
    return count / (time.perf_counter() - wall), count / (time.process_time() - cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--single", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    texts = corpus(args.n)
    tagger = load_tagger(args.model)
    list(tagger.tag_many(texts[:500]))  # warm the lemma and vocab caches
    words = sum(len(t.split()) for t in texts) / len(texts)

    wall, cpu = throughput(tagger, texts, args.batch_size)
    two, _ = throughput(tagger, texts, args.batch_size, n_process=2)
    latencies = []
    for text in texts[: args.single]:
        t0 = time.perf_counter()
        tagger.tag(text)
        latencies.append((time.perf_counter() - t0) * 1000)
    median, p95 = statistics.median(latencies), statistics.quantiles(latencies, n=20)[-1]

    print(f"model {tagger.version}; {len(texts)} texts, {words:.1f} words on average")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average now: {load} on {os.cpu_count()} cores")
    print(f"batch, 1 process: {wall:,.0f} responses/s wall clock, {cpu:,.0f} per CPU second")
    print(f"batch, 2 processes: {two:,.0f} responses/s wall clock (target >= 2,000)")
    print(f"single response: median {median:.2f} ms, p95 {p95:.2f} ms (target median < 5 ms)")
    return 0 if max(wall, two) >= 2000 and median < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
