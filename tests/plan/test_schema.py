"""The plan file's rules: the shipped plan passes and quotes the plan; each kind of bad
file is refused with a message that names the problem."""

import json
from pathlib import Path

import pytest

from engage.plan.schema import PlanFileError, parse_plan
from nlp.taxonomy import TOPIC_LABELS

SEED = Path("/work/shared/seeds/004_f980e9e85e0e38ce.txt")


def problems_of(raw) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        parse_plan(raw)
    return caught.value.problems


def test_the_shipped_plan_maps_every_tagger_label_once(shipped_plan):
    plan = parse_plan(json.dumps(shipped_plan))
    assert plan["title"] == "Make Notts Safe: Police and Crime Plan 2021-25"
    mapped = [label for area in plan["areas"] for label in area["labels"]]
    assert sorted(mapped) == sorted(TOPIC_LABELS)
    assert [o["id"] for o in plan["objectives"]] == ["Preventing", "Responding", "Supporting"]
    assert len(plan["ambitions"]) == 12


@pytest.mark.skipif(not SEED.exists(), reason="the plan text is not on this machine")
def test_the_shipped_plan_quotes_the_plan(shipped_plan):
    text = SEED.read_text()
    quoted = [o["title"] for o in shipped_plan["objectives"]] + [shipped_plan["quote"]] + [
        a["plan_quote"] for a in shipped_plan["areas"] if a.get("plan_quote")]
    assert len(quoted) > 15
    assert [q for q in quoted if q not in text] == []
    for ambition in shipped_plan["ambitions"]:  # the target as the plan prints it
        assert f"\t{ambition['target_text']}" in text


def test_the_2025_29_test_fixture_is_a_valid_plan(fixture_plan_bytes):
    plan = parse_plan(fixture_plan_bytes)
    assert plan["period"] == "2025-29" and "TEST FIXTURE" in plan["title"]


def test_a_missing_id_is_named(variant):
    def drop(plan):
        del plan["areas"][2]["id"]

    assert "areas, item 3, id: Missing data for required field." in problems_of(variant(drop))


def test_duplicate_ids_are_named(variant):
    def duplicate(plan):
        plan["areas"][1]["id"] = plan["areas"][0]["id"]
        plan["ambitions"][1]["id"] = plan["ambitions"][0]["id"]

    problems = problems_of(variant(duplicate))
    assert "areas: the id 'serious_violence' is used more than once" in problems
    assert "ambitions: the id 'neighbourhood_crime_victims' is used more than once" in problems


def test_an_unknown_tagger_label_is_named(variant):
    def rename(plan):
        plan["areas"][0]["labels"] = ["knife_crime"]

    problems = problems_of(variant(rename))
    assert any("'knife_crime' is not a tagger label id" in p for p in problems)
    assert "no area maps these tagger labels: serious_violence" in problems


def test_an_area_mapping_no_label_is_named(variant):
    def empty(plan):
        plan["areas"].append({"id": "new_area", "name": "New", "objectives": ["Preventing"], "labels": []})

    assert "area 'new_area' maps no tagger label" in problems_of(variant(empty))


def test_a_label_mapped_twice_or_other_mapped_is_named(variant):
    def twice(plan):
        plan["areas"][1]["labels"].append("serious_violence")
        plan["areas"][2]["labels"].append("other")

    problems = problems_of(variant(twice))
    assert "tagger label 'serious_violence' is mapped by both 'serious_violence' and 'vawg'" in problems
    assert any("'other' means none of the priority areas" in p for p in problems)


def test_unknown_objectives_are_named(variant):
    def wrong(plan):
        plan["areas"][0]["objectives"] = ["Prevent"]
        plan["ambitions"][0]["objective"] = "Protect"

    problems = problems_of(variant(wrong))
    assert "area 'serious_violence': unknown objective 'Prevent'" in problems
    assert "ambition 'neighbourhood_crime_victims': unknown objective 'Protect'" in problems


@pytest.mark.parametrize("raw, message", [
    (b'{"id": "x", "title": ', "The file is not valid JSON: Expecting value at line 1, column 22."),
    (b"[1, 2]", "The file must hold one JSON object: the plan."),
    (b"\xff\xfe{}", "The file is not UTF-8 text: save it as UTF-8 JSON."),
])
def test_a_file_that_is_not_a_plan_is_refused(raw, message):
    assert problems_of(raw) == [message]


def test_every_problem_is_reported_at_once(variant):
    def many(plan):
        del plan["title"]
        plan["ambitions"][0]["unit"] = "pounds"
        plan["areas"][0]["labels"] = []

    problems = problems_of(variant(many))
    assert "title: Missing data for required field." in problems
    assert "ambitions, item 1, unit: Must be one of: percent, count." in problems
    assert "area 'serious_violence' maps no tagger label" in problems


def test_the_shipped_plan_agrees_with_the_taggers_taxonomy(shipped_plan):
    from nlp.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    for area in shipped_plan["areas"]:
        (label,) = area["labels"]
        assert area["name"] == taxonomy[label].name
        assert tuple(area["objectives"]) == taxonomy[label].objectives
