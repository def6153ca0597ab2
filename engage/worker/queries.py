"""What staff see of the worker: when it last ran, what waits, what failed."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.db import utcnow
from engage.extensions import db
from engage.mail.services import outbox_counts
from engage.worker.models import JobRun, WorkerBeat


@dataclass
class WorkerSummary:
    last_beat_at: datetime | None
    alive: bool
    waiting: int
    failed: int
    last_error: str | None
    last_error_at: datetime | None
    failed_jobs: list[JobRun]


def worker_summary(now: datetime | None = None) -> WorkerSummary:
    now = now or utcnow()
    beat = db.session.scalars(sa.select(WorkerBeat).order_by(WorkerBeat.beat_at.desc()).limit(1)).first()
    counts = outbox_counts()
    day_ago = now - timedelta(days=1)
    failed_jobs = list(db.session.scalars(
        sa.select(JobRun).where(JobRun.outcome == "error", JobRun.started_at >= day_ago)
        .order_by(JobRun.id.desc()).limit(5)))
    recent_error = beat is not None and beat.last_error_at is not None and beat.last_error_at >= day_ago
    return WorkerSummary(
        last_beat_at=beat.beat_at if beat else None,
        alive=beat is not None and beat.state != "stopped" and now - beat.beat_at < timedelta(minutes=2),
        waiting=counts["queued"] + counts["sending"],
        failed=counts["failed"],
        last_error=beat.last_error if recent_error else None,
        last_error_at=beat.last_error_at if recent_error else None,
        failed_jobs=failed_jobs,
    )
