import re
from pathlib import Path

import pytest

from nlp import LABELS, OBJECTIVES, label_name, load_taxonomy, objectives_for
from nlp.taxonomy import TAXONOMY_PATH, TaxonomyError

FIXED_IDS = (
    "serious_violence",
    "vawg",
    "neighbourhood_crime",
    "rural_crime",
    "asb",
    "road_safety",
    "drugs",
    "exploitation_hidden_harm",
    "fraud_cyber",
    "hate_crime",
    "police_visibility_response",
    "victim_support",
    "youth_prevention",
    "reoffending",
    "trust_confidence",
    "other",
)
SEEDS = Path("/work/shared/seeds")


def test_taxonomy_has_exactly_the_fixed_ids_in_order():
    assert LABELS == FIXED_IDS
    assert tuple(load_taxonomy()) == FIXED_IDS
    assert OBJECTIVES == ("Preventing", "Responding", "Supporting")


@pytest.mark.parametrize("label_id", [i for i in FIXED_IDS if i != "other"])
def test_every_priority_area_is_described_and_signalled(label_id):
    label = load_taxonomy()[label_id]
    assert label.name and label.description
    assert label.objectives and set(label.objectives) <= set(OBJECTIVES)
    assert len(label.plan_quotes) >= 3
    assert len(label.terms) >= 20
    assert len(set(label.terms)) == len(label.terms)


def test_other_serves_no_objective_and_has_no_terms():
    other = load_taxonomy()["other"]
    assert other.objectives == () and other.terms == ()
    assert objectives_for("other") == ()


def test_lookups():
    assert label_name("vawg") == "Violence against women and girls"
    assert "Responding" in objectives_for("police_visibility_response")
    with pytest.raises(KeyError):
        label_name("burglary")


@pytest.mark.parametrize(
    "label_id, term",
    [
        ("neighbourhood_crime", "twoccing"),
        ("road_safety", "boy racers"),
        ("drugs", "nitrous canisters"),
        ("drugs", "county lines"),
        ("rural_crime", "fly tipping"),
        ("rural_crime", "flytipping"),
        ("asb", "asb"),
        ("fraud_cyber", "scam"),
        ("vawg", "spiking"),
        ("police_visibility_response", "101"),
        ("police_visibility_response", "pcso"),
    ],
)
def test_residents_words_are_terms(label_id, term):
    assert term in load_taxonomy()[label_id].terms


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the plan text is not in this checkout")
def test_plan_quotes_are_verbatim():
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("**", ""))

    plan = norm(" ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    missing = [q for label in load_taxonomy().values() for q in label.plan_quotes if norm(q) not in plan]
    assert missing == []


def test_a_file_that_renames_a_label_is_rejected(tmp_path):
    text = TAXONOMY_PATH.read_text(encoding="utf-8").replace('id = "asb"', 'id = "antisocial"')
    bad = tmp_path / "taxonomy.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="label ids"):
        load_taxonomy(bad)


def test_an_unknown_objective_is_rejected(tmp_path):
    text = TAXONOMY_PATH.read_text(encoding="utf-8").replace(
        'objectives = ["Supporting"]', 'objectives = ["Supportive"]', 1
    )
    bad = tmp_path / "taxonomy.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="Supportive"):
        load_taxonomy(bad)
