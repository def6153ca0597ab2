"""Peak memory of a tagging process: load the tagger, tag a batch, report max RSS.

    python benchmarks/nlp_memory.py [--n 20000] [--model PATH]

Target: < 500 MB. Run it on its own: the figure is this whole process's peak.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.nlp_corpus import corpus  # noqa: E402
from nlp.tagger import load_tagger  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    texts = corpus(args.n, seed=1)
    tagger = load_tagger(args.model)
    loaded = peak_mb()
    labelled = sum(1 for r in tagger.tag_many(texts) if r.labels)
    peak = peak_mb()
    print(f"model {tagger.version}; tagged {labelled} of {len(texts)} texts")
    print(f"peak RSS after loading: {loaded:.0f} MB; after tagging: {peak:.0f} MB (target < 500 MB)")
    return 0 if peak < 500 else 1


if __name__ == "__main__":
    sys.exit(main())
