"""The teacher (MiniLM read sentence by sentence) and the soft targets it gives the fast model."""

from __future__ import annotations

import numpy
import pytest

from nlp import teacher
from nlp.distil import gold_matrix, soft_targets
from nlp.jsonl import Record
from nlp.minilm import MiniLM, model_dir
from nlp.taxonomy import LABELS

BURGLARY = [
    "Our shed was broken into and the bikes were taken.",
    "Someone burgled the house next door while they slept.",
    "Thieves smashed the back window and took the laptop.",
    "My car was stolen from the drive overnight.",
]
RESPONSE = [
    "We rang the police and nobody came for three days.",
    "Called 999 and waited four hours for an officer.",
    "The police never turned up after we reported it.",
    "You never see an officer round here, they are invisible.",
]
TWO_CLAUSES = "Our garage was broken into and the mower taken. Nobody came out for three days."


@pytest.fixture(scope="module")
def encoder() -> MiniLM:
    model_dir()  # a clear error, not a skip, when the weights package is missing
    return MiniLM()


@pytest.fixture(scope="module")
def built(encoder):
    records = [Record(i, t, labels=("neighbourhood_crime",)) for i, t in enumerate(BURGLARY)]
    records += [Record(9 + i, t, labels=("police_visibility_response",)) for i, t in enumerate(RESPONSE)]
    records.append(Record(20, TWO_CLAUSES, labels=("neighbourhood_crime", "police_visibility_response")))
    texts = [r.text for r in records]
    head, scores = teacher.build(
        texts,
        gold_matrix(records),
        [1.0] * len(records),
        lambda sentences: teacher.embed_sentences(encoder, sentences),
        l2=0.1,
        folds=3,
    )
    return records, head, scores


def test_sentences_end_at_stops_semicolons_and_line_breaks():
    assert teacher.split_sentences("Bikes stolen; nobody came!\nAwful. ") == ["Bikes stolen;", "nobody came!", "Awful."]
    assert teacher.split_sentences("no stop at the end") == ["no stop at the end"]
    assert teacher.split_sentences("...") == ["..."]
    assert teacher.split_sentences("   ") == []


def test_the_teacher_finds_a_second_concern_raised_in_its_last_clause(built, encoder):
    _, head, _ = built
    model = teacher.Teacher(head, {}, "test")
    text = "Somebody broke into my van on the street last night. The police never came."
    scores = dict(zip(LABELS, model.score_live(encoder, "text", [text])[0], strict=True))
    assert scores["neighbourhood_crime"] > 0.5
    assert scores["police_visibility_response"] > 0.5


def test_sentence_units_carry_only_their_texts_gold_labels(built):
    records, head, scores = built
    model = teacher.Teacher(head, scores, "test")
    two = [r for r in records if r.text == TWO_CLAUSES]
    texts, targets, weights = soft_targets(two, [2.0], model, alpha=0.5, sentence_weight=0.5, log=lambda _: None)
    assert texts == [TWO_CLAUSES, *teacher.split_sentences(TWO_CLAUSES)]
    assert weights == [2.0, 1.0, 1.0]
    by_label = {label: targets[:, i] for i, label in enumerate(LABELS)}
    # The second sentence is about the response, the first about the burglary ...
    assert by_label["police_visibility_response"][2] > by_label["police_visibility_response"][1]
    assert by_label["neighbourhood_crime"][1] > by_label["neighbourhood_crime"][2]
    # ... and neither sentence is taught a label its text was not given.
    assert not by_label["vawg"][1:].any() and not by_label["drugs"][1:].any()
    # The whole text keeps half its gold weight.
    assert by_label["neighbourhood_crime"][0] >= 0.5


def test_stored_scores_round_trip_exactly_and_missing_ones_are_reported(built, tmp_path):
    records, head, scores = built
    path = tmp_path / "scores.npz"
    teacher.save(path, head, scores, "abc")
    loaded = teacher.load(path)
    found, missing = loaded.lookup("text", [records[0].text, "never seen"])
    assert missing == [1]
    assert numpy.array_equal(found[0], scores[teacher.unit_key("text", records[0].text)])
    assert loaded.source == "abc"


def test_building_the_teacher_twice_gives_identical_scores(built, encoder):
    records, head, scores = built
    again = teacher.build(
        [r.text for r in records],
        gold_matrix(records),
        [1.0] * len(records),
        lambda sentences: teacher.embed_sentences(encoder, sentences),
        l2=0.1,
        folds=3,
    )
    assert numpy.array_equal(again[0], head)
    assert again[1].keys() == scores.keys()
    assert all(numpy.array_equal(again[1][k], v) for k, v in scores.items())


def test_training_with_the_teacher_is_deterministic_and_needs_no_network(built, tiny_data, tmp_path, monkeypatch):
    import socket

    import nlp.train as train_module
    from nlp.pipeline import CONFIG_PATH

    records, head, scores = built
    path = tmp_path / "teacher_scores.npz"
    teacher.save(path, head, scores, "test")
    monkeypatch.setattr(train_module, "SCORES_PATH", path)
    config = CONFIG_PATH.read_text("utf-8")
    config = config.replace("teacher_weight = 0\n", "teacher_weight = 0.3\n")
    config = config.replace("sentence_weight = 0\n", "sentence_weight = 0.5\n")
    config_path = tmp_path / "config.cfg"
    config_path.write_text(config, encoding="utf-8")
    train_file = tmp_path / "train.jsonl"
    train_file.write_text(
        tiny_data[0].read_text("utf-8")
        + "".join(f'{{"text": "{r.text}", "labels": {list(r.labels)!r}}}\n'.replace("'", '"') for r in records),
        encoding="utf-8",
    )

    def no_network(*args, **kwargs):
        raise AssertionError("training tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    logs: list[str] = []
    weights = []
    for run in range(2):
        output = tmp_path / f"model-{run}"
        train_module.train([train_file], tiny_data[1], output, config_path=config_path, log=logs.append)
        weights.append((output / "textcat_multilabel" / "model").read_bytes())
    assert weights[0] == weights[1]
    # The tiny corpus's own lines are not in the stored file: read live, and said so.
    assert any("the stored scores lack" in line for line in logs)
    assert any("sentence units" in line for line in logs)
