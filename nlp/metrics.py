"""Multi-label precision/recall/F1, the report printed by train and evaluate, threshold tuning."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.taxonomy import LABELS


@dataclass(frozen=True)
class LabelScore:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.tp, self.fp, self.fn)

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(frozen=True)
class Report:
    per_label: tuple[LabelScore, ...]

    @property
    def micro_f1(self) -> float:
        return _f1(*(sum(getattr(s, k) for s in self.per_label) for k in ("tp", "fp", "fn")))

    @property
    def macro_f1(self) -> float:
        """Mean F1 over labels that occur in the gold data or the predictions."""
        seen = [s.f1 for s in self.per_label if s.tp + s.fp + s.fn]
        return sum(seen) / len(seen) if seen else 0.0

    def format(self) -> str:
        lines = [f"{'label':<28} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
        for s in self.per_label:
            lines.append(f"{s.label:<28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:8d}")
        lines.append(f"micro F1 {self.micro_f1:.3f}")
        lines.append(f"macro F1 {self.macro_f1:.3f}")
        return "\n".join(lines)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(
    gold: Sequence[Sequence[str]],
    predicted: Sequence[Sequence[str]],
    labels: Sequence[str] = LABELS,
) -> Report:
    """Per-label counts over paired gold and predicted label lists."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold rows but {len(predicted)} predictions")
    rows = []
    for label in labels:
        tp = fp = fn = 0
        for g, p in zip(gold, predicted, strict=True):
            in_g, in_p = label in g, label in p
            tp += in_g and in_p
            fp += in_p and not in_g
            fn += in_g and not in_p
        rows.append(LabelScore(label, tp, fp, fn))
    return Report(tuple(rows))


def tune_threshold(
    scores: Sequence[float],
    truth: Sequence[bool],
    *,
    default: float = 0.5,
    low: float = 0.2,
    high: float = 0.5,
    min_positives: int = 3,
) -> float:
    """Threshold with the best F1 on (dev) scores, smoothed over neighbouring thresholds.

    Smoothing and the [low, high] clamp keep a small dev set from picking a knife-edge
    value that would not carry over to residents' real writing; labels with too few dev
    positives keep the default.
    """
    if sum(truth) < min_positives:
        return default
    grid = [round(low + i * 0.025, 3) for i in range(int(round((high - low) / 0.025)) + 1)]
    f1s = []
    for t in grid:
        tp = sum(1 for s, y in zip(scores, truth, strict=True) if s >= t and y)
        fp = sum(1 for s, y in zip(scores, truth, strict=True) if s >= t and not y)
        f1s.append(_f1(tp, fp, sum(truth) - tp))
    windows = [f1s[max(0, i - 2) : i + 3] for i in range(len(grid))]
    smoothed = [sum(window) / len(window) for window in windows]
    best = max(smoothed)
    # Among equally good thresholds prefer the one nearest the default.
    return min(
        (t for t, f in zip(grid, smoothed, strict=True) if f >= best - 1e-9),
        key=lambda t: abs(t - default),
    )
