"""Rule patterns for the priority-area rules component, read from the taxonomy.

The pipeline config only names this function, so the linguistic data (terms, slang,
misspellings, token patterns) lives in ``taxonomy.toml`` where analysts can edit it.
"""

from __future__ import annotations

from typing import Any

from spacy.util import registry

from nlp.taxonomy import TAXONOMY_PATH, load_taxonomy

# One entry per phrase or token pattern, in the spirit of the EntityRuler's patterns:
#   {"label": "asb", "pattern": "fly tipping" | [{"LOWER": ...}, ...], "negatable": true}
# and one per phrase that cancels a label's matches inside it ("oilseed rape" for vawg):
#   {"label": "vawg", "pattern": "oilseed rape", "mask": true}
# ("at_end": true when the mask counts only where it ends the text).
Pattern = dict[str, Any]


@registry.misc("engage.priority_patterns.v1")
def priority_patterns(path: str | None = None) -> list[Pattern]:
    """Phrase and token patterns for every label of the taxonomy at ``path``."""
    taxonomy = load_taxonomy(path or TAXONOMY_PATH)
    patterns: list[Pattern] = []
    for label in taxonomy.values():
        for term in label.terms:
            patterns.append({"label": label.id, "pattern": term, "negatable": label.negatable})
        for tokens in label.patterns:
            patterns.append({"label": label.id, "pattern": tokens, "negatable": label.negatable})
        for mask in (*label.not_terms, *label.not_patterns):
            patterns.append({"label": label.id, "pattern": mask, "mask": True})
        for mask in label.not_patterns_at_end:
            patterns.append({"label": label.id, "pattern": mask, "mask": True, "at_end": True})
    return patterns
