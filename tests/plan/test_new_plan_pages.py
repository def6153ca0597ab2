"""Replacing the plan file is enough: after the admin loads the 2025-29 test fixture, the
pages and the API name its priority areas, objectives and ambitions, while responses keep
the tagger's fixed label ids."""

import io
import json

import pytest

from tests.plan.conftest import FIXTURE_2025_29

FIXTURE = json.loads(FIXTURE_2025_29.read_text())
AREA_OF = {label: area for area in FIXTURE["areas"] for label in area["labels"]}


@pytest.fixture
def next_plan(client, dummy_admin, sign_in, fixture_plan_bytes):
    sign_in(dummy_admin)
    resp = client.post("/admin/plan", data={"plan_file": (io.BytesIO(fixture_plan_bytes), "plan.json")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    client.post("/account/sign-out")


@pytest.fixture
def tagged(create_response):
    response = create_response("Drug dealing outside the shops and cars racing up the road every night",
                               district="mansfield")
    labels = [t.label for t in response.tags if t.label != "other"]
    assert labels, "the tagger found no priority area"
    return labels


def area_name(label: str) -> str:
    area = AREA_OF[label]
    return area["name"]


def test_analysts_pages_name_the_new_plans_areas_and_objectives(client, next_plan, tagged, dummy_analyst, sign_in):
    sign_in(dummy_analyst)
    dashboard = client.get("/analysis/").get_data(as_text=True)
    for label in tagged:
        assert area_name(label) in dashboard
    for objective in FIXTURE["objectives"]:
        assert f'<option value="{objective["id"]}"' in dashboard
    assert '<option value="Preventing"' not in dashboard
    summary = client.get("/analysis/summary").get_data(as_text=True)
    assert all(area_name(label) in summary for label in tagged)
    performance = client.get("/analysis/performance").get_data(as_text=True)
    assert "Fixture ambition counted from another source" in performance
    assert "Fixture objective alpha" in performance and "Reduce levels of violent knife crime" not in performance
    tracker = client.get("/staff/surveys/ambitions").get_data(as_text=True)
    assert "Fixture ambition measured as a share" in tracker and "TEST FIXTURE Plan 2025-29" in tracker
    figure_form = client.get("/staff/ambitions/figures/new").get_data(as_text=True)
    assert '<option value="fx_count">' in figure_form


def test_the_api_keeps_label_ids_and_rolls_up_to_the_new_objectives(client, next_plan, tagged, dummy_analyst,
                                                                    bearer):
    headers = bearer(dummy_analyst)
    summary = client.get("/api/v1/summary", headers=headers).get_json()
    assert [o["objective"] for o in summary["objectives"]] == ["FixtureAlpha", "FixtureBeta"]
    areas = {a["label"]: a["name"] for a in summary["areas"]}
    assert set(tagged) <= set(areas)  # the label ids the tagger gave, unchanged
    assert all(areas[label].startswith(area_name(label)) for label in tagged)
    alpha = [label for label, area in AREA_OF.items() if "FixtureAlpha" in area["objectives"]]
    want = 1 if set(tagged) & set(alpha) else 0
    listed = client.get("/api/v1/responses?objective=FixtureAlpha", headers=headers).get_json()
    assert listed["total"] == want
    old = client.get("/api/v1/responses?objective=Preventing", headers=headers)
    assert old.status_code == 422 and "FixtureAlpha" in json.dumps(old.get_json()["errors"])


def test_public_pages_name_the_new_plan(client, next_plan):
    home = client.get("/").get_data(as_text=True)
    assert "Fixture quote for the home page." in home and "TEST FIXTURE Plan 2025-29" in home
    assert "Police and Crime Plan 2021-25" not in home
    outcomes = client.get("/you-said-we-did").get_data(as_text=True)
    assert "Fixture area women and girls" in outcomes


def test_responses_counted_before_the_switch_roll_up_to_the_new_objectives(
        client, db, tagged, dummy_admin, dummy_analyst, sign_in, bearer, fixture_plan_bytes):
    """The analysis marginals count responses per objective: after a plan load they follow
    the new plan (checked against a full recount), for responses tagged before it."""
    from engage.analysis.rollups import stale_marginals

    sign_in(dummy_admin)
    client.post("/admin/plan", data={"plan_file": (io.BytesIO(fixture_plan_bytes), "plan.json")},
                content_type="multipart/form-data")
    client.post("/account/sign-out")
    assert stale_marginals() == {}
    summary = client.get("/api/v1/summary", headers=bearer(dummy_analyst)).get_json()
    by_objective = {o["objective"]: o["count"] for o in summary["objectives"]}
    alpha = {label for label, area in AREA_OF.items() if "FixtureAlpha" in area["objectives"]}
    assert by_objective["FixtureAlpha"] == (1 if alpha & set(tagged) else 0)
    assert "Preventing" not in by_objective
