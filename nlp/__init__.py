"""Priority-area tagger for residents' free text: a spaCy pipeline, importable without Flask.

``from nlp import get_tagger, LABELS`` is the whole API the app needs; importing this
package is cheap (spaCy loads on first use of the tagger).
"""

from typing import TYPE_CHECKING, Any

from nlp.taxonomy import LABELS, OBJECTIVES, label_name, load_taxonomy, objectives_for

if TYPE_CHECKING:
    from nlp.tagger import Tagger, TagResult, get_tagger

__all__ = [
    "LABELS",
    "OBJECTIVES",
    "TagResult",
    "Tagger",
    "get_tagger",
    "label_name",
    "load_taxonomy",
    "objectives_for",
]


def __getattr__(name: str) -> Any:
    if name in {"get_tagger", "Tagger", "TagResult"}:
        from nlp import tagger

        return getattr(tagger, name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
