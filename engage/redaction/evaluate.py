"""Scoring the redactor on the labelled set in tests/data/redaction_eval.jsonl.

Span-level, per kind: a gold detail is found when a detected detail of the same kind
overlaps it by at least one character, and a detection is right when it overlaps a gold
detail of its kind. "Any kind" counts a gold detail as covered by any overlapping
detection (what matters for a leak). Odd ids are held out: never looked at while tuning."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from engage.redaction import KINDS, find_personal_details

EVAL_SET = Path(__file__).resolve().parents[2] / "tests/data/redaction_eval.jsonl"
HALVES = {"tuning": lambda i: i % 2 == 0, "held-out": lambda i: i % 2 == 1, "all": lambda i: True}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    detected: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.detected if self.detected else 1.0


@dataclass
class Result:
    snippets: int = 0
    kinds: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    overall: Score = field(default_factory=Score)
    covered: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def load(path: Path = EVAL_SET, half: str = "all") -> list[dict]:
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    return [r for r in rows if HALVES[half](r["id"])]


def evaluate(rows: list[dict]) -> Result:
    result = Result(snippets=len(rows))
    for row in rows:
        found = find_personal_details(row["text"])
        for g in row["spans"]:
            hits = [d for d in found if d.start < g["end"] and g["start"] < d.end]
            same = any(d.kind == g["kind"] for d in hits)
            _count(result, g["kind"], "gold", same)
            result.covered += bool(hits)
            if not same:
                result.missed.append(f"{row['id']} {g['kind']} {g['text']!r}: {row['text']!r}")
        for d in found:
            right = any(
                g["kind"] == d.kind and d.start < g["end"] and g["start"] < d.end
                for g in row["spans"]
            )
            _count(result, d.kind, "detected", right)
            if not right:
                result.wrong.append(f"{row['id']} {d.kind} {d.text!r}: {row['text']!r}")
    return result


def _count(result: Result, kind: str, what: str, ok: bool) -> None:
    for score in (result.kinds[kind], result.overall):
        if what == "gold":
            score.gold += 1
            score.found += ok
        else:
            score.detected += 1
            score.right += ok
