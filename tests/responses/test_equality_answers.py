"""'About you' answers outside surveys: 'tell us in confidence' asks them, separately from
what the person tells us; the channels that are not about one person refuse them."""

import pytest

from engage.errors import ValidationFailed
from engage.responses.models import EqualityAnswers, Response
from engage.responses.services import create_response
from engage.surveys.models import ABOUT_YOU_KEYS


def test_the_table_asks_exactly_the_surveys_questions():
    assert {c.name for c in EqualityAnswers.__table__.columns} >= set(ABOUT_YOU_KEYS)


def test_tell_us_explains_the_questions_are_optional_and_separate(client, db):
    page = client.get("/tell-us").get_data(as_text=True)
    assert "About you (optional)" in page and "separate from what you tell us in confidence" in page
    assert page.count("Prefer not to say") >= len(ABOUT_YOU_KEYS)
    assert client.post("/tell-us", data={"text": "Someone is dealing from the flat upstairs"}).status_code == 302
    assert db.session.query(EqualityAnswers).count() == 0
    resp = client.post("/tell-us", data={"text": "Scared to walk home past the park",
                                         "about_you_sexual_orientation": "gay_lesbian"})
    assert resp.status_code == 302
    row = db.session.query(EqualityAnswers).one()
    assert (row.channel, row.sexual_orientation) == ("direct", "gay_lesbian")


def test_tell_us_with_a_bad_answer_is_400_keeps_the_words_and_saves_nothing(client, db):
    resp = client.post("/tell-us", data={"text": "Scared to walk home past the park",
                                         "about_you_gender_identity": "maybe"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Scared to walk home past the park" in html
    assert 'id="about_you_gender_identity-error"' in html
    assert db.session.query(Response).count() == 0


def test_channels_not_about_one_person_refuse_answers(app, db):
    with pytest.raises(ValidationFailed) as exc:
        create_response("voices", "Our members feel unsafe at night", about_you={"sex": "female"})
    assert exc.value.field == "about_you" and db.session.query(Response).count() == 0
    # Every question skipped: nothing to refuse, nothing kept.
    create_response("voices", "Our members feel unsafe at night", about_you={"sex": None})
    assert db.session.query(EqualityAnswers).count() == 0
