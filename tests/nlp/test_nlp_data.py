"""The tagger's data files: valid, large enough, and its test texts never in training."""

import json
from collections import Counter

import pytest

from nlp.jsonl import read_gold
from nlp.taxonomy import LABELS, OTHER
from nlp.train import DEFAULT_TRAIN_PATHS, DEV_PATH, MULTITOPIC_TEST_PATH, REAL_TRAIN_PATH


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def train():
    return [record for path in DEFAULT_TRAIN_PATHS for record in read_gold(path)]


@pytest.mark.parametrize("path", [*DEFAULT_TRAIN_PATHS, DEV_PATH, MULTITOPIC_TEST_PATH], ids=lambda p: p.name)
def test_every_line_has_text_and_known_labels(path):
    records = list(read_gold(path))  # raises, naming the line, on anything malformed
    assert records
    for record in records:
        assert record.text.strip(), record.line
        assert record.labels and set(record.labels) <= set(LABELS), record.line
        assert OTHER not in record.labels or record.labels == (OTHER,), record.line


def test_at_least_sixty_training_examples_per_label(train):
    counts = Counter(label for record in train for label in record.labels)
    assert {label: counts[label] for label in LABELS if counts[label] < 60} == {}


@pytest.mark.parametrize("path", [DEV_PATH, MULTITOPIC_TEST_PATH], ids=lambda p: p.name)
def test_no_held_out_text_is_trained_on(train, path):
    trained = {_key(record.text) for record in train}
    leaked = [record.line for record in read_gold(path) if _key(record.text) in trained]
    assert leaked == []


def test_the_multitopic_test_is_mostly_about_several_areas():
    records = list(read_gold(MULTITOPIC_TEST_PATH))
    several = sum(len(record.labels) > 1 for record in records)
    assert several >= 0.8 * len(records)
    assert {label for record in records for label in record.labels} == set(LABELS) - {OTHER}


def test_every_real_training_line_names_its_source_url_and_an_open_licence():
    lines = [json.loads(line) for line in REAL_TRAIN_PATH.read_text("utf-8").splitlines() if line.strip()]
    assert lines
    for number, line in enumerate(lines, 1):
        assert line["source"].strip() and line["url"].startswith("https://"), number
        assert "Open" in line["licence"] and "Licence" in line["licence"], number
