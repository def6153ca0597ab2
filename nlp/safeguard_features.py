"""What the safeguarding classifier reads: each text cut into units, each unit as features.

A unit is the whole text, each of its sentences, and overlapping windows of long run-on
sentences, so a disclosure buried in an ordinary answer about bins is scored on its own
rather than averaged away. Every unit becomes three blocks, each scaled to unit length:

- words: hashed lower-case word unigrams and bigrams, apostrophes dropped ("dont" = "don't");
- characters: hashed 3-5 character n-grams inside each word, so "kil myslef", "beleive"
  and "sucidal" share most of their features with the spellings training used;
- meaning: the idf-weighted mean of the words' static MiniLM vectors (``nlp.vectors``, the
  tagger's representation), so "no one would notice if i was gone" lands near "nobody would
  miss me" though the words differ. A word the table lacks is spelt out of WordPieces.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy
import scipy.sparse

from nlp.minilm import basic_split, longest_match

SLOTS = 1 << 18  # hashed sparse features (words and characters share the space)
TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\w\s]")
ENDS = frozenset(".!?;\u2026")
WINDOW, STRIDE, LONG = 24, 12, 32  # windows over sentences longer than LONG tokens
MAX_CHARS = 200_000  # beyond this a text is screened in pieces of this size (see units)
# Context: every unit is read beside the whole text's words, at this weight, in slots of
# their own (an odd multiplier permutes the slots), so "thirty years ago, he's long gone"
# elsewhere in the text can lower "my boyfriend hit me".
CONTEXT_SCALE = 0.5
MAX_WORD = 40  # longer "words" (a URL, "aaaa..." pasted 50,000 times) are read by their start
CONTEXT_MULTIPLIER = 40503


@dataclass(frozen=True)
class Unit:
    """A stretch of a text: tokens [start, end) and characters [char_start, char_end)."""

    start: int
    end: int
    char_start: int
    char_end: int


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (SLOTS - 1)


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]], list[bool]]:
    """Lower-case tokens, their character spans, and whether a sentence ends after each."""
    words, spans, ends = [], [], []
    for m in TOKEN.finditer(text):
        word = m.group().lower().replace("\u2019", "'")
        if ends and "\n" in text[spans[-1][1] : m.start()]:
            ends[-1] = True
        words.append(word)
        spans.append(m.span())
        ends.append(word in ENDS)
    return words, spans, ends


def units(words: list[str], spans: list[tuple[int, int]], ends: list[bool]) -> list[Unit]:
    """The whole text, its sentences (when more than one), and windows of long sentences."""
    if not words:
        return []
    sentences, start = [], 0
    for i, end in enumerate(ends):
        if end or i == len(words) - 1:
            if any(w not in ENDS for w in words[start : i + 1]):
                sentences.append((start, i + 1))
            start = i + 1
    found = {(0, len(words))}
    for a, b in sentences:
        found.add((a, b))
        if b - a > LONG:
            for s in range(a, b - WINDOW + STRIDE, STRIDE):
                found.add((s, min(s + WINDOW, b)))
    return [Unit(a, b, spans[a][0], spans[b - 1][1]) for a, b in sorted(found, key=lambda u: (u[0], -u[1]))]


@dataclass(frozen=True)
class Features:
    sparse: list[tuple[numpy.ndarray, numpy.ndarray]]
    dense: numpy.ndarray
    context: numpy.ndarray
    context_dense: numpy.ndarray


class Featurizer:
    """Turns units of a text into sparse feature ids and dense meaning vectors."""

    def __init__(self, keys: list[str], table: numpy.ndarray, idf: numpy.ndarray, default_idf: float):
        self.key2row = {k: i for i, k in enumerate(keys)}
        self.table = table
        self.idf = idf
        self.default_idf = default_idf
        self._cache: dict[str, tuple[int, numpy.ndarray, numpy.ndarray]] = {}
        self._zero = numpy.zeros((table.shape[1],), dtype="float32")

    def word(self, word: str) -> tuple[int, numpy.ndarray, numpy.ndarray]:
        """(the word's sparse id, its character n-gram ids, its idf-weighted vector)."""
        entry = self._cache.get(word)
        if entry is not None:
            return entry
        plain = word.replace("'", "")[:MAX_WORD]
        padded = f"<{plain}>"
        chars = []
        if len(plain) > 1 and plain.isalpha():
            chars = [_hash("c:" + padded[i : i + n]) for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
        row = self.key2row.get(word)
        if word in ENDS:
            vec = self._zero
        elif row is not None:
            vec = self.idf[row] * self.table[row]
        else:  # spelt out of WordPieces: the pieces' mean, at the weight of an unseen word
            rows = [r for part in basic_split(plain) for r in longest_match(part, self.key2row.get)]
            vec = self.default_idf * self.table[rows].mean(axis=0) if rows else self._zero
        entry = (_hash("w:" + plain), numpy.asarray(chars, dtype="int64"), numpy.asarray(vec, dtype="float32"))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[word] = entry
        return entry

    def features(self, words: list[str], found: list[Unit]) -> Features:
        """Per unit: (word and bigram ids, character n-gram ids), each unique, and a dense row
        (meaning, unit length); and the context every unit is read in: the whole text's word
        and bigram ids (in slots of their own) and its dense row. ``found[0]`` is the whole text."""
        info = [self.word(w) for w in words]
        plain = [w.replace("'", "") for w in words]
        word_ids = numpy.asarray([i[0] for i in info], dtype="int64")
        bigram_ids = numpy.asarray([_hash(f"b:{a} {b}") for a, b in zip(plain, plain[1:], strict=False)], dtype="int64")
        prefix = numpy.zeros((len(words) + 1, self.table.shape[1]), dtype="float32")
        if info:
            numpy.cumsum(numpy.stack([i[2] for i in info]), axis=0, out=prefix[1:])
        sparse, dense = [], numpy.zeros((len(found), self.table.shape[1]), dtype="float32")
        for u, unit in enumerate(found):
            a, b = unit.start, unit.end
            ids = numpy.unique(numpy.concatenate([word_ids[a:b], bigram_ids[a : b - 1]]))
            chars = [info[i][1] for i in range(a, b) if len(info[i][1])]
            sparse.append((ids, numpy.unique(numpy.concatenate(chars)) if chars else chars_none()))
            vec = prefix[b] - prefix[a]
            norm = float(numpy.linalg.norm(vec))
            if norm > 0:
                dense[u] = vec / norm
        context = (sparse[0][0] * CONTEXT_MULTIPLIER + 17) % SLOTS if sparse else chars_none()
        return Features(sparse, dense, context, dense[0] if len(dense) else numpy.zeros_like(prefix[0]))

    def rows(self, words: list[str], found: list[Unit]) -> tuple[scipy.sparse.csr_matrix, numpy.ndarray]:
        """The same as a sparse matrix (each block scaled to unit length), for training."""
        f = self.features(words, found)
        indptr, indices, data = [0], [], []
        for blocks in f.sparse:
            for ids, scale in zip((*blocks, f.context), (1.0, 1.0, CONTEXT_SCALE), strict=True):
                if len(ids):
                    indices.append(ids)
                    data.append(numpy.full(len(ids), scale / len(ids) ** 0.5, dtype="float32"))
            indptr.append(indptr[-1] + sum(len(ids) for ids in (*blocks, f.context)))
        matrix = scipy.sparse.csr_matrix(
            (
                numpy.concatenate(data) if data else numpy.zeros(0, "float32"),
                numpy.concatenate(indices) if indices else numpy.zeros(0, "int64"),
                indptr,
            ),
            shape=(len(found), SLOTS),
        )
        matrix.sum_duplicates()  # a word id may equal a character id by hashing
        context = numpy.broadcast_to(f.context_dense * CONTEXT_SCALE, f.dense.shape)
        return matrix, numpy.hstack([f.dense, context])


def chars_none() -> numpy.ndarray:
    return numpy.zeros(0, dtype="int64")


def fit_idf(texts: list[str], keys: list[str]) -> tuple[numpy.ndarray, float]:
    """Smoothed idf per table row from the training texts; unseen words weigh the most."""
    key2row = {k: i for i, k in enumerate(keys)}
    counts = numpy.zeros((len(keys),), dtype="float64")
    for text in texts:
        rows = {key2row[w] for w in tokenize(text)[0] if w in key2row}
        counts[list(rows)] += 1
    n = len(texts)
    return (numpy.log((n + 1) / (counts + 1)) + 1).astype("float32"), float(numpy.log(n + 1) + 1)
