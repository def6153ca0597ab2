"""Subject access, erasure and retention across every registered domain."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.events.models import Registration, WalkIn
from engage.mail.models import OutboxMessage
from engage.privacy import services
from engage.privacy.registry import account_links, personal_tables
from engage.privacy.retention import purge
from engage.responses.models import EqualityAnswers, Response, ResponseTag
from engage.summit.models import SummitSubmission

EMAIL = "jo.bloggs@example.org"


@pytest.fixture
def jo(
    db,
    create_user,
    create_response,
    create_event,
    create_registration,
    create_summit,
    create_summit_submission,
):
    """A resident with an account, two responses, an event registration and a summit contact."""
    user = create_user("resident", EMAIL)
    create_response(
        "Speeding on Mansfield Road. Call me on 07700 900123 or jo.bloggs@example.org",
        respondent=user,
        postcode="NG19 7BH",
        consent_to_contact=True,
    )
    create_response("Fly tipping behind the co-op", respondent=user,
                    about_you={"religion": "sikh", "age_band": "45_54"})
    create_registration(
        create_event(),
        name="Jo Bloggs",
        email="Jo.Bloggs@Example.org",
        phone="07700 900123",
        access_needs="Wheelchair user",
    )
    create_summit_submission(
        create_summit(), wants_to_speak=True, contact_name="Jo Bloggs", contact_email=EMAIL
    )
    db.session.add(OutboxMessage(to=EMAIL, subject="Summit", body="Dear Jo"))
    db.session.commit()
    return user


def test_the_registry_covers_every_domain_holding_contact_details():
    names = {t.name for t in personal_tables()} | {lk.name for lk in account_links()}
    assert {
        "event_registrations",
        "summit_contacts",
        "outbox_messages",
        "responses",
        "survey_submissions",
        "summit_submissions",
        "voices_submissions",
        "partner_organisations",
        "equality_answers",
    } <= names


def test_find_subject_finds_everything_whatever_the_case(db, jo):
    subject = services.find_subject("  JO.BLOGGS@example.ORG ")
    assert subject.account == jo
    counts = {k: len(v) for k, v in subject.tables.items()}
    assert counts["event_registrations"] == 1 and counts["summit_contacts"] == 1
    # Ours, plus whatever the events domain emailed about the registration.
    assert counts["outbox_messages"] >= 1
    assert len(subject.linked["responses"]) == 2


def test_export_is_whitelisted_and_audited_without_the_address(db, jo, dummy_admin):
    data = services.export_subject(EMAIL, dummy_admin)
    db.session.commit()
    reg = data["records"]["event_registrations"][0]
    assert reg["phone"] == "07700 900123" and reg["access_needs"] == "Wheelchair user"
    assert "token" not in reg
    assert data["account"]["email"] == EMAIL and "password_hash" not in data["account"]
    assert {r["text"][:8] for r in data["records"]["responses"]} == {"Speeding", "Fly tipp"}
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "privacy.export"))
    assert event.actor_id == dummy_admin.id and event.rows == services.find_subject(EMAIL).rows >= 6
    assert EMAIL not in str(event.scope) and event.scope["subject"] == services.subject_digest(
        EMAIL
    )


def test_erasure_removes_contact_details_and_keeps_anonymised_responses(db, jo, dummy_admin):
    tags_before = db.session.scalar(sa.select(sa.func.count(ResponseTag.id)))
    counts = services.erase_subject(EMAIL, dummy_admin)
    db.session.commit()
    assert counts["responses"] == 2 and counts["account"] == 1
    assert services.find_subject(EMAIL).rows == 0
    reg = db.session.scalar(sa.select(Registration))
    assert (
        reg.name == ""
        and reg.phone == ""
        and reg.access_needs == ""
        and reg.email.endswith("@erased.invalid")
    )
    sub = db.session.scalar(sa.select(SummitSubmission))
    assert (
        sub.contact_email is None and sub.contact_name is None and sub.organisation == "Brook Farm"
    )
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    texts = db.session.scalars(sa.select(Response.text).order_by(Response.id)).all()
    assert texts[0].startswith("Speeding on Mansfield Road. Call me on [")
    assert "900123" not in texts[0] and "jo.bloggs" not in texts[0].lower()
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Response.id)).where(Response.respondent_id.is_not(None))
        )
        == 0
    )
    assert db.session.scalar(sa.select(sa.func.count(ResponseTag.id))) == tags_before
    assert not jo.is_active and jo.name == "" and not jo.check_password("correct horse battery")


def test_staff_accounts_are_not_erased_here(db, dummy_officer, dummy_admin):
    with pytest.raises(InvalidState):
        services.erase_subject(dummy_officer.email, dummy_admin)


def test_a_nonsense_address_is_refused(db):
    with pytest.raises(ValidationFailed):
        services.find_subject("not an email")


def test_redact_keeps_the_words_and_drops_the_contact_details():
    redacted = services.redact("ring 0115 967 0999, write to a.b@c.co.uk, at NG1 5FS")
    assert redacted.startswith("ring [") and ", write to [" in redacted
    assert not any(s in redacted for s in ("967 0999", "a.b@c.co.uk", "5FS"))
    assert services.redact("Speeding on the A60 since 2019") == "Speeding on the A60 since 2019"


def _age_everything(db, days: int) -> None:
    from engage.events.models import Event

    past = utcnow() - timedelta(days=days)
    db.session.execute(sa.update(Event).values(starts_at=past - timedelta(hours=2), ends_at=past))
    db.session.execute(sa.update(Response).values(submitted_at=past))
    db.session.execute(sa.update(SummitSubmission).values(submitted_at=past))
    db.session.execute(sa.update(OutboxMessage).values(created_at=past))
    db.session.commit()


def test_purge_is_a_dry_run_unless_applied(db, jo):
    _age_everything(db, 800)
    lines = {line.name: line.rows for line in purge()}
    db.session.rollback()
    assert (
        lines["event_registrations"] == 1
        and lines["responses"] == 2
        and lines["outbox_messages"] >= 1
    )
    assert db.session.scalar(sa.select(Registration)).phone == "07700 900123"


def test_purge_applies_each_period_and_is_idempotent(db, jo, app):
    # A walk-in at the same session: only a name, no contact, still blanked.
    db.session.add(WalkIn(event_id=db.session.scalar(sa.select(Registration)).event_id, name="Pat Walker"))
    db.session.commit()
    _age_everything(
        db, 100
    )  # past registrations (90) and outbox (90), not summit (365) or responses (730)
    lines = {line.name: line.rows for line in purge(apply=True)}
    db.session.commit()
    assert lines.pop("outbox_messages") >= 1
    assert lines == {
        "event_registrations": 1,
        "event_walk_ins": 1,
        "summit_contacts": 0,
        "responses": 0,
        "survey_submissions": 0,
        "summit_submissions": 0,
        "equality_answers": 0,
        "throttles": 0,
    }
    assert db.session.scalar(sa.select(Registration)).email.endswith("@erased.invalid")
    assert db.session.scalar(sa.select(WalkIn)).name == ""
    assert db.session.scalar(sa.select(SummitSubmission)).contact_email == EMAIL
    again = purge(apply=True)
    db.session.commit()
    assert sum(line.rows for line in again) == 0
    assert (
        db.session.scalar(
            sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == "privacy.purge")
        )
        == 2
    )


def test_purge_leaves_responses_with_an_open_safeguarding_case(db, create_user, create_response):
    user = create_user("resident", "r@example.org")
    create_response("My husband hits me every night", respondent=user, postcode="NG5 1AA")
    _age_everything(db, 800)
    assert {line.name: line.rows for line in purge()}["responses"] == 0


def _equality_rows(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(EqualityAnswers.id)))


def test_equality_answers_are_in_the_subject_access_export(db, jo, dummy_admin):
    (row,) = services.export_subject(EMAIL, dummy_admin)["records"]["equality_answers"]
    assert row["religion"] == "sikh" and row["age_band"] == "45_54" and row["channel"] == "direct"


def test_erasure_deletes_the_equality_answers(db, jo, dummy_admin):
    responses = db.session.scalar(sa.select(sa.func.count(Response.id)))
    assert _equality_rows(db) == 1
    counts = services.erase_subject(EMAIL, dummy_admin)
    db.session.commit()
    assert counts["equality_answers"] == 1 and _equality_rows(db) == 0
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == responses  # words kept


def test_erasure_by_summit_contact_deletes_that_submissions_answers(
    db, create_summit, create_summit_submission, dummy_admin
):
    """No account: the person is found by the contact email they gave to speak."""
    create_summit_submission(create_summit(), wants_to_speak=True, contact_name="Sam Field",
                             contact_email="sam@example.org", about_you={"sex": "male"})
    assert _equality_rows(db) == 1
    services.erase_subject("sam@example.org", dummy_admin)
    db.session.commit()
    assert _equality_rows(db) == 0


def test_retention_deletes_equality_answers_with_the_response_period(db, jo, create_response):
    create_response("Cars parked on the pavement", about_you={"sex": "female"})  # anonymous
    _age_everything(db, 100)
    assert {line.name: line.rows for line in purge(apply=True)}["equality_answers"] == 0
    db.session.commit()
    assert _equality_rows(db) == 2
    _age_everything(db, 800)
    db.session.execute(sa.update(EqualityAnswers).values(answered_at=utcnow() - timedelta(days=800)))
    purge(apply=True)
    db.session.commit()
    assert _equality_rows(db) == 0
