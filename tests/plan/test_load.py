"""Loading a plan: the new plan is active at once, every earlier one stays on record,
the load is audited, and a bad file changes nothing. The operators' CLI does the same."""

import json

import pytest

from engage.audit.models import AuditEvent
from engage.plan.active import active_plan, label_name, objective_labels, objectives_for
from engage.plan.models import PlanVersion
from engage.plan.schema import PlanFileError
from engage.plan.services import load_plan


def count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_without_a_loaded_plan_the_shipped_2021_25_plan_is_active(db):
    plan = active_plan()
    assert plan.version_id is None and plan.period == "2021-25"
    assert label_name("asb") == "Anti-social behaviour"
    assert objectives_for("asb") == ("Responding", "Supporting")
    assert "asb" in objective_labels()["Supporting"] and "asb" not in objective_labels()["Preventing"]
    assert label_name("other") == "Other"


def test_loading_the_next_plan_switches_names_and_objectives(db, dummy_admin, fixture_plan_bytes):
    version = load_plan(fixture_plan_bytes, "plan_2025_29.json", dummy_admin)
    db.session.commit()
    plan = active_plan()
    assert plan.version_id == version.id and plan.period == "2025-29"
    assert label_name("vawg") == "Fixture area women and girls"
    # An area mapping several labels names each of them by the area and the tagger's name.
    assert label_name("asb") == "Fixture area neighbourhoods (Anti-social behaviour)"
    assert objectives_for("asb") == ("FixtureBeta",)
    assert set(objective_labels()) == {"FixtureAlpha", "FixtureBeta"}
    event = db.session.scalars(db.select(AuditEvent).filter_by(action="plan.load")).one()
    assert event.actor_id == dummy_admin.id and event.scope["plan"] == "test_fixture_plan_2025_29"


def test_a_second_load_is_a_new_version_and_the_first_stays(db, dummy_admin, fixture_plan_bytes, shipped_plan):
    load_plan(json.dumps(shipped_plan), "plan_2021_25.json", dummy_admin)
    newer = load_plan(fixture_plan_bytes, "plan_2025_29.json", dummy_admin)
    db.session.commit()
    assert count(db, PlanVersion) == 2 and active_plan().version_id == newer.id


def test_a_bad_file_saves_nothing_and_keeps_the_active_plan(db, dummy_admin, variant):
    def break_it(plan):
        plan["areas"][3]["labels"] = ["farm_crime"]

    with pytest.raises(PlanFileError):
        load_plan(variant(break_it), "broken.json", dummy_admin)
    db.session.rollback()
    assert count(db, PlanVersion) == 0 and count(db, AuditEvent) == 0
    assert active_plan().version_id is None and label_name("rural_crime") == "Rural crime"


def test_cli_load_and_show(runner, db, tmp_path, fixture_plan_bytes):
    path = tmp_path / "plan_2025_29.json"
    path.write_bytes(fixture_plan_bytes)
    result = runner.invoke(args=["plan", "load", str(path)])
    assert result.exit_code == 0, result.output
    assert "TEST FIXTURE Plan 2025-29 (not real policy) (2025-29)" in result.output and "now active" in result.output
    shown = runner.invoke(args=["plan", "show"])
    assert shown.exit_code == 0
    areas = "fx_neighbourhoods: Fixture area neighbourhoods [neighbourhood_crime, asb, rural_crime, road_safety]"
    assert areas in shown.output
    assert "fx_count (FixtureAlpha): < 90" in shown.output


def test_cli_refuses_a_bad_file_and_lists_its_problems(runner, db, tmp_path, variant):
    def break_it(plan):
        plan["ambitions"][2]["id"] = plan["ambitions"][1]["id"]
        del plan["objectives"][0]["title"]

    path = tmp_path / "broken.json"
    path.write_bytes(variant(break_it))
    result = runner.invoke(args=["plan", "load", str(path)])
    assert result.exit_code == 1
    assert "broken.json was not loaded; the active plan is unchanged" in result.output
    assert "ambitions: the id 'violent_knife_crime' is used more than once" in result.output
    assert "objectives, item 1, title: Missing data for required field." in result.output
    assert count(db, PlanVersion) == 0
    assert "from the plan file shipped with the app" in runner.invoke(args=["plan", "show"]).output
