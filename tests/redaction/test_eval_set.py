"""The labelled set itself, and the redactor's figures on its held-out half (odd ids),
computed here from the set rather than copied from a run."""

import pytest

from engage.redaction import KINDS
from engage.redaction.evaluate import evaluate, load

RECALL, PRECISION = 0.95, 0.90


def test_the_set_is_well_formed():
    rows = load()
    assert len(rows) >= 400
    assert len({r["id"] for r in rows}) == len(rows)
    assert sum(1 for r in rows if not r["spans"]) >= 150  # many with nothing to take out
    for row in rows:
        for span in row["spans"]:
            assert span["kind"] in KINDS
            assert row["text"][span["start"] : span["end"]] == span["text"]
    assert {s["kind"] for r in rows for s in r["spans"]} == set(KINDS)


@pytest.fixture(scope="module")
def held_out():
    return evaluate(load(half="held-out"))


@pytest.mark.parametrize("kind", KINDS)
def test_held_out_recall_and_precision_per_kind(held_out, kind):
    score = held_out.kinds[kind]
    assert score.gold > 0
    assert score.recall >= RECALL, held_out.missed
    assert score.precision >= PRECISION, held_out.wrong


def test_held_out_overall(held_out):
    assert held_out.overall.recall >= RECALL
    assert held_out.overall.precision >= PRECISION
