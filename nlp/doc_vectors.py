"""A text's meaning as one vector: the idf-weighted mean of its words' static vectors.

Words are looked up in lower case in ``doc.vocab.vectors`` (see ``nlp.vectors``); a word the
table lacks is spelt out of WordPieces, greedily longest-first as BERT does, and counts once
whatever its number of pieces. Weights are inverse document frequencies from the training
texts, so "the" and "and" do not drown "machete"; unseen words get the highest weight.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence

import numpy
import scipy.sparse
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.vectors import Vectors
from thinc.api import Model
from thinc.types import Floats2d

from nlp.minilm import basic_split, longest_match

# Rows per lower-case form, per vectors table. Each entry holds its table, so the table's id
# cannot be reused by another while the entry lives; only the latest few tables are kept.
_ROWS: OrderedDict[int, tuple[Vectors, dict[int, tuple[tuple[int, ...], bool]]]] = OrderedDict()
_TABLES_KEPT = 2
_CACHE_LIMIT = 200_000
_SENTENCE_ENDS = frozenset(hash_string(mark) for mark in (".", "!", "?", ";", "...", "…", "!!", "??", "?!"))


def doc_vectors(pooling: str = "mean") -> Model[list[Doc], Floats2d]:
    """``pooling="mean"``: the text's idf-weighted mean vector. ``"mean_max"`` appends the
    element-wise max over its sentences' mean vectors, so a concern raised in one clause of a
    long letter ("...and they never came") is not averaged away by the rest of it."""
    if pooling not in ("mean", "mean_max"):
        raise ValueError(f"unknown pooling {pooling!r}")
    return Model(
        "engage_doc_vectors",
        _forward,
        init=_init,
        dims={"nO": None},
        params={"idf": None},
        attrs={"default_idf": 1.0, "pooling": pooling},
    )


def fit_idf(model: Model, docs: Sequence[Doc]) -> None:
    """Set the weights from ``docs`` (the training texts): smoothed idf per table row."""
    vectors = _vectors(docs)
    counts = numpy.zeros((vectors.shape[0],), dtype="float64")
    for doc in docs:
        rows = {rows[0] for rows, whole, _ in _doc_rows(doc, vectors) if whole}
        counts[list(rows)] += 1
    n = len(docs)
    model.set_param("idf", (numpy.log((n + 1) / (counts + 1)) + 1).astype("float32"))
    model.attrs["default_idf"] = float(math.log(n + 1) + 1)


def _init(model: Model, X: Sequence[Doc] | None = None, Y=None) -> None:
    if X:
        vectors = _vectors(X)
        model.set_dim("nO", vectors.shape[1] * (2 if model.attrs.get("pooling") == "mean_max" else 1))
        if not model.has_param("idf") or model.get_param("idf").shape[0] != vectors.shape[0]:
            model.set_param("idf", numpy.ones((vectors.shape[0],), dtype="float32"))


def _forward(model: Model, docs: Sequence[Doc], is_train: bool):
    width = model.get_dim("nO")
    output = numpy.zeros((len(docs), width), dtype="float32")
    if not docs:
        return model.ops.asarray2f(output), lambda d_output: []
    vectors = _vectors(docs)
    idf = model.get_param("idf")
    default = model.attrs["default_idf"]
    data = vectors.data
    dim = data.shape[1]
    columns, weights, ends, sentences = _word_weights(docs, vectors, idf, default)
    output[:, :dim] = _mean_vectors(columns, weights, ends, data)
    if model.attrs.get("pooling") == "mean_max":
        for i, (start, stop) in enumerate(zip(ends[:-1], ends[1:], strict=True)):
            if start == stop:
                continue
            weighted = weights[start:stop, None] * data[columns[start:stop]]
            ids = sentences[start:stop]
            starts = numpy.flatnonzero(numpy.r_[True, ids[1:] != ids[:-1]])
            sums = numpy.add.reduceat(weighted, starts, axis=0)
            norms = numpy.linalg.norm(sums, axis=1, keepdims=True)
            output[i, dim:] = (sums / numpy.maximum(norms, 1e-12)).max(axis=0)
    return model.ops.asarray2f(output), lambda d_output: []


def _word_weights(
    docs: Sequence[Doc], vectors: Vectors, idf: numpy.ndarray, default: float
) -> tuple[numpy.ndarray, numpy.ndarray, list[int], numpy.ndarray]:
    """The batch's words as table rows, one pass over its docs: (rows, weights, where each
    doc's rows end, sentence number per row). A whole word weighs its idf; a word spelt out of
    WordPieces weighs the unseen-word idf, shared among its pieces."""
    rows: list[int] = []
    shares: list[float] = []  # a whole word's weight is its idf (-1 here); a piece's, its share
    sentences: list[int] = []
    ends = [0]
    for doc in docs:
        for word_rows, whole, sentence in _doc_rows(doc, vectors):
            rows.extend(word_rows)
            shares.extend([-1.0] if whole else [1.0 / len(word_rows)] * len(word_rows))
            sentences.extend([sentence] * len(word_rows))
        ends.append(len(rows))
    columns = numpy.asarray(rows, dtype="int64")
    share = numpy.asarray(shares, dtype="float32")
    weights = numpy.where(share < 0, idf[columns], numpy.float32(default) * share).astype("float32")
    return columns, weights, ends, numpy.asarray(sentences, dtype="int64")


def _mean_vectors(
    columns: numpy.ndarray, weights: numpy.ndarray, ends: list[int], data: numpy.ndarray
) -> numpy.ndarray:
    """Each doc's weighted mean vector, unit length: the batch's rows and weights as one sparse
    matrix, multiplied by the table once. Building the sum doc by doc (a numpy call per text)
    was a quarter of all tagging time."""
    matrix = scipy.sparse.csr_matrix((weights, columns, ends), shape=(len(ends) - 1, data.shape[0]))
    sums = numpy.asarray(matrix @ data, dtype="float32")
    norms = numpy.linalg.norm(sums, axis=1, keepdims=True)
    return sums / numpy.where(norms > 0, norms, 1.0)


def _vectors(docs: Sequence[Doc]) -> Vectors:
    vectors = docs[0].vocab.vectors
    if not vectors.shape[0]:
        raise ValueError("the pipeline has no static vectors: train it with nlp.train, which installs them")
    return vectors


def _doc_rows(doc: Doc, vectors: Vectors) -> list[tuple[tuple[int, ...], bool, int]]:
    """(rows, whole word?, sentence number) per word of the doc; punctuation and spaces carry
    no meaning here, but ". ! ? ;" and line breaks end a sentence."""
    cache = _row_cache(vectors)
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    found = []
    sentence = 0
    for lower, is_punct, is_space in doc.to_array([LOWER, IS_PUNCT, IS_SPACE]).tolist():
        if is_punct or is_space:
            if lower in _SENTENCE_ENDS or (is_space and "\n" in doc.vocab.strings[lower]):
                sentence += 1
            continue
        entry = cache.get(lower)
        if entry is None:
            entry = cache[lower] = _lookup(doc.vocab.strings[lower], vectors)
        if entry[0]:
            found.append((*entry, sentence))
    return found


def _row_cache(vectors: Vectors) -> dict[int, tuple[tuple[int, ...], bool]]:
    entry = _ROWS.get(id(vectors))
    if entry is None or entry[0] is not vectors:
        entry = _ROWS[id(vectors)] = (vectors, {})
        while len(_ROWS) > _TABLES_KEPT:
            _ROWS.popitem(last=False)
    _ROWS.move_to_end(id(vectors))
    return entry[1]


def _lookup(word: str, vectors: Vectors) -> tuple[tuple[int, ...], bool]:
    key2row = vectors.key2row
    row = key2row.get(hash_string(word), -1)
    if row >= 0:
        return (row,), True

    def find(piece: str) -> int | None:
        found = key2row.get(hash_string(piece), -1)
        return found if found >= 0 else None

    # A part with no piece at all (e.g. a rare script) carries no vector.
    return tuple(row for part in basic_split(word) for row in longest_match(part, find)), False
