"""The teacher: all-MiniLM-L6-v2 read sentence by sentence, with a logistic head per label.

The tagger's fast path averages static word vectors over the whole text, so a second concern
raised in one clause at the end of a long letter ("...and nobody came for three days") is
diluted by everything else. The full encoder reads each sentence in context, and the
max over sentences keeps a clause's concern however long the rest is. It reads ~60 texts a
second on two cores, far too slow to tag with, so it is used only at training time: its
scores are soft targets for the fast model (``nlp.distil``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from scipy.optimize import minimize

from nlp.minilm import MiniLM

MAX_PIECES = 126  # "[CLS] ... [SEP]" within the encoder's trained 128
_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;]+|\n|$)")


def split_sentences(text: str) -> list[str]:
    """Sentences and clauses ending in . ! ? ; or a line break; at least one per non-blank text."""
    found = [m.group().strip() for m in _SENTENCE.finditer(text)]
    sentences = [s for s in found if any(ch.isalnum() for ch in s)]
    return sentences or ([text.strip()] if text.strip() else [])


def embed_sentences(encoder: MiniLM, sentences: Sequence[str], batch_size: int = 256) -> numpy.ndarray:
    """One unit vector per sentence: mean-pooled last layer, normalised as the
    sentence-transformers model does; a sentence longer than the window is read in pieces
    whose vectors are averaged."""
    pieces: list[list[int]] = []
    owner: list[int] = []
    for i, sentence in enumerate(sentences):
        ids = encoder.tokenizer(sentence) or [encoder.tokenizer.unk]
        for start in range(0, len(ids), MAX_PIECES):
            pieces.append(ids[start : start + MAX_PIECES])
            owner.append(i)
    vectors = encoder.embed_ids(pieces, batch_size=batch_size)
    out = numpy.zeros((len(sentences), vectors.shape[1]), dtype="float32")
    numpy.add.at(out, numpy.asarray(owner, dtype="int64"), vectors)
    norms = numpy.linalg.norm(out, axis=1, keepdims=True)
    return out / numpy.maximum(norms, 1e-12)


def pool(sentence_vectors: numpy.ndarray) -> numpy.ndarray:
    """A text's features from its sentences' vectors: their mean beside their element-wise max."""
    if not len(sentence_vectors):
        return numpy.zeros((2 * 384,), dtype="float32")
    return numpy.concatenate([sentence_vectors.mean(axis=0), sentence_vectors.max(axis=0)]).astype("float32")


def fit_head(X: numpy.ndarray, Y: numpy.ndarray, weights: numpy.ndarray, l2: float) -> numpy.ndarray:
    """Weights (features + bias, labels) of one L2-regularised logistic regression per label,
    fitted jointly by L-BFGS from zeros: deterministic, a few seconds on 10k texts."""
    n, d = X.shape
    k = Y.shape[1]
    Xb = numpy.hstack([X.astype("float64"), numpy.ones((n, 1))])
    w = numpy.asarray(weights, dtype="float64")[:, None]
    penalty = numpy.ones((d + 1, 1))
    penalty[-1] = 0.0  # the bias is not shrunk

    def loss_and_gradient(theta: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        W = theta.reshape(d + 1, k)
        P = _sigmoid(Xb @ W)
        loss = -numpy.sum(w * (Y * numpy.log(P + 1e-12) + (1 - Y) * numpy.log(1 - P + 1e-12)))
        loss += 0.5 * l2 * numpy.sum(penalty * W * W)
        return float(loss), (Xb.T @ (w * (P - Y)) + l2 * penalty * W).ravel()

    result = minimize(
        loss_and_gradient, numpy.zeros((d + 1) * k), jac=True, method="L-BFGS-B", options={"maxiter": 3000}
    )
    return result.x.reshape(d + 1, k)


def head_scores(W: numpy.ndarray, X: numpy.ndarray) -> numpy.ndarray:
    """Probabilities (texts, labels) from ``fit_head``'s weights."""
    return _sigmoid(X.astype("float64") @ W[:-1] + W[-1])


def _sigmoid(z: numpy.ndarray) -> numpy.ndarray:
    return 1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30)))


