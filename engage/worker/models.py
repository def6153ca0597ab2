"""What the worker leaves behind: a heartbeat per worker process, the lock that keeps
SQLite to one worker, and a record of each scheduled job's run."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.db import utcnow
from engage.extensions import db


class WorkerBeat(db.Model):
    """One worker process: when it started, last looked for work, and what went wrong."""

    __tablename__ = "worker_beats"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)  # host:pid:random
    state: Mapped[str] = mapped_column(sa.String(16), default="running")  # running|standby|stopped
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    beat_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    last_error_at: Mapped[datetime | None]


class WorkerLock(db.Model):
    """A named lease: held by `holder` until `expires_at`, renewed by its heartbeat."""

    __tablename__ = "worker_locks"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    holder: Mapped[str | None] = mapped_column(sa.String(120))
    expires_at: Mapped[datetime] = mapped_column(default=utcnow)


class JobRun(db.Model):
    """One run of a scheduled job for one slot (a London date for daily jobs, the start
    of the interval for the others). The unique (job, slot) makes a run happen once
    however many workers there are, and whatever the clock does after."""

    __tablename__ = "job_runs"
    __table_args__ = (sa.UniqueConstraint("job", "slot", name="uq_job_runs_job_slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(sa.String(40))
    slot: Mapped[str] = mapped_column(sa.String(40))
    worker: Mapped[str] = mapped_column(sa.String(120))
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(sa.String(16), default="running")  # running|ok|error
    detail: Mapped[str | None] = mapped_column(sa.String(500))
