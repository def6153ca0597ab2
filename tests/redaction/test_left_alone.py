"""What the redactor must leave alone: places, police and organisation words, priority
areas, and everyday capitalised words that are also names."""

import pytest

from engage.redaction import find_personal_details, redact

PLACES = [
    "Nottingham", "Sherwood", "Newark", "Mansfield", "Ashfield", "Bassetlaw", "Broxtowe",
    "Gedling", "Rushcliffe", "Newark and Sherwood", "Nottingham City", "Sherwood Forest",
    "Arnold", "Hucknall", "Kimberley", "Carlton", "Clifton", "Sutton in Ashfield", "Bingham",
    "Burton Joyce", "Laxton", "Southwell", "Robin Hood Way", "Trent Bridge", "Victoria Centre",
]


@pytest.mark.parametrize("place", PLACES)
def test_place_names(place):
    for text in (f"Burglary in {place} is up", f"{place} needs more PCSOs", f"I love {place}."):
        assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Will the police do something? May is a good month.",
        "Rose bushes were trampled. Mark my words, someone will get hurt.",
        "Bill payers deserve better. Hope the PCC listens.",
        "Grace period on parking tickets is abused. Frank talks are needed.",
        "Dawn patrols helped. The Summer fair was great.",
        "Lane closures on the A614. Church yard vandalised. Wood theft at night.",
        "Hill top farm lost two quads. Green spaces feel unsafe.",
        "Joyce Avenue, Grace Avenue and Mark Street need lighting.",
        "Our cat Bella was shot with an air rifle",
    ],
)
def test_everyday_words_that_are_also_names(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Burglary, county lines, ASB and knife crime in Mansfield",
        "Nottinghamshire Police and the Police and Crime Commissioner",
        "Neighbourhood Watch, Victim Support and Crimestoppers all helped",
        "Thank you to all the officers who work so hard in Bassetlaw.",
        "Kind regards\nEastwood Community Group",
        "I'm worried about speeding on the A60 at 60mph in 2021",
        "I'm Terrified to walk through Mansfield town centre at night",
        "This is Nottingham, not London: we need more bobbies on the beat",
        "Call 999 in an emergency and 101 otherwise",
        "The M1 and A38 junction is dangerous, bikes at 2am and 3pm",
        "I live in NG12 and it has been fine",
        "On 12/03/2024 my car was broken into; I was born in 1970",
        "3 burglaries on Church Road and 2 cars parked on Main Street",
    ],
)
def test_police_priority_and_ordinary_words(text):
    assert find_personal_details(text) == []
