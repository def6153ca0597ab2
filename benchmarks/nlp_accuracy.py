"""Dev-set accuracy of the trained tagger: per-label P/R/F1, micro and macro F1.

    python -m nlp train            # trains on nlp/data/train.jsonl, tunes on dev, saves
    python benchmarks/nlp_accuracy.py [--dev nlp/data/dev.jsonl] [--model PATH]

Targets on dev: no more than 0.02 below model 8486ae151f (micro 0.858, macro 0.863), so
micro F1 >= 0.838, and macro F1 >= 0.80 (issue 16; the earlier target was micro 0.85). The
thresholds were tuned on this same dev set, so this is an optimistic figure.

Also prints the figures on ``nlp/data/multitopic_test.jsonl``: responses about several
priority areas at once, some denying another ("burglary isn't an issue here, but..."),
written for this test by writers who saw neither the model nor its data. Nothing trains or
tunes on it. And a slang probe: the share of taxonomy terms that, alone in a neutral sentence
("There is a lot of twoccing round here lately."), get their own label. It checks that the
rules still carry residents' words the training data never showed the classifier.

And, when present, the real-text development set: passages written by members of the public
(letters, news quotes, testimonies, forums), labelled by ``../shared/labelling-guide.md``. It is
third-party text kept outside the repository (``$ENGAGE_REAL_DEV`` or
``../shared/eval/real-dev.jsonl`` beside the repo root); nothing trains on it. Skipped when absent.
Targets there: micro F1 >= 0.82, macro F1 >= 0.80.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.jsonl import read_gold  # noqa: E402
from nlp.metrics import score, tune_threshold  # noqa: E402
from nlp.tagger import load_tagger  # noqa: E402
from nlp.taxonomy import OTHER, TOPIC_LABELS, load_taxonomy  # noqa: E402
from nlp.train import DEV_PATH, MULTITOPIC_TEST_PATH  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# shared/ sits beside the repo root (main, CI) or two levels up (a worktree under wt/).
_CANDIDATES = [base / "shared" / "eval" / "real-dev.jsonl" for base in (ROOT.parent, ROOT.parent.parent)]
REAL_DEV_PATH = Path(os.environ.get("ENGAGE_REAL_DEV") or next((p for p in _CANDIDATES if p.is_file()), _CANDIDATES[0]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", type=Path, default=DEV_PATH)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--multitopic", type=Path, default=MULTITOPIC_TEST_PATH)
    parser.add_argument("--real-dev", type=Path, default=REAL_DEV_PATH)
    args = parser.parse_args()
    records = list(read_gold(args.dev))
    tagger = load_tagger(args.model)
    predicted = [r.labels for r in tagger.tag_many(rec.text for rec in records)]
    report = score([rec.labels for rec in records], predicted)
    print(f"model {tagger.version} on {args.dev} ({len(records)} responses)")
    print(report.format())
    if args.multitopic.is_file():
        print_multitopic(tagger, list(read_gold(args.multitopic)), args.multitopic)
    real_ok = print_real_dev(tagger, args.real_dev)
    probe = [(label.id, term) for label in load_taxonomy().values() for term in label.terms]
    results = tagger.tag_many(f"There is a lot of {term} round here lately." for _, term in probe)
    found = sum(label in result.labels for (label, _), result in zip(probe, results, strict=True))
    print(f"slang probe: {found}/{len(probe)} taxonomy terms get their label ({OTHER!r} excluded)")
    if tagger.version != "rules-only":
        cross = held_out_thresholds(tagger, records)
        print(
            f"thresholds tuned on the other half of dev (2-fold): micro F1 "
            f"{cross.micro_f1:.3f}, macro F1 {cross.macro_f1:.3f}"
        )
    ok = report.micro_f1 >= 0.838 and report.macro_f1 >= 0.80
    print(f"dev targets micro >= 0.838, macro >= 0.80: {'met' if ok else 'NOT met'}")
    return 0 if ok and real_ok is not False else 1


def print_real_dev(tagger, path: Path) -> bool | None:
    """Per-label P/R and micro/macro F1 on real residents' writing; None when the file is absent."""
    if not path.is_file():
        print(f"real-dev: {path} not found, skipped (set ENGAGE_REAL_DEV to its path)")
        return None
    records = list(read_gold(path))
    predicted = [r.labels for r in tagger.tag_many(rec.text for rec in records)]
    report = score([rec.labels for rec in records], predicted)
    print(f"real-dev {path} ({len(records)} passages by members of the public):")
    print(report.format())
    ok = report.micro_f1 >= 0.82 and report.macro_f1 >= 0.80
    print(f"real-dev targets micro >= 0.82, macro >= 0.80: {'met' if ok else 'NOT met'}")
    return ok


def print_multitopic(tagger, records, path) -> None:
    """Several topics per response: F1, whole-response matches, labels found and added."""
    predicted = [r.labels for r in tagger.tag_many(rec.text for rec in records)]
    report = score([rec.labels for rec in records], predicted)
    exact = sum(set(rec.labels) == set(p) for rec, p in zip(records, predicted, strict=True))
    gold = sum(len(rec.labels) for rec in records)
    missed = sum(len(set(rec.labels) - set(p)) for rec, p in zip(records, predicted, strict=True))
    extra = sum(len(set(p) - set(rec.labels)) for rec, p in zip(records, predicted, strict=True))
    several = sum(len(rec.labels) > 1 for rec in records)
    print(
        f"multi-topic test {path} ({len(records)} responses, {several} about several areas): "
        f"micro F1 {report.micro_f1:.3f}, macro F1 {report.macro_f1:.3f}; exactly right {exact}; "
        f"of {gold} gold labels {missed} missed, and {extra} labels added"
    )


def held_out_thresholds(tagger, records):
    """Dev scored with thresholds tuned on the *other* half: an estimate for unseen text."""
    scorer = tagger.nlp.get_pipe("engage_priority_tagger")
    saved = dict(scorer.thresholds)
    docs = list(tagger.nlp.pipe((r.text for r in records), disable=[scorer.name]))
    raws = [scorer.raw_scores(doc) for doc in docs]
    halves = (range(0, len(records), 2), range(1, len(records), 2))
    predicted: list = [[] for _ in records]
    try:
        for tune, test in (halves, halves[::-1]):
            scorer.thresholds = {
                label: tune_threshold([raws[i][label] for i in tune], [label in records[i].labels for i in tune])
                for label in TOPIC_LABELS
            }
            for i in test:
                if records[i].text.strip():
                    doc = docs[i]
                    blocked = scorer.negated_only(doc)
                    predicted[i] = scorer.decide(raws[i], doc.cats.get(OTHER), blocked)[0]
    finally:
        scorer.thresholds = saved
    return score([r.labels for r in records], predicted)


if __name__ == "__main__":
    sys.exit(main())
