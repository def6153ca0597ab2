import pytest
import spacy

from nlp import LABELS
from nlp.scorer import PriorityTagger, _calibrate
from nlp.taxonomy import TOPIC_LABELS


@pytest.mark.parametrize(
    "raw, threshold, expected",
    [
        (0.3, 0.3, 0.5),
        (0.15, 0.3, 0.25),
        (0.0, 0.3, 0.0),
        (1.0, 0.3, 1.0),
        (0.65, 0.3, 0.75),
    ],
)
def test_calibration_maps_each_threshold_to_one_half(raw, threshold, expected):
    assert _calibrate(raw, threshold) == pytest.approx(expected, abs=1e-4)


def test_just_below_the_threshold_never_rounds_up_to_a_label():
    assert _calibrate(0.2999999, 0.3) < 0.5


def make_tagger(**thresholds) -> PriorityTagger:
    tagger = PriorityTagger(
        spacy.blank("en"),
        "t",
        threshold=0.5,
        rule_score=0.8,
        negated_factor=0.3,
        rule_boost=0.0,
        other_threshold=0.3,
    )
    tagger.thresholds.update(thresholds)
    return tagger


def test_decide_labels_are_exactly_the_scores_at_or_above_one_half():
    tagger = make_tagger(drugs=0.2, asb=0.6)
    raw = dict.fromkeys(TOPIC_LABELS, 0.1) | {"drugs": 0.25, "asb": 0.55}
    labels, scores = tagger.decide(raw)
    assert labels == ["drugs"]
    assert set(scores) == set(LABELS)
    assert [label for label, s in scores.items() if s >= 0.5] == ["drugs"]
    assert scores["asb"] < 0.5 and scores["other"] < 0.5


def test_decide_gives_other_when_no_topic_passes():
    labels, scores = make_tagger().decide(dict.fromkeys(TOPIC_LABELS, 0.2))
    assert labels == ["other"] and scores["other"] >= 0.5


def test_without_a_topic_the_classifier_decides_between_other_and_the_best_guess():
    raw = dict.fromkeys(TOPIC_LABELS, 0.1) | {"asb": 0.4}
    labels, scores = make_tagger().decide(raw, p_other=0.05)
    assert labels == ["asb"] and scores["asb"] < 0.5 and scores["other"] < 0.5
    assert scores["asb"] == max(scores[label] for label in TOPIC_LABELS)
    labels, scores = make_tagger().decide(raw, p_other=0.6)
    assert labels == ["other"] and scores["other"] >= 0.5


def test_rules_only_scoring(rules_tagger_nlp):
    doc = rules_tagger_nlp("speeding boy racers, but no burglary")
    assert doc._.priority_labels == ["road_safety"]
    assert doc._.priority_scores["road_safety"] >= 0.5
    assert doc._.priority_scores["neighbourhood_crime"] == 0.0


def test_negated_label_is_damped_even_when_the_classifier_likes_it(rules_nlp):
    tagger = make_tagger()
    doc = rules_nlp("No problems with burglary here, but speeding is awful.")
    doc.cats = dict.fromkeys(TOPIC_LABELS, 0.05) | {"neighbourhood_crime": 0.9, "road_safety": 0.7}
    tagger(doc)
    assert doc._.priority_labels == ["road_safety"]
    assert doc._.priority_scores["neighbourhood_crime"] < 0.5


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_blank_text_gets_no_labels_not_even_other(rules_tagger_nlp, text):
    doc = rules_tagger_nlp(text)
    assert doc._.priority_labels == []
    assert set(doc._.priority_scores.values()) == {0.0}


def test_text_with_no_topic_is_other(rules_tagger_nlp):
    assert rules_tagger_nlp("Lovely weather for the village fete")._.priority_labels == ["other"]


def test_thresholds_are_saved_with_the_pipeline(rules_tagger_nlp, tmp_path):
    rules_tagger_nlp.get_pipe("engage_priority_tagger").thresholds["drugs"] = 0.35
    rules_tagger_nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p").get_pipe("engage_priority_tagger")
    assert loaded.thresholds["drugs"] == 0.35
    rules_tagger_nlp.get_pipe("engage_priority_tagger").thresholds["drugs"] = 0.5


def test_a_label_whose_matches_are_all_negated_never_fires(rules_nlp):
    tagger = make_tagger(neighbourhood_crime=0.1)
    doc = rules_nlp("We have never had any burglaries round here.")
    doc.cats = dict.fromkeys(TOPIC_LABELS, 0.01) | {"neighbourhood_crime": 0.99, "other": 0.05}
    tagger(doc)
    assert "neighbourhood_crime" not in doc._.priority_labels
    assert doc._.priority_scores["neighbourhood_crime"] < 0.5
