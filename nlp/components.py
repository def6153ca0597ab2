"""spaCy factories of the priority-area pipeline, and the Doc extensions they set.

Importing this module registers everything a saved pipeline needs (factories, the
textcat architecture, the patterns function), which is also what the ``spacy_factories``
entry points in ``pyproject.toml`` point at.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import architectures as _architectures  # noqa: F401  (registers the textcat model)
from nlp import patterns as _patterns  # noqa: F401  (registers engage.priority_patterns.v1)
from nlp.lemmatizer import LowercaseLemmatizer
from nlp.rules import PriorityRules
from nlp.scorer import PriorityTagger

DOC_EXTENSIONS = (
    "priority_evidence",  # {label: [{"start": char, "end": char, "text": str}]}
    "priority_negated",  # same shape: rule matches that were negated ("no burglary here")
    "priority_scores",  # {label: float}, threshold of every label at 0.5
    "priority_labels",  # [label, ...]; ["other"] when no topic; [] for empty text
)
for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "engage_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "lowercase", "overwrite": False},
)
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> LowercaseLemmatizer:
    """Lower-case lookup lemmas from spacy-lookups-data (no tagger model needed)."""
    return LowercaseLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite, scorer=None)


@Language.factory(
    "engage_priority_rules",
    assigns=["doc._.priority_evidence", "doc._.priority_negated"],
    requires=["token.lemma"],
    default_config={"negation": True},
)
def make_priority_rules(nlp: Language, name: str, negation: bool) -> PriorityRules:
    """Phrase and token rules per priority area; patterns arrive via ``initialize``."""
    return PriorityRules(nlp, name, negation=negation)


@Language.factory(
    "engage_priority_tagger",
    assigns=["doc._.priority_scores", "doc._.priority_labels"],
    requires=["doc._.priority_evidence", "doc.cats"],
    default_config={
        "threshold": 0.5,
        "rule_score": 0.8,
        "negated_factor": 0.3,
        "rule_boost": 0.0,
        "other_threshold": 0.3,
    },
)
def make_priority_tagger(
    nlp: Language,
    name: str,
    threshold: float,
    rule_score: float,
    negated_factor: float,
    rule_boost: float,
    other_threshold: float,
) -> PriorityTagger:
    """Combines classifier scores and rule evidence into labels with per-label thresholds."""
    return PriorityTagger(
        nlp,
        name,
        threshold=threshold,
        rule_score=rule_score,
        negated_factor=negated_factor,
        rule_boost=rule_boost,
        other_threshold=other_threshold,
    )
