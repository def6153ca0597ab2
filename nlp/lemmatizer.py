"""Case-insensitive lookup lemmatizer over spacy-lookups-data's English ``lemma_lookup`` table.

spaCy's own lookup mode looks up ``token.text``, and the table only holds lower-case
forms, so "Burglaries" at the start of a sentence would keep its surface form. Residents
type in every case, so this looks up the lower-case form, and applies the table twice
because it is not idempotent ("stabbings" -> "stabbing" -> "stab").
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

CACHE_LIMIT = 200_000


class LowercaseLemmatizer(Lemmatizer):
    """Lemmatizer in mode ``lowercase``: lookup table keyed on lower case, cached per form."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "lowercase":
            return (["lemma_lookup"], [])
        return super().get_lookups_config(mode)

    def lowercase_lemmatize(self, token: Token) -> list[str]:
        return [self.lemma_of(token.lower_)]

    def lemma_of(self, lower: str) -> str:
        """Lemma of a lower-case word form (the form itself when the table lacks it)."""
        table = self.lookups.get_table("lemma_lookup", {})
        lemma = table.get(lower, lower)
        return table.get(lemma, lemma)

    def known(self, lower: str) -> bool:
        """Whether the table knows the word, as a form or as a lemma."""
        table = self.lookups.get_table("lemma_lookup", {})
        return lower in table or lower in self._lemma_set()

    def _lemma_set(self) -> frozenset[str]:
        lemmas = getattr(self, "_lemmas", None)
        if lemmas is None:
            table = self.lookups.get_table("lemma_lookup", {})
            lemmas = self._lemmas = frozenset(table.values())
        return lemmas

    def __call__(self, doc: Doc) -> Doc:
        # Same contract as Lemmatizer.__call__, but vectorised over token ids with a
        # per-form cache: creating a Python Token per word was the hot path of batch tagging.
        if not self._validated:
            self._validate_tables(Errors.E1004)
        if self.mode != "lowercase":
            return super().__call__(doc)
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        ids = doc.to_array([ORTH, LEMMA])
        orths = ids[:, 0].tolist()
        found = list(map(self.cache.get, orths))  # C-level loop; misses are rare after warm-up
        if None in found:
            found = [lemma or self._cached(orth) for lemma, orth in zip(found, orths, strict=True)]
        lemmas = numpy.asarray(found, dtype="uint64")
        if not self.overwrite:
            lemmas = numpy.where(ids[:, 1] != 0, ids[:, 1], lemmas)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _cached(self, orth: int) -> int:
        lemma = self.cache.get(orth)
        if lemma is None:
            strings = self.vocab.strings
            lemma = self.cache[orth] = strings.add(self.lemma_of(strings[orth].lower()))
        return lemma
