"""Static word vectors for the classifier, distilled from all-MiniLM-L6-v2 (``nlp.minilm``).

The table holds one row per WordPiece of the encoder's vocabulary ("the", "burg",
"##lary"), so any word can be spelt out of pieces, plus one row per whole word that the
training texts and the taxonomy use but the vocabulary splits ("burglary", "twoccing",
"machetes"): a word encoded whole means more than the average of its pieces.

Distilling runs the encoder once per entry (~45-60 s for the pieces on two cores). Vectors
are kept in ``nlp/vectors/`` (git-ignored) per word, so a retrain only encodes new words; the
table is copied into the trained pipeline (``vocab/vectors``), which needs nothing else. The
tagger and the safeguarding detector train side by side (``python -m nlp train``) and share
that cache: a lock beside it lets one process distil while the other waits, then reads.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.vectors import Vectors

from nlp.minilm import PACKAGE, MiniLM

CACHE_PATH = Path(__file__).with_name("vectors") / "minilm-static.npz"
SKIP_PIECES = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def cache_path() -> Path:
    return Path(os.environ.get("ENGAGE_NLP_VECTORS_CACHE", CACHE_PATH))


def table(words: Iterable[str], *, log: Callable[[str], None] = print) -> tuple[list[str], numpy.ndarray]:
    """Keys (pieces, then whole words the pieces do not cover) and their vectors."""
    encoder = MiniLM()
    vocab = encoder.tokenizer.vocab
    piece_rows = [i for i, piece in enumerate(vocab) if piece not in SKIP_PIECES and not piece.startswith("[unused")]
    piece_keys = [vocab[i] for i in piece_rows]
    known = set(piece_keys)
    extra = sorted({w for w in words if w and w not in known and not w.isspace()})
    with _locked():
        cached = _distilled(encoder, extra, log)
    word_index = {w: i for i, w in enumerate(cached["words"])}
    data = numpy.concatenate([cached["pieces"][piece_rows], cached["word_vectors"][[word_index[w] for w in extra]]])
    return [*piece_keys, *extra], data.astype("float32")


def _distilled(encoder: MiniLM, extra: list[str], log: Callable[[str], None]) -> dict:
    """The cache, with the pieces and every word of ``extra`` in it (distilled if missing)."""
    vocab = encoder.tokenizer.vocab
    cached = _read_cache()
    cached.setdefault("words", [])
    cached.setdefault("word_vectors", numpy.zeros((0, 384), dtype="float32"))
    changed = "pieces" not in cached
    if changed:
        log(f"distilling {len(vocab):,} WordPiece vectors from {PACKAGE} (once per machine)...")
        cached["pieces"] = encoder.embed_ids([[i] for i in range(len(vocab))])
    word_index = {w: i for i, w in enumerate(cached["words"])}
    missing = [w for w in extra if w not in word_index]
    if missing:
        changed = True
        log(f"distilling {len(missing):,} whole-word vectors...")
        new = encoder.embed_words(missing)
        cached["words"] = [*cached["words"], *missing]
        cached["word_vectors"] = numpy.concatenate([cached["word_vectors"], new])
    if changed:
        _write_cache(cached)
    return cached


def install(nlp: Language, texts: Iterable[str], extra_words: Iterable[str] = (), **kwargs) -> int:
    """Put the table for ``texts`` (as the pipeline tokenizes them) into ``nlp.vocab.vectors``."""
    words = {token.lower_ for doc in nlp.tokenizer.pipe(texts) for token in doc if not token.is_space}
    words.update(w.lower() for w in extra_words)
    keys, data = table(sorted(words), **kwargs)
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=keys)
    return len(keys)


@contextmanager
def _locked() -> Iterator[None]:
    path = cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def _read_cache() -> dict:
    path = cache_path()
    if not path.exists():
        return {}
    with numpy.load(path, allow_pickle=False) as stored:
        cached = {"pieces": stored["pieces"], "word_vectors": stored["word_vectors"]}
        cached["words"] = [str(w) for w in stored["words"]]
    return cached


def _write_cache(cached: dict) -> None:
    path = cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.npz")
    words = numpy.asarray(cached["words"], dtype="U")
    numpy.savez(staging, pieces=cached["pieces"], words=words, word_vectors=cached["word_vectors"])
    staging.replace(path)
