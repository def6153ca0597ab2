"""Safeguarding detector: does a text disclose current risk or harm to the writer or
someone else (abuse happening now, a child at risk, threats, exploitation, self-harm or
suicidal intent)?

Two parts (a missed disclosure is far worse than a false flag, but every flag withholds the
text from every output and opens a case for an officer, so ordinary answers must pass):
- a trained classifier (``safeguard_model.py``, features in ``safeguard_features.py``, built
  by ``python -m nlp train`` through ``safeguard_train.py``) scores the whole text, each
  sentence and windows of long ones, and flags a text whose best unit reaches a threshold
  chosen on held-out data (recall on the blind dev set, and how much ordinary text it may
  flag); its evidence is that unit, its categories the category heads' there. The
  ``self_harm`` head (which makes the officers' alert URGENT) is fitted against ordinary text
  too: it names self-harm only from its own level, and a high enough score flags on its own;
- the rules (``safeguard_rules.py``, data in ``safeguard_rules.toml``): a firm rule match is
  the floor (it adds its flag, category and words whatever the classifier says); a weak one
  (single risk words, patterns that ordinary crime reports also fit) counts only where the
  classifier's score reaches a lower "support" level.
With no trained model (a fresh checkout before ``python -m nlp train``) the rules run alone,
and the version says so. Importable without Flask.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nlp.safeguard_model import CATEGORIES, SafeguardModel, model_path
from nlp.safeguard_rules import Evidence, match_tiers

log = logging.getLogger(__name__)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
RULES_VERSION = "safeguarding-rules-1"
TEST_SET = Path(__file__).with_name("data") / "safeguarding_test.jsonl"
# A category head at or above this, at the flagged unit, names the category (the best one
# always does). Self-harm is named from the model's own level (``self_harm_min``, chosen at
# training), as it takes its own urgent path: never merely for being the best of weak heads.
CATEGORY_MIN = 0.5

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
            "version": version(),
            "evidence": [e.__dict__ for e in self.evidence],
        }


@lru_cache(maxsize=1)
def get_model() -> SafeguardModel | None:
    """The trained classifier, cached per process; None (rules alone) when there is none."""
    path = model_path()
    if not (path / "meta.json").is_file():
        log.warning("No safeguarding model at %s: the rules run alone (python -m nlp train builds it)", path)
        return None
    return SafeguardModel.load(path)


def version() -> str:
    model = get_model()
    return f"{model.version}+rules" if model else RULES_VERSION


def assess(text: str) -> SafeguardingResult:
    """Screen one text: firm rule matches, the classifier's flag, and weak rule matches the
    classifier supports. Evidence offsets index ``text`` as given (lone surrogates, which
    cannot be encoded, are read as spaces)."""
    text = LONE_SURROGATE.sub(" ", text or "")
    firm, weak = match_tiers(text)
    found = list(firm)
    model = get_model()
    if model is None:
        found += weak  # the rules alone: every match counts
    elif text.strip():
        score = model.score(text)
        if weak and score.probability >= model.support:
            found += weak
        self_harm = score.categories.get("self_harm", 0.0) >= model.self_harm_flag
        if score.unit is not None and (score.probability >= model.threshold or self_harm):
            a, b = score.unit.char_start, score.unit.char_end
            named = name_categories(score.categories, model.self_harm_min)
            found += [Evidence(c, a, b, text[a:b]) for c in named]
    categories = tuple(c for c in CATEGORIES if any(e.category == c for e in found))
    return SafeguardingResult(bool(found), categories, tuple(found))


def name_categories(heads: dict[str, float], self_harm_min: float) -> list[str]:
    """The categories the classifier names at its flagged unit: every head at CATEGORY_MIN,
    self-harm only at ``self_harm_min``; failing all, the best other head."""
    named = [c for c in CATEGORIES if heads[c] >= (self_harm_min if c == "self_harm" else CATEGORY_MIN)]
    others = {c: p for c, p in heads.items() if c != "self_harm"}
    return named or [max(others, key=others.get)]


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
