"""A signed-in resident: the registration form knows them, 'already registered' speaks to
them, 'Your account' lists registrations and unfinished surveys, cancelling asks first and
a waiting-list offer says by when to accept."""

import re

import sqlalchemy as sa

from engage.events.models import Registration
from engage.events.registrations import cancel_registration


def _resident(create_user, sign_in):
    user = create_user("resident", "sam@example.org")
    user.name = "Sam Resident"
    return sign_in(user)


def test_signed_in_registration_is_prefilled_listed_and_refused_twice_kindly(
        client, db, create_user, sign_in, create_event):
    event = create_event()
    _resident(create_user, sign_in)
    form = client.get(f"/events/{event.id}/register").get_data(as_text=True)
    assert 'value="sam@example.org"' in form and 'value="Sam Resident"' in form
    resp = client.post(f"/events/{event.id}/register",
                       data={"name": "Sam Resident", "email": "sam@example.org"})
    assert resp.status_code == 302
    again = client.post(f"/events/{event.id}/register",
                        data={"name": "Sam Resident", "email": "sam@example.org"})
    text = again.get_data(as_text=True)
    assert again.status_code == 400 and "You are already registered" in text
    assert "confirmation email" not in text
    account = client.get("/account/").get_data(as_text=True)
    reference = db.session.scalar(sa.select(Registration.reference))
    assert event.title in account and reference in account


def test_cancelling_asks_for_confirmation(client, db, create_event, create_registration):
    event = create_event()
    reg = create_registration(event)
    page = client.get(f"/events/registrations/{reg.token}").get_data(as_text=True)
    assert f'href="/events/registrations/{reg.token}/cancel"' in page
    confirm = client.get(f"/events/registrations/{reg.token}/cancel")
    assert "Are you sure you want to cancel" in confirm.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).status == "registered", "a GET cancels nothing"
    client.post(f"/events/registrations/{reg.token}/cancel")
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).status == "cancelled"


def test_waiting_list_offer_says_by_when_to_accept(client, db, create_event, create_registration,
                                                    smtp):
    event = create_event(capacity=1)
    first = create_registration(event, email="first@example.org")
    waiting = create_registration(event, email="second@example.org")
    cancel_registration(first.token)
    db.session.commit()
    db.session.expire_all()
    offered = db.session.get(Registration, waiting.id)
    assert offered.status == "offered"
    page = client.get(f"/events/registrations/{offered.token}").get_data(as_text=True)
    assert re.search(r"held for you until <strong>\w+day \d+ \w+ \d{4} at \d\d:\d\d</strong>", page)
    offer = [m for m in smtp.messages if m["subject"].startswith("A place has come up")][0]
    assert re.search(r"holding it for you until \w+day \d+ \w+ \d{4} at \d\d:\d\d", offer["body"])


def test_account_lists_an_unfinished_survey_and_continues_it(client, db, create_user, sign_in,
                                                              create_survey):
    survey = create_survey()
    _resident(create_user, sign_in)
    client.post(f"/surveys/{survey.id}/start")
    # Nothing is stored until a page is answered (issue 14): save the first page for later.
    client.post(f"/surveys/{survey.id}/page/1", data={"action": "save"})
    account = client.get("/account/").get_data(as_text=True)
    assert survey.title in account and "Surveys you have not finished" in account
    action = re.search(r'action="(/surveys/\d+/continue/\d+)"', account).group(1)
    resp = client.post(action)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/page/1")
