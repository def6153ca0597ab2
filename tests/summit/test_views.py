"""The summit pages, through HTTP: residents sending, officers building the agenda."""

from engage.responses.models import Response
from engage.summit.models import Summit, SummitSubmission

FORM = {
    "respondent_type": "rural_business",
    "organisation": "Trent Valley Fuels",
    "parish": "Gunthorpe",
    "district": "rushcliffe",
    "crimes": ["fuel_theft", "fly_tipping"],
    "frequency": "a_few_times",
    "reported": "no",
    "not_reported_reason": "hard_to_report",
    "text": "Red diesel siphoned twice from the yard; 101 never answered.",
    "consent_to_quote": "y",
}


def test_public_page_shows_themes_progress_and_a_way_in(client, create_summit):
    summit = create_summit()
    page = client.get("/summit/").get_data(as_text=True)
    assert "Hare coursing and poaching" in page and "off-road stingers" in page
    assert f"/summit/{summit.id}/submit" in page


def test_anyone_can_send_a_submission_and_gets_a_reference(client, db, create_summit):
    summit = create_summit()
    assert client.get(f"/summit/{summit.id}/submit").status_code == 200
    resp = client.post(f"/summit/{summit.id}/submit", data=FORM)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/summit/sent")
    sub = db.session.query(SummitSubmission).one()
    page = client.get("/summit/sent").get_data(as_text=True)
    assert sub.reference in page
    assert sub.crimes == ["fuel_theft", "fly_tipping"] and sub.reported is False
    assert sub.response.channel == "summit" and sub.response.respondent is None


def test_missing_answers_show_clear_messages_and_save_nothing(client, db, create_summit):
    summit = create_summit()
    data = FORM | {"reported": "", "respondent_type": "", "text": ""}
    resp = client.post(f"/summit/{summit.id}/submit", data=data)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "<title>Error:" in page and "There is a problem" in page
    for message in (
        "Tell us who you are",
        "whether you reported it",
        "what you would like the summit",
    ):
        assert message in page
    assert (
        db.session.query(SummitSubmission).count() == 0 and db.session.query(Response).count() == 0
    )


def test_closed_window_says_so_and_saves_nothing(client, db, create_summit):
    summit = create_summit("closed")
    assert "closed on" in client.get(f"/summit/{summit.id}/submit").get_data(as_text=True)
    resp = client.post(f"/summit/{summit.id}/submit", data=FORM)
    assert resp.status_code == 409
    assert db.session.query(SummitSubmission).count() == 0


def test_unknown_summit_is_404(client, db):
    assert client.get("/summit/424242/submit").status_code == 404


def test_officer_sets_up_and_edits_a_summit(client, db, sign_in, dummy_officer):
    sign_in(dummy_officer)
    data = {
        "held_on": "2031-03-12",
        "venue": "Newark Showground",
        "opens_on": "2030-12-01",
        "closes_on": "2031-02-20",
        "themes": "Hare coursing\nFly tipping",
        "progress_report": "Rural crime team doubled.",
    }
    resp = client.post("/summit/manage/new", data=data)
    assert resp.status_code == 302
    summit = db.session.query(Summit).one()
    assert (summit.year, summit.themes) == (2031, ["Hare coursing", "Fly tipping"])
    # Midnight London time in winter is midnight UTC; the last day is included.
    assert str(summit.window_closes_at) == "2031-02-21 00:00:00"
    resp = client.post(f"/summit/manage/{summit.id}/edit", data=data | {"themes": "Poaching"})
    assert resp.status_code == 302
    db.session.refresh(summit)
    assert summit.themes == ["Poaching"]
    again = client.post("/summit/manage/new", data=data)
    assert again.status_code == 400 and "already a summit for 2031" in again.get_data(as_text=True)
    bad = client.post(
        "/summit/manage/new", data=data | {"held_on": "2032-03-12", "closes_on": "2030-11-01"}
    )
    assert bad.status_code == 400 and "close after it opens" in bad.get_data(as_text=True)


def test_agenda_pack_and_exports(
    client, db, sign_in, dummy_officer, create_summit, create_summit_submission
):
    summit = create_summit()
    create_summit_submission(
        summit,
        wants_to_speak=True,
        contact_name="Pat Grower",
        contact_email="pat@example.org",
        organisation="=HYPERLINK(1)",
    )
    sign_in(dummy_officer)
    agenda = client.get(f"/summit/manage/{summit.id}").get_data(as_text=True)
    assert "Hare coursing" in agenda and "100% (1 of 1)" in agenda
    pack = client.get(f"/summit/manage/{summit.id}/pack").get_data(as_text=True)
    assert "Pat Grower" in pack and "pat@example.org" not in pack
    csv = client.get(f"/summit/manage/{summit.id}/pack.csv")
    assert csv.mimetype == "text/csv"
    assert "rural_crime,hare_coursing,Hare coursing,1,0,1,100%" in csv.get_data(as_text=True)
    subs = client.get(f"/summit/manage/{summit.id}/submissions.csv").get_data(as_text=True)
    assert "pat@example.org" not in subs and "'=HYPERLINK(1)" in subs
    assert "pat@example.org" in client.get(f"/summit/manage/{summit.id}/submissions").get_data(
        as_text=True
    )


def test_residents_cannot_see_the_agenda(client, db, sign_in, create_user, create_summit):
    summit = create_summit()
    sign_in(create_user())
    assert client.get(f"/summit/manage/{summit.id}").status_code == 403


def test_every_mistake_shows_in_one_round(client, db, create_summit):
    """A too-long parish (the form's check) and the missing answers (the service's checks)
    come back together, not one list after the other."""
    summit = create_summit()
    resp = client.post(f"/summit/{summit.id}/submit",
                       data={"parish": "x" * 130, "wants_to_speak": "y", "text": ""})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "120 characters" in page
    assert "Tell us who you are" in page and "Give a name so we can invite you to speak" in page


def test_a_submission_can_carry_optional_about_you_answers(client, db, create_summit):
    from engage.responses.models import EqualityAnswers

    summit = create_summit()
    page = client.get(f"/summit/{summit.id}/submit").get_data(as_text=True)
    assert "About you (optional)" in page and "writing for an organisation" in page
    bad = client.post(f"/summit/{summit.id}/submit", data=FORM | {"about_you_disability": "sometimes"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Red diesel siphoned twice from the yard" in html
    assert 'href="#about_you_disability"' in html
    assert db.session.query(SummitSubmission).count() == 0
    resp = client.post(f"/summit/{summit.id}/submit", data=FORM | {"about_you_disability": "no",
                                                                    "about_you_rural_urban": "rural"})
    assert resp.status_code == 302
    row = db.session.query(EqualityAnswers).one()
    assert (row.channel, row.disability, row.rural_urban) == ("summit", "no", "rural")
    assert row.response == db.session.query(SummitSubmission).one().response
