import pytest

from engage.redaction import redact


@pytest.mark.parametrize(
    "text, gone, kept",
    [
        ("Email me on jo.bloggs+notts@example.co.uk please", "jo.bloggs", "[email]"),
        ("Ring 07700 900123 or 0115 496 0000 or +44 (0)115 4960000", "900123", "[phone]"),
        ("Bins burnt out by NG7 2AB and at ng52ab", "7 2AB", "by NG7 and at NG5"),
        ("It happens outside 12 Acacia Avenue every night", "Acacia", "[address]"),
        ("Flat 3, 22 High Street has had its door kicked in", "High Street", "[address]"),
        ("Hello, my name is Sarah Jones and I live in Bulwell", "Sarah", "my name is [name]"),
        ("I'm Dave, a farmer near Southwell", "Dave", "I'm [name]"),
        ("I’m Priya and I run the youth club", "Priya", "I’m [name]"),
        ("My neighbour Gary Smith deals from his car", "Gary", "My neighbour [name]"),
    ],
)
def test_personal_details_are_taken_out(text, gone, kept):
    out = redact(text)
    assert gone not in out and kept in out


@pytest.mark.parametrize(
    "text",
    [
        "I'm worried about speeding on the A60 at 60mph in 2021",
        "I'm Terrified to walk through Mansfield town centre at night",
        "This is Nottingham, not London: we need more bobbies on the beat",
        "Call 999 in an emergency and 101 otherwise",
    ],
)
def test_ordinary_words_survive(text):
    assert redact(text) == text
