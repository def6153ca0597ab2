"""`flask worker --burst`, its heartbeat, and a second worker on SQLite."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.db import utcnow
from engage.mail.models import OutboxMessage
from engage.worker.models import WorkerBeat, WorkerLock
from engage.worker.runner import SQLITE_LOCK
from tests.fixtures.events import _free_port
from tests.worker.test_delivery import _queue


def test_burst_delivers_what_is_due_and_the_staff_home_shows_it(runner, db, smtp, client, dummy_officer, sign_in):
    _queue(db, n=3)
    sign_in(dummy_officer)
    home = client.get("/staff/").get_data(as_text=True)
    assert "Never run" in home and "Emails waiting: 3" in home
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert "Sent 3" in result.output and len(smtp.received) == 3
    beat = db.session.scalars(sa.select(WorkerBeat)).one()
    assert beat.state == "stopped" and beat.sent == 3
    home = client.get("/staff/").get_data(as_text=True)
    assert "Last ran" in home and "Emails waiting: 0" in home and "Failed: 0" in home


def test_burst_with_the_server_down_says_so_and_keeps_the_mail(app, runner, db):
    _queue(db)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port())
    try:
        result = runner.invoke(args=["worker", "--burst"])
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=25)
    assert result.exit_code == 1 and "Mail server unreachable" in result.output
    assert db.session.scalars(sa.select(OutboxMessage.status)).one() == "queued"
    assert "Cannot reach" in db.session.scalars(sa.select(WorkerBeat.last_error)).one()


def test_without_a_mail_server_messages_are_written_as_files(app, runner, db):
    (msg,) = _queue(db)
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    files = list((__import__("pathlib").Path(app.instance_path) / "mail").glob("*.eml"))
    assert any(msg.message_id.strip("<>").replace("@", "_") in f.name for f in files)


def test_production_without_a_mail_server_keeps_mail_queued_and_says_why(app, runner, db):
    _queue(db)
    app.config["ENV_NAME"] = "production"
    try:
        result = runner.invoke(args=["worker", "--burst"])
    finally:
        app.config["ENV_NAME"] = "testing"
    assert result.exit_code == 1 and "MAIL_SERVER is not set" in result.output
    assert db.session.scalars(sa.select(OutboxMessage.status)).one() == "queued"


def test_a_second_worker_on_sqlite_does_not_start(runner, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL runs several workers (SKIP LOCKED)")
    db.session.add(WorkerLock(name=SQLITE_LOCK, holder="other-host:1:abc",
                              expires_at=utcnow() + timedelta(minutes=3)))
    db.session.commit()
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 1
    assert "Another worker (other-host:1:abc) is running" in result.output
    db.session.execute(sa.update(WorkerLock).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()  # its lease ran out: it stopped without saying so
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