@dataclass(frozen=True)
class Teacher:
    """The head fitted on every training text, and the scores kept from the last build."""

    head: numpy.ndarray
    scores: dict[int, numpy.ndarray]
    source: str  # hash of the training files the scores were built from

    def lookup(self, kind: str, texts: Sequence[str]) -> tuple[numpy.ndarray, list[int]]:
        """Stored scores per text (``kind`` "text" or "sentence"), and the rows not stored."""
        out = numpy.zeros((len(texts), self.head.shape[1]), dtype="float64")
        missing = []
        for i, text in enumerate(texts):
            found = self.scores.get(unit_key(kind, text))
            if found is None:
                missing.append(i)
            else:
                out[i] = found
        return out, missing

    def score_live(self, encoder: MiniLM, kind: str, texts: Sequence[str]) -> numpy.ndarray:
        """The head's scores for texts the stored file lacks, read by the encoder now,
        quantised as the stored ones are so a rebuild from the file changes nothing."""
        units = [split_sentences(t) if kind == "text" else [t] for t in texts]
        flat = [s for sentences in units for s in sentences]
        vectors = embed_sentences(encoder, flat) if flat else numpy.zeros((0, 384), dtype="float32")
        features, start = [], 0
        for sentences in units:
            features.append(pool(vectors[start : start + len(sentences)]))
            start += len(sentences)
        return quantise(head_scores(self.head, numpy.stack(features)))


def unit_key(kind: str, text: str) -> int:
    """A stable 63-bit key for a training text or sentence (no text is stored in the file)."""
    digest = hashlib.sha256(f"{kind}\0{text.strip()}".encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1


def quantise(P: numpy.ndarray) -> numpy.ndarray:
    """Scores to 1/250ths, as stored: small, and identical wherever they are computed."""
    return numpy.round(numpy.clip(P, 0.0, 1.0) * SCALE) / SCALE


SCALE = 250


def save(path: Path, head: numpy.ndarray, scores: dict[int, numpy.ndarray], source: str) -> None:
    keys = numpy.asarray(sorted(scores), dtype="int64")
    values = numpy.asarray([numpy.round(scores[k] * SCALE) for k in keys.tolist()], dtype="uint8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        numpy.savez_compressed(fh, head=head.astype("float32"), keys=keys, values=values, source=numpy.asarray(source))


def load(path: Path) -> Teacher:
    with numpy.load(path, allow_pickle=False) as stored:
        values = stored["values"].astype("float64") / SCALE
        scores = dict(zip(stored["keys"].tolist(), values, strict=True))
        return Teacher(stored["head"].astype("float64"), scores, str(stored["source"]))


def build(
    texts: Sequence[str],
    gold: numpy.ndarray,
    weights: Sequence[float],
    embed: Callable[[Sequence[str]], numpy.ndarray],
    *,
    l2: float,
    folds: int,
) -> tuple[numpy.ndarray, dict[int, numpy.ndarray]]:
    """The head and the scores to store: each training text's scores from a head fitted
    without its fold (in-sample scores would just echo its gold labels), and each sentence
    of a multi-sentence text's scores from the head fitted on everything."""
    units = [split_sentences(t) for t in texts]
    unique = sorted({s for sentences in units for s in sentences})
    vectors = embed(unique)
    row = {s: i for i, s in enumerate(unique)}
    X = numpy.stack([pool(vectors[[row[s] for s in sentences]]) for sentences in units])
    w = numpy.asarray(weights, dtype="float64")
    fold = numpy.asarray([unit_key("text", t) % folds for t in texts])
    scores: dict[int, numpy.ndarray] = {}
    for k in range(folds):
        held = fold == k
        head = fit_head(X[~held], gold[~held], w[~held], l2).astype("float32").astype("float64")
        for i in numpy.flatnonzero(held).tolist():
            scores[unit_key("text", texts[i])] = quantise(head_scores(head, X[i : i + 1]))[0]
    head = fit_head(X, gold, w, l2).astype("float32").astype("float64")
    several = sorted({s for sentences in units if len(sentences) > 1 for s in sentences})
    if several:
        singles = numpy.stack([pool(vectors[row[s] : row[s] + 1]) for s in several])
        for s, p in zip(several, quantise(head_scores(head, singles)), strict=True):
            scores[unit_key("sentence", s)] = p
    return head, scores
