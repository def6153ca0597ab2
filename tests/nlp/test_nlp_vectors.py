"""Static vectors distilled from MiniLM: BERT's own word splitting, and vectors that carry meaning."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import pytest

from nlp.minilm import MiniLM, model_dir


@pytest.fixture(scope="module")
def encoder() -> MiniLM:
    model_dir()  # a clear error, not a skip, when the weights package is missing
    return MiniLM()


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("burglary", ["bu", "##rg", "##lary"]),
        ("Café", ["cafe"]),
        ("n't", ["n", "'", "t"]),
        ("£200", ["£2", "##00"]),
        ("twoccing", ["two", "##cci", "##ng"]),
    ],
)
def test_words_are_split_as_bert_splits_them(encoder, word, pieces):
    assert [encoder.tokenizer.vocab[i] for i in encoder.tokenizer(word)] == pieces


def _cos(a: numpy.ndarray, b: numpy.ndarray) -> float:
    return float(a @ b / numpy.linalg.norm(a) / numpy.linalg.norm(b))


def test_related_words_are_closer_than_unrelated_ones(encoder):
    words = ["knife", "machete", "lettuce", "burgled", "burglary"]
    knife, machete, lettuce, burgled, burglary = encoder.embed_words(words)
    assert _cos(knife, machete) > _cos(knife, lettuce) + 0.1
    assert _cos(burgled, burglary) > _cos(burgled, lettuce) + 0.1


def test_a_word_vector_does_not_depend_on_its_batch(encoder):
    alone = encoder.embed_words(["stalking"])[0]
    batched = encoder.embed_words(["stalking", "harassment", "a", "speeding"])[0]
    assert numpy.allclose(alone, batched, atol=1e-5)


def _table_nlp():
    import spacy
    from spacy.vectors import Vectors

    nlp = spacy.blank("en")
    words = ["the", "weather", "was", "nice", "and", "garden", "lovely", "police", "never", "came"]
    data = numpy.zeros((len(words), 4), dtype="float32")
    for i, word in enumerate(words):
        data[i, 3 if word in ("police", "never", "came") else i % 3] = 1.0
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=[nlp.vocab.strings.add(w) for w in words])
    return nlp


def test_sentence_max_pooling_keeps_a_concern_raised_in_one_short_clause():
    from nlp.doc_vectors import doc_vectors

    nlp = _table_nlp()
    letter = nlp("The weather was nice and the garden was lovely and the weather was nice. Police never came.")
    mean_only, mean_max = doc_vectors("mean"), doc_vectors("mean_max")
    for model in (mean_only, mean_max):
        model.initialize(X=[letter])
    assert mean_only.predict([letter]).shape == (1, 4)
    pooled = mean_max.predict([letter])[0]
    assert pooled.shape == (8,)
    assert numpy.allclose(pooled[:4], mean_only.predict([letter])[0])
    # Averaged over the whole letter the police clause is a minority; its sentence keeps it whole.
    assert pooled[3] < 0.5
    assert pooled[4 + 3] == pytest.approx(1.0)


def test_a_text_vector_does_not_depend_on_its_batch():
    from nlp.doc_vectors import doc_vectors

    nlp = _table_nlp()
    texts = ["Police never came.", "", "?!", "The garden was lovely", "police police garden"]
    docs = [nlp(text) for text in texts]
    model = doc_vectors("mean")
    model.initialize(X=docs)
    batched = model.predict(docs)
    for doc, row in zip(docs, batched, strict=True):
        assert numpy.allclose(model.predict([doc])[0], row, atol=1e-6)
    assert not batched[1].any() and not batched[2].any()  # nothing to read: a zero vector
    assert numpy.linalg.norm(batched[0]) == pytest.approx(1.0)
    # A word counts as often as it occurs: "police" twice outweighs "garden" once.
    assert batched[4][3] == pytest.approx(2 * batched[4][2]) and batched[4][2] > 0


def test_an_unknown_pooling_is_refused():
    from nlp.doc_vectors import doc_vectors

    with pytest.raises(ValueError, match="pooling"):
        doc_vectors("attention")


def test_two_trainings_distilling_at_once_both_keep_their_words(tmp_path):
    """``python -m nlp train`` runs the tagger's and the safeguarding detector's training side
    by side, both adding words to one cache: neither may lose the other's."""
    from nlp import vectors

    assert vectors.cache_path().is_file(), "no distilled vectors yet: run python -m nlp train"
    cache = tmp_path / "cache.npz"
    shutil.copy(vectors.cache_path(), cache)  # the pieces, so only the new words are distilled
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "ENGAGE_NLP_VECTORS_CACHE": str(cache), "PYTHONPATH": root}
    script = "import sys; from nlp import vectors; vectors.table(sys.argv[1:], log=lambda line: None)"
    words = {side: [f"zq{side}{i}xv" for i in range(200)] for side in ("a", "b")}
    runs = [subprocess.Popen([sys.executable, "-c", script, *side], env=env, cwd=root) for side in words.values()]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    with numpy.load(cache) as stored:
        kept = set(stored["words"].tolist())
    assert set(words["a"]) <= kept and set(words["b"]) <= kept
