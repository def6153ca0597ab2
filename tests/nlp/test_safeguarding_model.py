"""The trained safeguarding classifier (built by ``python -m nlp train``, which scripts/setup.sh
runs): disclosures written in ways the rules never saw, categories, and bad input."""

import json

import pytest

from nlp.safeguard_model import model_path
from nlp.safeguard_train import DEV_PATH
from nlp.safeguarding import TEST_SET, assess, get_model, load_examples, version


def test_the_trained_model_is_in_use():
    assert get_model() is not None, f"no model at {model_path()}: run python -m nlp train"
    assert version().startswith("safeguarding-") and len(version()) <= 40  # fits the case's column


@pytest.mark.parametrize(
    "text",
    [
        "won't be here by christmas, got it all sorted",
        "i honestly think everyone would be better off if i wasnt around",
        "The street lights on Carlton Road are out again. im sorry to say it here but i dont want to be alive anymore",
        "Speeding is bad on our road. i have been cutting myself again and i cant stop",
    ],
)
def test_self_harm_said_in_other_words_is_flagged_as_self_harm(text):
    result = assess(text)
    assert result.flag and "self_harm" in result.categories


def test_a_disclosure_buried_in_an_ordinary_answer_is_found_and_pointed_at():
    text = (
        "The bins on our estate are only collected every other week and the foxes get into them. "
        "The rest I can't put here, he reads everything I send. "
        "Also the bus shelter on the corner has been smashed for a month."
    )
    result = assess(text)
    assert result.flag
    assert any("reads everything" in e.text and "bins" not in e.text for e in result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "I could kill whoever keeps fly-tipping down our lane",
        "The potholes on the A60 are killing my suspension",
        "Please put more police on the beat in Hucknall town centre",
    ],
)
def test_figures_of_speech_and_ordinary_answers_are_not_flagged(text):
    assert not assess(text).flag


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀😀😀🙏🏽🚓",
        "word " * 20_000,
        "Mój mąż mnie bije i zabrał mi paszport. Proszę o pomoc.",
        "我很好 thank you, 路灯坏了 street lights broken",
        "\u200b\u200b\x00\ud800 lone surrogate and controls",
        "a" * 50_000,
    ],
)
def test_bad_input_never_crashes(text):
    result = assess(text)
    assert isinstance(result.flag, bool)
    for e in result.evidence:
        assert text[e.start : e.end] == e.text


def _figures(path):
    rows = load_examples(path)
    flags = [(assess(r["text"]).flag, bool(r["flag"])) for r in rows]
    tp = sum(f and w for f, w in flags)
    positives = sum(w for _, w in flags)
    return tp / positives, tp / max(1, sum(f for f, _ in flags))


def test_recall_and_precision_on_the_blind_dev_set_and_the_old_test_set():
    # The blind dev set chose the threshold, so this guards against regressions; the honest
    # figure is the blind test set's, printed by benchmarks/safeguarding_eval.py --blind-test.
    recall, precision = _figures(DEV_PATH)
    assert recall >= 0.95 and precision >= 0.6
    recall, precision = _figures(TEST_SET)
    assert recall >= 0.95 and precision >= 0.6


def test_no_training_text_is_in_a_dev_or_test_set():
    data = DEV_PATH.parent
    train = {
        json.loads(line)["text"].strip().lower()
        for name in ("safeguarding_train.jsonl", "safeguarding_train_extra.jsonl", "safeguarding_hard_negatives.jsonl")
        for line in (data / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    held_out_sets = ("safeguarding_dev.jsonl", "safeguarding_test.jsonl", "safeguarding_blind_test.jsonl")
    ordinary_sets = ("dev.jsonl", "multitopic_test.jsonl", "../../engage/data/demo_responses.jsonl")
    for name in held_out_sets + ordinary_sets:
        held_out = {r["text"].strip().lower() for r in load_examples(data / name)}
        shared = train & held_out
        assert not shared, f"{len(shared)} texts of {name} are in training"  # counted, not shown
