"""The worker's schedule. Each job runs once per slot: a London date for the daily
ones (at or after their hour, so a worker that was down catches up the same day), the
start of the interval for the others. The run record is inserted in the job's own
transaction under a unique (job, slot), so several workers, a restart or a clock moved
back never run a slot twice; a clock moved forward runs the new slot once."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from engage.extensions import db
from engage.worker.models import JobRun

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[datetime], str]  # does the work (flushing, not committing); says what it did
    every: timedelta | None = None
    daily_at: time | None = None  # London time


def _expire_offers(now: datetime) -> str:
    from engage.events.registrations import expire_offers

    return f"expired {expire_offers(now)} offers"


def _send_reminders(now: datetime) -> str:
    from engage.events.registrations import send_due_reminders

    return f"sent {send_due_reminders(now)} reminders"


def _purge(now: datetime) -> str:
    from engage.privacy.retention import purge

    lines = purge(apply=True, now=now)
    old_runs = db.session.execute(sa.delete(JobRun).where(JobRun.started_at < now - timedelta(days=30)))
    return "; ".join(f"{line.name} {line.rows}" for line in lines) + f"; job records {old_runs.rowcount}"


def _safeguarding_digest(now: datetime) -> str:
    from engage.alerts.services import send_safeguarding_digest

    return f"emailed {send_safeguarding_digest(now)} officers"


JOBS = [
    Job("expire-offers", _expire_offers, every=timedelta(minutes=5)),
    Job("send-reminders", _send_reminders, daily_at=time(9, 0)),
    Job("retention-purge", _purge, daily_at=time(2, 30)),
    Job("safeguarding-digest", _safeguarding_digest, daily_at=time(8, 0)),
]


def slot_for(job: Job, now: datetime) -> str | None:
    """The slot `now` falls in, or None before a daily job's hour."""
    if job.every is not None:
        step = int(job.every.total_seconds())
        start = int(now.replace(tzinfo=UTC).timestamp()) // step * step
        return datetime.fromtimestamp(start, UTC).strftime("%Y-%m-%dT%H:%M")
    local = now.replace(tzinfo=UTC).astimezone(LONDON)
    if local.time() < job.daily_at:
        return None
    return local.date().isoformat()


def run_due_jobs(worker: str, now: datetime, echo=print, jobs=None) -> str | None:
    """Run every job whose slot has no run yet. Returns a problem to show staff, if any."""
    problems = []
    clock = _clock_moved_back(now)
    if clock:
        problems.append(clock)
    for job in jobs or JOBS:
        slot = slot_for(job, now)
        if slot is None or _has_run(job.name, slot):
            continue
        problem = _run(job, slot, worker, now, echo)
        if problem:
            problems.append(problem)
    return " ".join(problems) or None


def _has_run(job: str, slot: str) -> bool:
    return db.session.scalar(sa.select(JobRun.id).where(JobRun.job == job, JobRun.slot == slot)) is not None


def _run(job: Job, slot: str, worker: str, now: datetime, echo) -> str | None:
    run = JobRun(job=job.name, slot=slot, worker=worker, started_at=now, outcome="running")
    try:
        db.session.add(run)
        db.session.flush()  # another worker holding this slot makes this wait, then fail
        run.detail = job.run(now)[:500]
        run.outcome, run.finished_at = "ok", now
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the slot was taken by another worker: nothing to do
        return None
    except Exception as exc:  # noqa: BLE001  (recorded and shown; the loop goes on)
        db.session.rollback()
        current_app.logger.exception("Scheduled job %s failed", job.name)
        detail = f"{type(exc).__name__}: {exc}"[:500]
        try:
            db.session.add(JobRun(job=job.name, slot=slot, worker=worker, started_at=now,
                                  finished_at=now, outcome="error", detail=detail))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
        echo(f"Job {job.name} ({slot}) failed: {detail}")
        return f"Job {job.name} failed: {detail}"
    echo(f"Job {job.name} ({slot}): {run.detail}")
    return None


def _clock_moved_back(now: datetime) -> str | None:
    latest = db.session.scalar(sa.select(sa.func.max(JobRun.started_at)))
    if latest is not None and now < latest - timedelta(minutes=1):
        return (f"The clock is behind the last scheduled run ({latest:%Y-%m-%d %H:%M} UTC); "
                "runs already made are not repeated.")
    return None
