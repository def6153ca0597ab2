"""Differences between groups (representation against Census 2021: test_representation.py)."""

from engage.analysis.differences import ALPHA, differences_grid, p_value
from engage.responses.queries import ResponseFilter


def _grid(title):
    return next(g for g in differences_grid(ResponseFilter()) if g["title"].startswith(title))


def test_fisher_or_chi_square_p_values():
    assert p_value(10, 10, 10, 40) < 0.001  # all of a group, none of the rest
    assert p_value(5, 20, 20, 80) > 0.5  # the same share as everyone
    assert p_value(0, 0, 5, 10) == 1.0  # empty group


def test_lift_and_significance_with_small_groups_suppressed(db, create_tagged):
    for _ in range(20):
        create_tagged(
            "Hare coursing and fuel theft", ("rural_crime",), district="newark_and_sherwood"
        )
    for _ in range(30):
        create_tagged("Bikes on the estate", ("asb",), district="nottingham_city")
    for _ in range(4):
        create_tagged("Bikes and a bit of fly tipping", ("asb",), district="gedling")
    grid = _grid("Districts")
    names = [c["name"] for c in grid["columns"]]
    assert names == ["Newark and Sherwood", "Nottingham City"]
    assert grid["suppressed"] == ["Gedling"]
    rural = next(r for r in grid["rows"] if r["label"] == "rural_crime")
    newark = rural["cells"][0]
    assert newark["share"] == 1.0 and round(newark["lift"], 2) == round(54 / 20, 2)
    assert newark["significant"] and newark["q"] < ALPHA
    assert rural["cells"][1]["share"] == 0.0 and rural["cells"][1]["significant"]


def test_no_difference_is_not_significant(db, create_tagged):
    for district in ("ashfield", "bassetlaw"):
        for i in range(12):
            create_tagged(
                "Speeding and bikes", ("road_safety",) if i % 2 else ("asb",), district=district
            )
    grid = _grid("Districts")
    assert not any(c["significant"] for r in grid["rows"] for c in r["cells"])


def test_equality_groups_count_people_not_responses(
    db, create_analysis_survey, create_survey_response
):
    survey = create_analysis_survey()
    for _ in range(12):
        create_survey_response(survey, "Spiking in town", ("vawg",), sex="female")
    for _ in range(9):
        create_survey_response(survey, "Speeding", ("road_safety",), sex="male")
    grid = _grid("Survey respondents: What is your sex?")
    assert [c["key"] for c in grid["columns"]] == ["female"]
    assert grid["suppressed"] == ["Male"]


def test_equality_grids_from_one_grouping_equal_each_question_counted_alone(
    db, create_analysis_survey, create_survey_response
):
    from engage.analysis import queries

    survey = create_analysis_survey()
    answers = [("female", "16_24", "yes"), ("male", "65_74", None), ("female", None, "no"), (None, "16_24", "no")]
    for i in range(20):
        sex, age, disability = answers[i % 4]
        labels = ("vawg", "drugs") if i % 3 else ("road_safety",)
        create_survey_response(survey, f"Answer {i}", labels, sex=sex, age_band=age, disability=disability)
    flt = ResponseFilter()
    keys = ["sex", "age_band", "disability"]
    together = queries.equality_breakdowns(flt, keys)
    for key in keys:
        counts, by_label, people = together[key]
        assert counts == queries.count_by_equality(flt, key)
        assert by_label == queries.label_by_equality(flt, key)
        assert people == queries.count_respondents_by_equality(flt, key)
    assert together["sex"][0] == {"female": 10, "male": 5, None: 5}
