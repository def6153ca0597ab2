"""Key Ambition figures from other sources: recorded with a source and a finished period,
each problem named and nothing half-saved; only the recorder (or an admin) changes one;
every change audited. The pages: labelled form, error summary, confirmation, way back."""

from datetime import date

import pytest

from engage.accounts.roles import Role
from engage.audit.models import AuditEvent
from engage.errors import NotAllowed, ValidationFailed
from engage.plan.figures import delete_figure, record_figure, update_figure
from engage.plan.models import AmbitionFigure

TODAY = date(2026, 12, 5)
GOOD = {"ambition_id": "violent_knife_crime", "value": "701", "period_start": date(2026, 4, 1),
        "period_end": date(2026, 6, 30), "source": "Police recorded crime", "note": "Provisional"}


def count(db, model, **filters) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model).filter_by(**filters))


def test_a_figure_is_recorded_and_audited(db, dummy_officer):
    figure = record_figure(GOOD, dummy_officer, TODAY)
    db.session.commit()
    assert (figure.value, figure.source, figure.recorded_by_id) == (701.0, "Police recorded crime", dummy_officer.id)
    assert count(db, AuditEvent, action="ambition_figure.create") == 1


@pytest.mark.parametrize("change, field, message", [
    ({"source": "  "}, "source", "Enter where the figure comes from, like 'Police recorded crime'"),
    ({"period_end": date(2026, 12, 31)}, "period_end",
     "The period is not over yet: record a figure once its period has ended"),
    ({"value": "about 700"}, "value", "Enter the figure as a number, like 686 or 7.2"),
    ({"value": "nan"}, "value", "Enter the figure as a number, like 686 or 7.2"),
    ({"period_start": date(2026, 7, 1)}, "period_end", "The period must end on or after the day it starts"),
    ({"period_start": None}, "period_start",
     "Enter the period the figure covers: a quarter, or a start and an end date"),
    ({"ambition_id": "fewer_burglaries"}, "ambition_id", "Choose one of the plan's Key Ambitions"),
])
def test_a_bad_figure_is_refused_with_its_reason_and_nothing_saved(db, dummy_officer, change, field, message):
    with pytest.raises(ValidationFailed) as caught:
        record_figure(GOOD | change, dummy_officer, TODAY)
    db.session.rollback()
    assert caught.value.errors == {field: [message]}
    assert count(db, AmbitionFigure) == 0 and count(db, AuditEvent) == 0


def test_only_the_recorder_or_an_admin_changes_a_figure(db, create_user, dummy_officer, dummy_admin):
    figure = record_figure(GOOD, dummy_officer, TODAY)
    db.session.commit()
    colleague = create_user(Role.officer)
    with pytest.raises(NotAllowed):
        update_figure(figure, GOOD | {"value": "1"}, colleague, TODAY)
    with pytest.raises(NotAllowed):
        delete_figure(figure, colleague)
    update_figure(figure, GOOD | {"value": "690"}, dummy_officer, TODAY)
    db.session.commit()
    assert figure.value == 690
    delete_figure(figure, dummy_admin)
    db.session.commit()
    assert count(db, AmbitionFigure) == 0
    assert [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))] == [
        "ambition_figure.create", "ambition_figure.update", "ambition_figure.delete"]


def test_a_refused_correction_leaves_the_figure_as_it_was(db, dummy_officer):
    figure = record_figure(GOOD, dummy_officer, TODAY)
    db.session.commit()
    with pytest.raises(ValidationFailed):
        update_figure(figure, GOOD | {"value": "700", "source": ""}, dummy_officer, TODAY)
    db.session.rollback()
    assert db.session.get(AmbitionFigure, figure.id).value == 701


# The pages


def form(**change) -> dict:
    return {"ambition_id": "first_time_entrants", "value": "240", "quarter": "2025/26 Q4",
            "period_start": "", "period_end": "", "source": "Youth Justice Services", "note": ""} | change


