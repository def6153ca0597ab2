"""The outbox worker against a real SMTP server on loopback: retries with backoff, gives
up visibly, never loses a message to a refused recipient, a bad address or a dead worker."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.db import utcnow
from engage.mail.delivery import claim_next, deliver_due
from engage.mail.models import OutboxAttempt, OutboxMessage
from engage.mail.services import send_email
from tests.fixtures.events import _free_port


def _queue(db, to="sam@example.org", n=1):
    msgs = [send_email(to, f"Hello {i}", "event_outcome", registration={"name": "Sam"},
                       event={"title": "A session", "starts_at": utcnow()}, event_url="http://x/e/1")
            for i in range(n)]
    db.session.commit()
    return msgs


def _outcomes(db, message) -> list[str]:
    return list(db.session.scalars(sa.select(OutboxAttempt.outcome).where(
        OutboxAttempt.message_id == message.id).order_by(OutboxAttempt.id)))


def test_queued_mail_waits_for_the_worker_and_is_sent_once(db, smtp):
    (msg,) = _queue(db)
    assert smtp.received == []  # the request path never talks to SMTP
    assert deliver_due("w1").sent == 1
    assert deliver_due("w1").sent == 0
    assert [m["message_id"] for m in smtp.received] == [msg.message_id]
    assert _outcomes(db, msg) == ["sent"]


def test_a_server_that_is_down_keeps_mail_queued_uncharged(app, db):
    (msg,) = _queue(db)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port())
    try:
        report = deliver_due("w1")
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=25)
    db.session.refresh(msg)
    assert report.unreachable and "Cannot reach the mail server" in report.unreachable
    assert (msg.status, msg.attempts) == ("queued", 0)


def test_temporary_refusal_backs_off_exponentially_then_gives_up_visibly(app, db, smtp, client, dummy_officer, sign_in):
    smtp.refuse["busy@example.org"] = "451 Try again later"
    (msg,) = _queue(db, to="busy@example.org")
    now = utcnow()
    delays = []
    for _ in range(app.config["OUTBOX_MAX_ATTEMPTS"]):
        deliver_due("w1", now=lambda at=now: at)
        db.session.refresh(msg)
        delays.append((msg.next_attempt_at - now).total_seconds())
        now = msg.next_attempt_at + timedelta(seconds=1)
    base = app.config["OUTBOX_RETRY_BASE_SECONDS"]
    assert base <= delays[0] <= base * 1.1 and 2 * base <= delays[1] <= 2.2 * base
    assert 4 * base <= delays[2] <= 4.4 * base
    assert msg.status == "failed" and "451" in msg.error
    assert _outcomes(db, msg) == ["retry"] * 7 + ["failed"]
    sign_in(dummy_officer)
    page = client.get("/staff/outbox").get_data(as_text=True)
    assert "Failed: the worker gave up" in page and "451 Try again later" in page
    smtp.refuse.clear()
    assert client.post(f"/staff/outbox/{msg.id}/retry").status_code == 302
    assert deliver_due("w1").sent == 1
    assert [m["to"] for m in smtp.received] == [["busy@example.org"]]


def test_a_refused_recipient_or_malformed_address_fails_at_once_and_others_still_go(db, smtp):
    smtp.refuse["gone@example.org"] = "550 No such user"
    (refused,) = _queue(db, to="gone@example.org")
    (malformed,) = _queue(db, to="not an address")
    (good,) = _queue(db, to="ok@example.org")
    report = deliver_due("w1")
    assert (report.sent, report.failed) == (1, 2)
    for msg in (refused, malformed):
        db.session.refresh(msg)
    assert refused.status == "failed" and "550 No such user" in refused.error
    assert malformed.status == "failed" and "not a valid email address" in malformed.error
    assert [m["to"] for m in smtp.received] == [["ok@example.org"]]


def test_a_worker_killed_mid_send_loses_nothing_and_its_message_goes_again(app, db, smtp):
    (msg,) = _queue(db)
    claim_next("dead-worker", utcnow())  # claimed, then the process died before recording
    assert deliver_due("w2").sent == 0  # the lease still holds: nobody else sends it now
    later = utcnow() + timedelta(seconds=app.config["OUTBOX_LEASE_SECONDS"] + 1)
    report = deliver_due("w2", now=lambda: later)
    assert (report.abandoned, report.sent) == (1, 1)
    assert _outcomes(db, msg) == ["abandoned", "sent"]
    assert [m["message_id"] for m in smtp.received] == [msg.message_id]


def test_a_retry_set_far_ahead_by_a_clock_moved_back_is_still_sent(app, db, smtp):
    (msg,) = _queue(db)
    msg.next_attempt_at = utcnow() + timedelta(days=3)  # granted before the clock went back
    db.session.commit()
    assert deliver_due("w1").sent == 1


def test_several_workers_on_postgresql_never_send_the_same_message(app, db, smtp):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED claiming is PostgreSQL's; SQLite runs one worker")
    msgs = _queue(db, n=60)
    errors, start = [], threading.Barrier(4)

    def work(name):
        try:
            with app.app_context():
                start.wait()
                deliver_due(name)
                db.session.remove()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = [m["message_id"] for m in smtp.received]
    assert sorted(ids) == sorted(m.message_id for m in msgs)  # each exactly once
    workers = set(db.session.scalars(sa.select(OutboxAttempt.worker)))
    assert len(workers) > 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.status == "sent")) == 60
