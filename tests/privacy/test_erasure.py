"""Erasure that erases: one person through every channel, erased, and then every text
column of every table (not the registry's list: all of them, from the metadata) holds
their email, phone, name and street zero times. Subject access covers the same."""

import json
import re

import sqlalchemy as sa

from engage.accounts import services as accounts
from engage.accounts.roles import Role
from engage.events.services import give_event_view
from engage.mail.models import OutboxMessage
from engage.privacy import services
from engage.responses.services import create_response
from engage.safeguarding.services import case_for, record_action
from engage.summit.services import submit_to_summit
from engage.surveys.responding import submit_survey_response
from engage.voices import services as voices
from tests.fixtures.summit import GOOD_SUBMISSION
from tests.fixtures.voices import good_voices

EMAIL = "sam.subject@example.org"
PHONE = "07700 900456"
NAME = "Sam Subject"
STREET = "5 Oak Road"
ABOUT = f"My name is {NAME}, I live at {STREET}, NG5 1AB. Ring {PHONE} or {EMAIL}."


def _seed_everywhere(db, create_event, create_registration, create_summit, create_survey,
                     create_partner, dummy_officer):
    user = accounts.create_user(EMAIL, "correct horse battery", Role.resident, name=NAME)
    event = create_event()
    create_registration(event, name=NAME, email=EMAIL.upper(), phone=PHONE, postcode="NG5 1AB",
                        access_needs=f"{NAME} uses a wheelchair")
    give_event_view(event, f"Speeding outside {STREET} every night. {ABOUT}", respondent=user)
    survey = create_survey()
    qs = survey.questions
    submit_survey_response(survey, {
        str(qs[0].id): "agree", str(qs[1].id): "yes", str(qs[3].id): f"Burgled at {STREET}. {ABOUT}",
        str(qs[4].id): {"choices": ["other"], "other": f"Dealers near {STREET}, text {PHONE}"},
        str(qs[7].id): NAME}, {}, respondent=user)
    submit_to_summit(create_summit(), GOOD_SUBMISSION | {
        "text": f"Hare coursers at {STREET}. {ABOUT}", "wants_to_speak": True,
        "contact_name": NAME, "contact_email": EMAIL})
    partner, _org = create_partner()
    voices.submit_voices(partner, good_voices(views=[f"{NAME} of {STREET} says the park is unsafe"]))
    # Tell us, signed out, and a disclosure an officer acted on.
    create_response("direct", f"Please call me back about the dealers: {EMAIL}")
    flagged = create_response("direct", f"My husband hits me every night. {ABOUT}", respondent=user)
    record_action(case_for(flagged), "signposted", f"Called {NAME} on {PHONE}", dummy_officer)
    db.session.add(OutboxMessage(to="officer@example.org", subject="Speaker",
                                 body=f"{NAME} ({PHONE}) would like to speak."))
    db.session.commit()
    return user


def _dump_every_text_column(db) -> str:
    out = []
    for table in db.metadata.sorted_tables:
        cols = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text | sa.JSON)]
        for row in db.session.execute(sa.select(*cols)) if cols else ():
            out += [json.dumps(v) if not isinstance(v, str) else v for v in row if v is not None]
    return "\n".join(out)


def _found(dump: str) -> dict[str, int]:
    digits = re.sub(r"\D", "", dump)
    return {
        "email": dump.lower().count(EMAIL), "name": dump.lower().count(NAME.lower()),
        "street": dump.lower().count(STREET.lower()), "phone": digits.count("07700900456"),
    }


def test_erasure_leaves_nothing_in_any_text_column(
    db, create_event, create_registration, create_summit, create_survey, create_partner,
    dummy_officer, dummy_admin,
):
    _seed_everywhere(db, create_event, create_registration, create_summit, create_survey,
                     create_partner, dummy_officer)
    before = _found(_dump_every_text_column(db))
    assert all(before.values()), before  # the seed really put them everywhere
    services.erase_subject(EMAIL, dummy_admin)
    db.session.commit()
    assert _found(_dump_every_text_column(db)) == {"email": 0, "name": 0, "street": 0, "phone": 0}
    # The words stay, so counts and summaries do not change.
    from engage.responses.models import Response

    texts = db.session.scalars(sa.select(Response.text)).all()
    assert any(t.startswith("Speeding outside [") for t in texts)


def test_subject_access_includes_survey_answers_and_mentions(
    db, create_event, create_registration, create_summit, create_survey, create_partner,
    dummy_officer, dummy_admin,
):
    _seed_everywhere(db, create_event, create_registration, create_summit, create_survey,
                     create_partner, dummy_officer)
    data = services.export_subject(EMAIL, dummy_admin)
    (submission,) = data["records"]["survey_submissions"]
    texts = [a["text"] for a in submission["answers"]]
    assert f"Dealers near {STREET}, text {PHONE}" in texts
    assert any(t and t.startswith("Burgled at") for t in texts)
    assert any(m["text"].endswith(EMAIL) for m in data["mentions"])


def test_cli_access_and_erase_are_audited(
    db, runner, create_event, create_registration, create_summit, create_survey, create_partner,
    dummy_officer,
):
    from engage.audit.models import AuditEvent

    _seed_everywhere(db, create_event, create_registration, create_summit, create_survey,
                     create_partner, dummy_officer)
    result = runner.invoke(args=["privacy", "access", EMAIL])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["account"]["email"] == EMAIL
    refused = runner.invoke(args=["privacy", "erase", EMAIL], input="n\n")
    assert refused.exit_code != 0 and services.find_subject(EMAIL).account is not None
    result = runner.invoke(args=["privacy", "erase", EMAIL, "--yes"])
    assert result.exit_code == 0 and "Erased" in result.output, result.output
    db.session.expire_all()
    assert services.find_subject(EMAIL).rows == 0
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert "privacy.export" in actions and "privacy.erase" in actions
    assert EMAIL not in json.dumps([e.scope for e in db.session.scalars(sa.select(AuditEvent))])
