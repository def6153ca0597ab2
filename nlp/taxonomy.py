"""The priority areas of the Police and Crime Plan, loaded from ``taxonomy.toml``.

The label ids are a fixed contract with the app (they are stored in ``ResponseTag.label``),
so they live here as constants and the file is checked against them on load.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

TAXONOMY_PATH = Path(__file__).with_name("taxonomy.toml")

LABELS: tuple[str, ...] = (
    "serious_violence",
    "vawg",
    "neighbourhood_crime",
    "rural_crime",
    "asb",
    "road_safety",
    "drugs",
    "exploitation_hidden_harm",
    "fraud_cyber",
    "hate_crime",
    "police_visibility_response",
    "victim_support",
    "youth_prevention",
    "reoffending",
    "trust_confidence",
    "other",
)
OTHER = "other"
TOPIC_LABELS: tuple[str, ...] = tuple(label for label in LABELS if label != OTHER)
OBJECTIVES: tuple[str, ...] = ("Preventing", "Responding", "Supporting")


@dataclass(frozen=True)
class Label:
    """One priority area: what it covers, which plan objectives it serves, what signals it."""

    id: str
    name: str
    description: str
    objectives: tuple[str, ...]
    plan_quotes: tuple[str, ...]
    terms: tuple[str, ...]
    negatable: bool = True
    # Phrases in which a term does not mean this area ("oilseed rape", "a spike in burglaries",
    # "domestic burglary"): a match of this label inside one of them is dropped.
    not_terms: tuple[str, ...] = ()
    # Matcher token patterns (lists of dicts): excluded from hashing because dicts are not.
    patterns: tuple[Any, ...] = field(default=(), hash=False)
    not_patterns: tuple[Any, ...] = field(default=(), hash=False)
    # Token patterns that cancel only when they end the text ("crime has spiked" with nothing
    # after it): checked on the match's end, so no token extension costs every token a lookup.
    not_patterns_at_end: tuple[Any, ...] = field(default=(), hash=False)


class TaxonomyError(ValueError):
    """The taxonomy file does not match the fixed label contract."""


@lru_cache(maxsize=4)
def load_taxonomy(path: Path | str = TAXONOMY_PATH) -> dict[str, Label]:
    """Labels by id, in the fixed order of ``LABELS``; validated, cached per path."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    labels = [_make_label(entry) for entry in raw.get("label", [])]
    ids = tuple(label.id for label in labels)
    if ids != LABELS:
        raise TaxonomyError(f"{path}: label ids must be exactly {LABELS} in order, got {ids}")
    return {label.id: label for label in labels}


def _make_label(entry: dict[str, Any]) -> Label:
    unknown = set(entry.get("objectives", ())) - set(OBJECTIVES)
    if unknown:
        raise TaxonomyError(f"label {entry.get('id')!r}: unknown objectives {sorted(unknown)}")
    return Label(
        id=entry["id"],
        name=entry["name"],
        description=entry["description"],
        objectives=tuple(entry.get("objectives", ())),
        plan_quotes=tuple(entry.get("plan_quotes", ())),
        terms=tuple(dict.fromkeys(term.strip() for term in entry.get("terms", ()))),
        negatable=bool(entry.get("negatable", True)),
        not_terms=tuple(dict.fromkeys(term.strip() for term in entry.get("not_terms", ()))),
        patterns=tuple(entry.get("patterns", ())),
        not_patterns=tuple(entry.get("not_patterns", ())),
        not_patterns_at_end=tuple(entry.get("not_patterns_at_end", ())),
    )


def label_name(label_id: str) -> str:
    """Human name of a label id (raises KeyError for an unknown id)."""
    return load_taxonomy()[label_id].name


def objectives_for(label_id: str) -> tuple[str, ...]:
    """Plan objectives a label rolls up to; ``other`` rolls up to none."""
    return load_taxonomy()[label_id].objectives
