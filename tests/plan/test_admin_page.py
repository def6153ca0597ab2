"""/admin/plan: only admins; a good file becomes the active plan with a confirmation; a
bad one re-renders the form with every problem listed and saves nothing."""

import io

import pytest

from engage.accounts.roles import Role
from engage.audit.models import AuditEvent
from engage.plan.models import PlanVersion


def upload(client, raw: bytes, name: str = "plan.json"):
    return client.post("/admin/plan", data={"plan_file": (io.BytesIO(raw), name)},
                       content_type="multipart/form-data")


def test_signed_out_people_are_sent_to_sign_in(client):
    resp = client.get("/admin/plan")
    assert resp.status_code == 302 and "/account/sign-in" in resp.headers["Location"]


@pytest.mark.parametrize("role", [Role.resident, Role.partner, Role.officer, Role.analyst])
def test_only_admins_may_see_or_replace_the_plan(client, create_user, sign_in, role, fixture_plan_bytes, db):
    sign_in(create_user(role))
    assert client.get("/admin/plan").status_code == 403
    assert upload(client, fixture_plan_bytes).status_code == 403
    assert db.session.scalar(db.select(db.func.count(PlanVersion.id))) == 0


def test_the_admin_sees_the_active_plan_and_loads_the_next(client, dummy_admin, sign_in, fixture_plan_bytes, db):
    sign_in(dummy_admin)
    page = client.get("/admin/plan").get_data(as_text=True)
    assert "Active plan: Make Notts Safe: Police and Crime Plan 2021-25" in page
    assert "The plan file shipped with the platform" in page
    assert '<label class="govuk-label" for="plan_file">Plan file (JSON)</label>' in page
    resp = upload(client, fixture_plan_bytes, "plan_2025_29.json")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/plan")
    page = client.get("/admin/plan").get_data(as_text=True)
    assert "TEST FIXTURE Plan 2025-29 (not real policy) (2025-29) is now the active plan (version 1)" in page
    assert "Active plan: TEST FIXTURE Plan 2025-29" in page and "plan_2025_29.json" in page
    assert "Fixture area neighbourhoods" in page and "neighbourhood_crime, asb, rural_crime, road_safety" in page
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id)).filter_by(action="plan.load")) == 1


def test_a_bad_file_lists_its_problems_and_changes_nothing(client, dummy_admin, sign_in, variant, db):
    sign_in(dummy_admin)

    def break_it(plan):
        plan["areas"][0]["id"] = plan["areas"][1]["id"]
        plan["areas"][5]["labels"] = ["speeding"]
        plan["areas"].append({"id": "empty", "name": "Empty", "objectives": ["Preventing"], "labels": []})

    resp = upload(client, variant(break_it), "next-plan.json")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "There is a problem" in page
    assert "next-plan.json was not loaded: it has 4 problems (listed below). The active plan is unchanged." in page
    assert "areas: the id &#39;vawg&#39; is used more than once" in page
    assert "&#39;speeding&#39; is not a tagger label id" in page
    assert "area &#39;empty&#39; maps no tagger label" in page
    assert "no area maps these tagger labels: road_safety" in page
    assert db.session.scalar(db.select(db.func.count(PlanVersion.id))) == 0
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 0
    assert "Active plan: Make Notts Safe: Police and Crime Plan 2021-25" in page


@pytest.mark.parametrize("raw, message", [
    (b"{not json", "The file is not valid JSON"),
    (b"", "The file is not valid JSON: Expecting value at line 1, column 1."),
])
def test_a_file_that_is_not_json_is_refused(client, dummy_admin, sign_in, raw, message, db):
    sign_in(dummy_admin)
    resp = upload(client, raw)
    assert resp.status_code == 400 and message in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(PlanVersion.id))) == 0


def test_no_file_chosen(client, dummy_admin, sign_in):
    sign_in(dummy_admin)
    resp = client.post("/admin/plan", data={}, content_type="multipart/form-data")
    assert resp.status_code == 400 and "Choose a plan file to upload" in resp.get_data(as_text=True)