@pytest.mark.parametrize("role", [Role.resident, Role.partner])
def test_residents_and_partners_may_not_record_figures(client, create_user, sign_in, role, db):
    sign_in(create_user(role))
    for url in ("/staff/ambitions/figures/", "/staff/ambitions/figures/new", "/analysis/performance"):
        assert client.get(url).status_code == 403
    assert client.post("/staff/ambitions/figures/new", data=form()).status_code == 403
    assert count(db, AmbitionFigure) == 0


def test_signed_out_people_are_sent_to_sign_in(client):
    for url in ("/staff/ambitions/figures/", "/staff/ambitions/figures/new", "/analysis/performance"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/account/sign-in" in resp.headers["Location"]


@pytest.mark.parametrize("who", ["dummy_officer", "dummy_analyst"])
def test_staff_record_a_figure_for_a_quarter_and_see_it_confirmed(client, sign_in, who, request, db):
    sign_in(request.getfixturevalue(who))
    page = client.get("/staff/ambitions/figures/new?ambition=first_time_entrants").get_data(as_text=True)
    assert '<label class="govuk-label" for="source">Source</label>' in page
    assert '<option value="first_time_entrants" selected>' in page
    assert 'href="/staff/ambitions/figures/"' in page  # a way back
    resp = client.post("/staff/ambitions/figures/new", data=form(), follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Figure saved: 240 for 1 Jan 2026 to 31 Mar 2026 (Youth Justice Services)." in page
    assert "1 figure recorded" in page and "Change<span" in page


def test_a_bad_form_shows_every_problem_and_saves_nothing(client, dummy_officer, sign_in, db):
    sign_in(dummy_officer)
    resp = client.post("/staff/ambitions/figures/new",
                       data=form(value="lots", source="", quarter="", period_start="2099-01-01",
                                 period_end="2099-03-31"))
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "There is a problem" in page
    assert '<a href="#value">Enter the figure as a number, like 686 or 7.2</a>' in page
    assert "Enter where the figure comes from" in page
    assert "The period is not over yet" in page
    assert count(db, AmbitionFigure) == 0 and count(db, AuditEvent) == 0


def test_a_quarter_still_running_is_refused(client, dummy_officer, sign_in, db):
    sign_in(dummy_officer)
    resp = client.post("/staff/ambitions/figures/new", data=form(quarter="2099/00 Q1"))
    assert resp.status_code == 400 and '<a href="#quarter">The period is not over yet' in resp.get_data(as_text=True)
    assert count(db, AmbitionFigure) == 0


def test_officers_edit_and_delete_their_own_figures_only(client, create_user, sign_in, dummy_officer, db):
    mine = record_figure(GOOD, dummy_officer, TODAY)
    db.session.commit()
    sign_in(create_user(Role.officer))
    assert client.get(f"/staff/ambitions/figures/{mine.id}/edit").status_code == 403
    assert client.post(f"/staff/ambitions/figures/{mine.id}/delete").status_code == 403
    assert "Change<span" not in client.get("/staff/ambitions/figures/").get_data(as_text=True)
    client.post("/account/sign-out")
    sign_in(dummy_officer)
    page = client.get(f"/staff/ambitions/figures/{mine.id}/edit").get_data(as_text=True)
    assert '<option value="2026/27 Q1" selected>' in page and 'value="Police recorded crime"' in page
    resp = client.post(f"/staff/ambitions/figures/{mine.id}/edit",
                       data=form(ambition_id="violent_knife_crime", value="688", quarter="2026/27 Q1",
                                 source="Police recorded crime"), follow_redirects=True)
    assert "Figure saved: 688" in resp.get_data(as_text=True)
    assert "Delete this figure?" in client.get(f"/staff/ambitions/figures/{mine.id}/delete").get_data(as_text=True)
    resp = client.post(f"/staff/ambitions/figures/{mine.id}/delete", follow_redirects=True)
    assert "Figure deleted." in resp.get_data(as_text=True) and count(db, AmbitionFigure) == 0
    assert client.get("/staff/ambitions/figures/999/edit").status_code == 404
