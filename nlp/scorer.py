"""Final priority-area decision: classifier scores, rule evidence and per-label thresholds.

Thresholds are tuned on the dev set at training time and saved with the model. Scores are
then rescaled piecewise-linearly so every label's threshold maps to 0.5: callers (and
analysts reading exports) can treat "score >= 0.5" as "tagged" whatever the label.
"""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from nlp.taxonomy import OTHER, TOPIC_LABELS

STATE_FILE = "scorer.json"


class PriorityTagger:
    """Sets ``doc._.priority_scores`` and ``doc._.priority_labels``."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        threshold: float,
        rule_score: float,
        negated_factor: float,
        rule_boost: float,
        other_threshold: float,
    ) -> None:
        self.name = name
        self.other_threshold = other_threshold
        self.default_threshold = threshold
        self.rule_score = rule_score
        self.negated_factor = negated_factor
        self.rule_boost = rule_boost
        self.thresholds: dict[str, float] = dict.fromkeys(TOPIC_LABELS, threshold)

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        thresholds: dict[str, float] | None = None,
    ) -> None:
        self.thresholds = dict.fromkeys(TOPIC_LABELS, self.default_threshold)
        self.thresholds.update(thresholds or {})

    def raw_scores(self, doc: Doc) -> dict[str, float]:
        """Uncalibrated score per topic label, before thresholds.

        Without a classifier (the rules-only tagger) a rule hit scores ``rule_score``.
        With one, the classifier already weighs the rule features it was trained with;
        ``rule_boost`` optionally adds a little more, and a label whose rule matches were
        all negated is damped, because "no burglary here" still mentions burglary.
        """
        ext = doc._
        evidence = ext.priority_evidence or {}
        negated = ext.priority_negated or {}
        cats = doc.cats
        scores = {}
        for label in TOPIC_LABELS:
            if label not in cats:
                scores[label] = self.rule_score if label in evidence else 0.0
                continue
            p = float(cats[label])
            if label in evidence:
                p = 1.0 - (1.0 - p) * (1.0 - self.rule_boost)
            elif label in negated:
                p *= self.negated_factor
            scores[label] = p
        return scores

    @staticmethod
    def negated_only(doc: Doc) -> frozenset[str]:
        """Labels whose every rule match was negated: these never fire."""
        ext = doc._
        return frozenset(ext.priority_negated or {}) - set(ext.priority_evidence or {})

    def decide(
        self,
        raw: dict[str, float],
        p_other: float | None = None,
        blocked: frozenset[str] = frozenset(),
    ) -> tuple[list[str], dict[str, float]]:
        """Labels and calibrated scores (threshold -> 0.5) from raw scores.

        When no topic passes its threshold, ``other`` competes with the best topic on
        calibrated score (the classifier's ``p_other`` maps ``other_threshold`` to 0.5) and
        the higher one is the label, with a score below 0.5 if it is a topic. Nearly every
        consultation response is about something: this added ~0.015 micro F1 on dev and
        on a held-out split over "other whenever no topic passes".
        ``blocked`` labels (see ``negated_only``) are never chosen and score below 0.5.
        """
        thresholds = self.thresholds
        scores = {label: _calibrate(raw[label], thresholds[label]) for label in TOPIC_LABELS}
        for label in blocked:
            scores[label] = min(scores[label], 0.4999)
        labels = [label for label in TOPIC_LABELS if raw[label] >= thresholds[label] and label not in blocked]
        top = max(scores.values(), default=0.0)
        if labels:
            scores[OTHER] = round(min(1.0 - top, 0.4999), 4)
            return labels, scores
        if p_other is None:  # rules only
            scores[OTHER] = round(max(1.0 - top, 0.5), 4)
            return [OTHER], scores
        scores[OTHER] = _calibrate(p_other, self.other_threshold)
        candidates = [label for label in TOPIC_LABELS if label not in blocked]
        best = max(candidates, key=scores.__getitem__)
        return ([best] if scores[best] > scores[OTHER] else [OTHER]), scores

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._
        matched = ext.priority_evidence or ext.priority_negated  # then it is not blank
        if not matched and (len(doc) == 0 or doc.to_array(IS_SPACE).all()):
            ext.priority_scores = dict.fromkeys((*TOPIC_LABELS, OTHER), 0.0)
            ext.priority_labels = []
            return doc
        raw = self.raw_scores(doc)
        decision = self.decide(raw, doc.cats.get(OTHER), self.negated_only(doc))
        ext.priority_labels, ext.priority_scores = decision
        return doc

    def _state(self) -> dict[str, Any]:
        thresholds = {label: round(float(t), 4) for label, t in self.thresholds.items()}
        return {
            "thresholds": thresholds,
            "rule_score": self.rule_score,
            "negated_factor": self.negated_factor,
            "rule_boost": self.rule_boost,
            "other_threshold": self.other_threshold,
        }

    def _load_state(self, state: dict[str, Any]) -> "PriorityTagger":
        self.thresholds = dict.fromkeys(TOPIC_LABELS, self.default_threshold)
        self.thresholds.update(state.get("thresholds", {}))
        for key in ("rule_score", "negated_factor", "rule_boost", "other_threshold"):
            setattr(self, key, float(state.get(key, getattr(self, key))))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        # stdlib json: srsly's ujson writes 0.35 back as 0.35000000000000003
        (path / STATE_FILE).write_text(json.dumps(self._state(), indent=2), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PriorityTagger":
        return self._load_state(json.loads((ensure_path(path) / STATE_FILE).read_text("utf-8")))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self._state()).encode("utf8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PriorityTagger":
        return self._load_state(json.loads(data))


def _calibrate(raw: float, threshold: float) -> float:
    """Map [0, t] -> [0, 0.5] and [t, 1] -> [0.5, 1], rounded for storage and display."""
    raw = min(max(raw, 0.0), 1.0)
    if raw < threshold:
        return min(round(0.5 * raw / threshold, 4), 0.4999)
    if threshold >= 1.0:
        return 1.0
    return max(round(0.5 + 0.5 * (raw - threshold) / (1.0 - threshold), 4), 0.5)
