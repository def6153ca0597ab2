"""Benchmark corpus for the nlp benchmarks: residents' texts resized to a target length."""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nlp" / "data"


def source_texts() -> list[str]:
    """Texts of the training/dev data (or the writers' drafts before they are merged)."""
    files = [DATA / "train.jsonl", DATA / "dev.jsonl"]
    files = [f for f in files if f.is_file()] or sorted((DATA / "drafts").glob("*.jsonl"))
    texts = [json.loads(line)["text"] for f in files for line in f.open(encoding="utf-8") if line.strip()]
    if not texts:
        raise SystemExit(f"no data under {DATA}: nothing to benchmark with")
    return texts


def corpus(n: int, mean_words: int = 60, seed: int = 0) -> list[str]:
    """``n`` texts whose lengths average ``mean_words`` words (uniform 10..2*mean-10)."""
    rng = random.Random(seed)
    words = [t.split() for t in source_texts()]
    out = []
    for _ in range(n):
        target = rng.randint(10, 2 * mean_words - 10)
        chosen: list[str] = []
        while len(chosen) < target:
            chosen += rng.choice(words)
        out.append(" ".join(chosen[:target]))
    return out
