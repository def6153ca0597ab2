"""Safeguarding detector: does a text disclose current risk or harm to the writer or
someone else (abuse happening now, a child at risk, threats, exploitation, self-harm or
suicidal intent)?

The rules (``safeguard_rules.py``, data in ``safeguard_rules.toml``) find the plain
disclosures. Importable without Flask.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from nlp.safeguard_rules import Evidence, match

VERSION = "safeguarding-rules-1"
TEST_SET = Path(__file__).with_name("data") / "safeguarding_test.jsonl"
CATEGORIES = ("abuse", "child_at_risk", "exploitation", "threats", "self_harm", "danger")

__all__ = ["CATEGORIES", "Evidence", "SafeguardingResult", "assess", "evaluate", "is_at_risk"]


@dataclass(frozen=True)
class SafeguardingResult:
    """`flag` is true when the text discloses current risk; evidence says where."""

    flag: bool
    categories: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "flag": self.flag,
            "categories": list(self.categories),
            "version": VERSION,
            "evidence": [e.__dict__ for e in self.evidence],
        }


def assess(text: str) -> SafeguardingResult:
    """Screen one text."""
    found = match(text)
    categories = tuple(c for c in CATEGORIES if any(e.category == c for e in found))
    return SafeguardingResult(bool(found), categories, tuple(found))


def is_at_risk(text: str) -> bool:
    return assess(text).flag


def load_examples(path: Path | str = TEST_SET) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(path: Path | str = TEST_SET) -> dict:
    """Precision and recall of the detector on a JSONL file of {"text", "flag"}."""
    tp = fp = fn = tn = 0
    missed, false_flags = [], []
    for item in load_examples(path):
        predicted, wanted = is_at_risk(item["text"]), bool(item["flag"])
        tp += predicted and wanted
        fp += predicted and not wanted
        fn += wanted and not predicted
        tn += not predicted and not wanted
        if wanted and not predicted:
            missed.append(item["text"])
        elif predicted and not wanted:
            false_flags.append(item["text"])
    return {
        "examples": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "missed": missed,
        "false_flags": false_flags,
    }
