"""Issue 14 finding 1: no staff page, and no stored copy, holds another person's reset,
resume or cancellation link; the recipient still gets a working one."""

import re

import sqlalchemy as sa

from engage.mail.models import OutboxMessage
from tests.surveys.test_views import _ids, _start

RESET = re.compile(r"http://localhost(/account/reset/\S+)")


def _row_text(db) -> str:
    """Every stored column of every outbox row, as a database reader would see it."""
    rows = db.session.execute(sa.select(OutboxMessage.__table__)).all()
    return "\n".join(str(value) for row in rows for value in row)


def test_an_officer_cannot_take_over_the_admin_from_the_outbox(client, db, dummy_admin, dummy_officer, sign_in, smtp):
    client.post("/account/forgot-password", data={"email": dummy_admin.email})
    sign_in(dummy_officer)
    page = client.get("/staff/outbox").get_data(as_text=True)
    assert "Reset your password" in page and "/account/reset/" not in page
    assert "private link withheld" in page
    assert "/account/reset/" not in _row_text(db)  # the sealed copy is not readable either
    (mail,) = smtp.to(dummy_admin.email)  # the worker delivers the real link to the admin
    path = RESET.search(mail["body"]).group(1)
    assert mail["message_id"].startswith("<") and mail["message_id"].endswith(">")
    assert client.get(path).status_code == 200
    sent = db.session.scalars(sa.select(OutboxMessage)).one()
    assert sent.status == "sent" and sent.sealed_body is None  # nothing left to unseal


def test_registration_and_resume_links_are_withheld_from_staff(
    client, db, create_event, create_registration, create_survey, dummy_officer, sign_in, smtp
):
    registration = create_registration(create_event(), email="resident@example.org")
    survey = create_survey()
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={_ids(survey)[0]: "agree", "action": "save"})
    client.post(f"/surveys/{survey.id}/saved", data={"email": "me@example.org"})
    stored = _row_text(db)
    assert registration.token not in stored and "/surveys/resume/" not in stored
    client.post("/account/sign-out")
    sign_in(dummy_officer)
    page = client.get("/staff/outbox").get_data(as_text=True)
    assert registration.reference in page  # the rest of the message is there to check
    assert registration.token not in page and "/surveys/resume/" not in page
    (resume,) = smtp.to("me@example.org")
    assert "/surveys/resume/" in resume["body"]
    assert registration.token in smtp.to("resident@example.org")[0]["body"]
