"""Ordinary answers pass the safeguarding detector; disclosures still do not.

A flag withholds a resident's words from every output and opens a case for an officer, so an
ordinary crime report, a worry, news or a figure of speech must not raise one, and a text
that is not about self-harm must never be named ``self_harm`` (which makes the alert URGENT).
The texts below are written for these tests, after the kinds of false flag the freshly
trained classifier raised on the tagger's dev set and the demo's responses (issue 21's note).
"""

import json
from pathlib import Path

import pytest

from nlp.safeguard_rules import match_tiers
from nlp.safeguarding import assess, get_model

ROOT = Path(__file__).resolve().parents[2]


def _over_flagged(text: str):
    """Known false flags at the recall-first operating point (nlp/safeguard_train.py,
    RECALL_FLOOR): strict, so a better model that stops flagging them fails this mark."""
    return pytest.param(text, marks=pytest.mark.xfail(
        strict=True, reason="flagged at the recall-first threshold: this classifier cannot "
                            "separate it from buried disclosures yet"))


ORDINARY = [
    # crime reports with nobody at risk now
    "Our car was pinched off the drive in Keyworth overnight, the police think they copied the key signal.",
    "Two lads on a moped snatched my phone outside the Co-op in Arnold last month. I wasn't hurt.",
    "Someone let my tyres down again this week, I'm fairly sure it's the lads from the next road.",
    "My van was stolen from outside my house in Radford and I've heard nothing since.",
    "My grandad was conned by a fake gas engineer who took a deposit and never came back.",
    # neighbour nuisance, roads, praise
    _over_flagged("The people upstairs have music on till 5am every weekend and my baby can't settle."),
    _over_flagged("off road bikes tearing up the fields at Annesley again, gates left open and the cows got out"),
    _over_flagged("Hare coursers drive across our fields every weekend and nobody comes out."),
    "Thank you to the officer who waited with my grandad after he fell in the street.",
    # farming and figures whose words mean something else ("oilseed rape", "a spike in")
    "Somebody dumped a burnt-out car in the rape field behind the village hall.",
    "Lads were lamping across my oil seed rape at 2am with a spotlight.",
    "Shoplifting has spiked since the Co-op cut its security guard.",
    _over_flagged("my partner got a drink driving ban last year and it was the best thing for him, "
                  "he's been sober since"),
    # news, general statements and professional views
    "Is anybody looking at people trafficking through the airport? I read about it in the paper.",
    "Schools round here never mention forced marriage and the summer holidays are when it happens.",
    "A lad got out after six months for burglary and he'll be at it again by Christmas.",
    "Why do teenagers in Worksop carry knives? Because everyone else does.",
    # worry and figures of speech
    _over_flagged("I won't let my daughter walk through the park after dark since the lights went out."),
    "I'd kill for a bus that runs after seven in our village.",
    "my kids are scared of the dealers by the shop so we go the long way round",
]

SELF_HARM_LOOKALIKES = [
    "A lad got out after six months for burglary and he'll be at it again by Christmas.",
    "off road bikes tearing up the fields at Annesley again, gates left open and the cows got out",
    "The women's refuge saved my life when I left him years ago. Please keep funding it.",
    "I don't want my children growing up thinking drivers shouting at cyclists is normal.",
    "I'm 15 and I don't feel safe in town at night because of the stabbings, so I stay in.",
]

DISCLOSURES = [
    ("My husband locks me in the flat when he goes to work and he has my passport.", "abuse"),
    (
        "some men have moved into my brother's flat to sell from it, he has learning difficulties "
        "and is too scared to tell them to go",
        None,
    ),
    ("the girl next door is about 14 and a grown man picks her up every night, she says he gives her money", None),
    ("My ex keeps turning up outside my work and he reads everything on my phone.", None),
    ("The neighbour said he'd shoot my dad over the parking and showed him something in his belt.", "threats"),
    ("potholes on our road are bad. honestly nobody would miss me if i was gone", "self_harm"),
]


def test_the_trained_model_is_in_use():
    assert get_model() is not None


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_answers_are_not_flagged(text):
    result = assess(text)
    assert not result.flag, result.evidence


@pytest.mark.parametrize("text", SELF_HARM_LOOKALIKES)
def test_text_about_something_else_is_never_named_self_harm(text):
    assert "self_harm" not in assess(text).categories


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_genuine_disclosures_are_still_flagged(text, category):
    result = assess(text)
    assert result.flag
    if category:
        assert category in result.categories


def test_a_weak_rule_alone_does_not_flag_an_ordinary_report_but_a_firm_one_always_flags():
    report = "My van was stolen from outside my house in Radford and I've heard nothing since."
    firm, weak = match_tiers(report)
    assert weak and not firm
    assert not assess(report).flag
    threat = "He said he'll kill me if I leave"
    firm, _ = match_tiers(threat)
    assert firm and assess(threat).flag


def test_no_more_than_one_demo_response_in_four_is_flagged():
    # Each flag is a case for an officer and a quote withheld from analysts: the demo's
    # genuine disclosures (about 15) should be flagged, not a third of everything (101 before;
    # 29 at the first calibrated threshold, which missed too many disclosures: 77 now).
    lines = (ROOT / "engage" / "data" / "demo_responses.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    flagged = sum(assess(t).flag for t in texts)
    assert 10 <= flagged <= len(texts) // 4
