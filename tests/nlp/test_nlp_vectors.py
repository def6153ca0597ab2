"""Static vectors distilled from MiniLM: BERT's own word splitting, and vectors that carry meaning."""

from __future__ import annotations

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
