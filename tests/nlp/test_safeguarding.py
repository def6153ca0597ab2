"""The safeguarding detector: recall first on its own test set, and the context rules."""

import pytest

from nlp.safeguard_rules import match
from nlp.safeguarding import assess, evaluate, is_at_risk, load_examples


def test_test_set_is_large_and_mixed():
    examples = load_examples()
    assert len(examples) >= 150
    flags = sum(1 for e in examples if e["flag"])
    assert 0.3 < flags / len(examples) < 0.6
    assert len({e["text"] for e in examples}) == len(examples)


def test_recall_on_the_test_set_is_at_least_095():
    result = evaluate()
    assert result["recall"] >= 0.95, result["missed"]
    assert result["precision"] >= 0.8, result["false_flags"]


@pytest.mark.parametrize(
    "text",
    [
        "My partner hits me and I'm scared to go home tonight",
        "i want to end my life",
        "They keep my passport and I work for no pay",
        "He said he'll kill me if I leave",
        "The little boy next door is left alone for days with no food in the house",
        "please help me he wont stop hurting me",
    ],
)
def test_disclosures_are_flagged(text):
    assert is_at_risk(text)


@pytest.mark.parametrize(
    "text",
    [
        "Domestic abuse should be a priority in the plan",
        "No one has ever hit me or threatened me",
        "When I was 19 my boyfriend hit me. That was thirty years ago and he's long gone.",
        "If my husband ever hit me I'd leave",
        "Kids are being groomed by gangs all over the country",
        "I'd kill for a decent bus service",
        "",
    ],
)
def test_the_rules_pass_general_historic_negated_and_hypothetical_texts(text):
    # The rules' own context checks; the classifier above them may still flag some of these
    # (recall first), and its precision is measured on whole sets in test_safeguarding_model.py.
    assert not match(text)


def test_evidence_points_at_the_words_in_the_original_text():
    text = "Things are fine at work. But my HUSBAND Hits Me when he drinks."
    result = assess(text)
    assert result.flag and "abuse" in result.categories
    ev = result.evidence[0]
    assert text[ev.start : ev.end] == ev.text == "Hits Me"
    assert result.as_dict()["evidence"][0]["text"] == "Hits Me"


def test_categories_are_reported_in_a_fixed_order():
    result = assess("I want to die. He threatened to kill me.")
    assert {"threats", "self_harm"} <= set(result.categories)
    order = ("abuse", "child_at_risk", "exploitation", "threats", "self_harm", "danger")
    assert list(result.categories) == [c for c in order if c in result.categories]
