"""The worker's schedule: each job once per slot whatever the number of workers or the
clock does; failures recorded and shown, never a crash loop."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from engage.accounts.roles import Role
from engage.mail.models import OutboxMessage
from engage.safeguarding.services import flag_response
from engage.worker.models import JobRun
from engage.worker.schedule import JOBS, LONDON, Job, run_due_jobs
from tests.events.test_services import _tomorrow_at

# 5 December 2026, 09:30 in London (GMT): after every daily job's hour.
MORNING = datetime(2026, 12, 5, 9, 30)


def _runs(db, job: str) -> list[JobRun]:
    return list(db.session.scalars(sa.select(JobRun).where(JobRun.job == job).order_by(JobRun.id)))


def test_daily_jobs_run_once_a_day_even_if_the_clock_moves_back(db):
    assert run_due_jobs("w1", MORNING, echo=lambda _: None) is None
    assert {r.job for r in db.session.scalars(sa.select(JobRun))} == {j.name for j in JOBS}
    problem = run_due_jobs("w2", MORNING - timedelta(hours=1), echo=lambda _: None)
    assert "clock is behind" in problem
    assert len(_runs(db, "send-reminders")) == 1 and len(_runs(db, "retention-purge")) == 1
    run_due_jobs("w1", MORNING + timedelta(days=1), echo=lambda _: None)  # jumped a day ahead
    assert [r.slot for r in _runs(db, "send-reminders")] == ["2026-12-05", "2026-12-06"]


def test_before_its_hour_a_daily_job_waits_then_catches_up_the_same_day(db):
    early = datetime(2026, 12, 5, 6, 0)
    run_due_jobs("w1", early, echo=lambda _: None)
    assert _runs(db, "send-reminders") == [] and _runs(db, "safeguarding-digest") == []
    assert [r.slot for r in _runs(db, "retention-purge")] == ["2026-12-05"]
    run_due_jobs("w1", datetime(2026, 12, 5, 15, 0), echo=lambda _: None)
    assert [r.outcome for r in _runs(db, "send-reminders")] == ["ok"]


def _today_at_london(hour: int) -> datetime:
    local = datetime.now(LONDON).replace(hour=hour, minute=30, second=0, microsecond=0)
    return local.astimezone(UTC).replace(tzinfo=None)


def test_reminders_go_out_from_the_schedule_once(db, create_event, create_registration, smtp):
    event = create_event(**_tomorrow_at(10))
    create_registration(event, email="once@example.org")
    run_due_jobs("w1", _today_at_london(9), echo=lambda _: None)
    run_due_jobs("w2", _today_at_london(11), echo=lambda _: None)
    subjects = [m["subject"].split(":")[0] for m in smtp.to("once@example.org")]
    assert subjects == ["You are registered", "Reminder"]


def test_the_morning_digest_lists_open_cases_to_the_rota(db, create_user, create_response, smtp):
    officer = create_user(Role.officer, "duty@example.org")
    case = flag_response(create_response("A worrying message"), officer)
    db.session.commit()
    run_due_jobs("w1", MORNING, echo=lambda _: None)
    digest = [m for m in smtp.to("duty@example.org") if m["subject"].startswith("Safeguarding: 1 open case")]
    assert len(digest) == 1 and f"/staff/safeguarding/{case.id}" in digest[0]["body"]
    assert "worrying" not in digest[0]["body"]


def test_the_nightly_purge_applies_retention(db, app):
    from engage.mail.services import send_email

    send_email("old@example.org", "Old", "password_reset", user=None, link="x")
    db.session.execute(sa.update(OutboxMessage).values(created_at=MORNING - timedelta(days=400)))
    db.session.commit()
    run_due_jobs("w1", MORNING, echo=lambda _: None)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    assert "outbox_messages 1" in _runs(db, "retention-purge")[0].detail


def test_a_failing_job_is_recorded_and_shown_and_the_others_still_run(db, client, dummy_officer, sign_in):
    def boom(now):
        raise RuntimeError("the venue feed is down")

    jobs = [Job("broken", boom, daily_at=JOBS[1].daily_at), JOBS[0]]
    # Today's 09:30 in London, not MORNING: the staff home lists failures of the last day by
    # the real clock, so a fixed date stopped showing them a day after it was written.
    morning = _today_at_london(9)
    problem = run_due_jobs("w1", morning, echo=lambda _: None, jobs=jobs)
    assert "the venue feed is down" in problem
    assert [r.outcome for r in _runs(db, "broken")] == ["error"]
    assert [r.outcome for r in _runs(db, "expire-offers")] == ["ok"]
    assert run_due_jobs("w1", morning, echo=lambda _: None, jobs=jobs) is None  # not retried in a loop
    sign_in(dummy_officer)
    home = client.get("/staff/").get_data(as_text=True)
    assert "Scheduled job broken failed" in home and "Never run" in home
