"""The tagger the app calls: ``get_tagger().tag(text)`` -> labels, scores and evidence.

Loads the trained pipeline once per process (from ``ENGAGE_NLP_MODEL_PATH`` or
``nlp/model/``), or builds the rules-only pipeline when no model has been trained, so
tagging always works. Input is cleaned without changing its length, so evidence offsets
always point into the text the resident actually wrote.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline import build_nlp, load_nlp
from nlp.taxonomy import LABELS

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path(__file__).with_name("model")
MODEL_PATH_ENV = "ENGAGE_NLP_MODEL_PATH"
RULES_ONLY = "rules-only"
# Responses are capped at 10,000 characters by the app; anything beyond this is tagged on
# its first MAX_CHARS characters so one pasted novel cannot stall a batch.
MAX_CHARS = 20_000

# Same-length replacements: HTML tags, control characters (not tab/newline), C1 controls,
# zero-width and bidi marks, lone surrogates (they cannot even be encoded as UTF-8).
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ud800-\udfff]")


@dataclass(frozen=True)
class TagResult:
    """Priority areas of one response; evidence offsets index the original text."""

    labels: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def clean(text: str) -> str:
    """Text safe for the pipeline, with exactly the same length as ``text``."""
    text = _HTML_TAG.sub(lambda m: " " * len(m.group()), text)
    return _JUNK.sub(" ", text)


class Tagger:
    """A loaded priority-area pipeline plus the version string stored with every tag."""

    def __init__(self, nlp: Language, version: str) -> None:
        self.nlp = nlp
        self.version = version

    @classmethod
    def load(cls, path: Path | str) -> Tagger:
        nlp = load_nlp(path)
        return cls(nlp, str(nlp.meta.get("engage", {}).get("version", nlp.meta.get("version"))))

    @classmethod
    def rules_only(cls) -> Tagger:
        return cls(build_nlp(with_textcat=False), RULES_ONLY)

    def tag(self, text: str | None) -> TagResult:
        """Tag one response; ``None`` or blank text gets no labels at all."""
        return next(self.tag_many([text], batch_size=1))

    def tag_many(self, texts: Iterable[str | None], batch_size: int = 256, n_process: int = 1) -> Iterator[TagResult]:
        """Tag a stream of responses lazily, in order (``nlp.pipe`` under the hood).

        ``n_process > 1`` forks workers that return small results rather than Docs
        (spaCy's own ``n_process`` ships whole Docs back and was slower than one process
        here); use it for bulk jobs on a server, never inside a web request.
        """
        if n_process > 1:
            yield from self._tag_in_workers(texts, batch_size, n_process)
            return
        originals: deque[str | None] = deque()  # None: the pipeline saw the text unchanged

        def prepared() -> Iterator[str]:
            for text in texts:
                text = _as_text(text)
                cleaned = clean(text[:MAX_CHARS])
                originals.append(None if cleaned == text else text)
                yield cleaned

        for doc in self.nlp.pipe(prepared(), batch_size=batch_size):
            yield _result(doc, originals.popleft())

    def _tag_in_workers(self, texts: Iterable[str | None], batch_size: int, n_process: int) -> Iterator[TagResult]:
        global _WORKER_TAGGER
        _WORKER_TAGGER = self  # inherited by the forked workers, never pickled
        batches = _batches((_as_text(t) for t in texts), batch_size)
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            for results in pool.imap(_tag_batch, batches):
                yield from results


_WORKER_TAGGER: Tagger | None = None


def _tag_batch(texts: list[str]) -> list[TagResult]:
    assert _WORKER_TAGGER is not None
    return list(_WORKER_TAGGER.tag_many(texts, batch_size=len(texts) or 1))


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _as_text(text: Any) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError(f"tag() expects str, got {type(text).__name__}")
    return text


def _result(doc: Doc, original: str | None) -> TagResult:
    """The doc's annotations; evidence text re-read from ``original`` if it was cleaned."""
    ext = doc._
    if not ext.priority_labels:  # blank text
        return TagResult(labels=[], scores=dict.fromkeys(LABELS, 0.0), evidence={})
    scores = ext.priority_scores
    evidence = ext.priority_evidence or {}
    if original is not None:
        evidence = {
            label: [{**hit, "text": original[hit["start"] : hit["end"]]} for hit in hits]
            for label, hits in evidence.items()
        }
    return TagResult(
        labels=list(ext.priority_labels),
        scores={label: scores[label] for label in LABELS},
        evidence=evidence,
    )


def model_path() -> Path:
    """Where the trained model lives: ``$ENGAGE_NLP_MODEL_PATH`` or ``nlp/model/``."""
    return Path(os.environ.get(MODEL_PATH_ENV) or DEFAULT_MODEL_PATH)


def load_tagger(path: Path | str | None = None) -> Tagger:
    """The trained tagger at ``path``, or the rules-only tagger when none was trained."""
    path = Path(path) if path is not None else model_path()
    if not (path / "config.cfg").is_file():
        logger.info("no trained priority model at %s: using the rules-only tagger", path)
        return Tagger.rules_only()
    try:
        return Tagger.load(path)
    except Exception:  # a half-copied model must not take tagging down: tags say "rules-only"
        logger.exception("could not load the priority model at %s: using rules-only", path)
        return Tagger.rules_only()


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    """The process-wide tagger (cached; ``get_tagger.cache_clear()`` reloads it)."""
    return load_tagger()
