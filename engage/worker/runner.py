"""The worker's loop: heartbeat, due scheduled jobs, then the outbox; sleep; again.

Waits are measured on the monotonic clock, so a wall-clock jump changes neither the
poll interval nor the backoff while the mail server is away. On SQLite one worker holds
a lock row; a second one started waits on standby (it says so, and takes over if the
first stops) rather than exiting into a restart loop."""

import os
import signal
import socket
import threading
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from engage.db import utcnow
from engage.extensions import db
from engage.mail.delivery import DeliveryReport, deliver_due
from engage.worker.models import WorkerBeat, WorkerLock

SQLITE_LOCK = "sqlite-worker"


def worker_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def needs_lock() -> bool:
    return db.engine.dialect.name == "sqlite"


def take_lock(name: str, holder: str, now: datetime, seconds: int) -> bool:
    """Hold (or renew) the named lock until now + seconds; False while another holds it."""
    if db.session.get(WorkerLock, name) is None:
        try:
            db.session.add(WorkerLock(name=name, holder=None, expires_at=now))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
    won = db.session.execute(
        sa.update(WorkerLock)
        .where(WorkerLock.name == name,
               sa.or_(WorkerLock.holder == holder, WorkerLock.holder.is_(None), WorkerLock.expires_at < now))
        .values(holder=holder, expires_at=now + timedelta(seconds=seconds))
    ).rowcount
    db.session.commit()
    return bool(won)


def release_lock(name: str, holder: str) -> None:
    db.session.execute(sa.update(WorkerLock).where(WorkerLock.name == name, WorkerLock.holder == holder)
                       .values(holder=None))
    db.session.commit()


def lock_holder(name: str) -> str | None:
    lock = db.session.get(WorkerLock, name)
    return lock.holder if lock else None


def beat(name: str, state: str, report: DeliveryReport | None = None, error: str | None = None) -> None:
    """Leave this worker's heartbeat (and what it did) for the staff pages."""
    now = utcnow()
    row = db.session.scalar(sa.select(WorkerBeat).where(WorkerBeat.name == name))
    if row is None:
        row = WorkerBeat(name=name, started_at=now, sent=0, failed=0)
        db.session.add(row)
    row.state, row.beat_at = state, now
    if report is not None:
        row.sent += report.sent
        row.failed += report.failed
    if error:
        row.last_error, row.last_error_at = error[:500], now
    db.session.commit()


class Worker:
    """One worker process. `run(burst=True)` delivers what is due and returns."""

    def __init__(self, echo=print):
        self.name = worker_name()
        self.echo = echo
        self.stopping = threading.Event()

    def stop(self, *_args) -> None:
        self.stopping.set()

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def run(self, burst: bool = False) -> int:
        cfg = current_app.config
        lease = max(cfg["OUTBOX_LEASE_SECONDS"], 3 * cfg["WORKER_POLL_SECONDS"])
        if needs_lock() and not self._wait_for_lock(burst, lease):
            return 1
        self.echo(f"Worker {self.name} started{' (burst)' if burst else ''}.")
        delay, exit_code = 1.0, 0
        try:
            while not self.stopping.is_set():
                if needs_lock() and not take_lock(SQLITE_LOCK, self.name, utcnow(), lease):
                    beat(self.name, "standby", error="Lost the SQLite worker lock to another worker.")
                    return 1
                try:
                    report, problem = self.tick()
                except Exception as exc:  # noqa: BLE001  (a database outage, a bug: recorded, backed off)
                    db.session.rollback()
                    current_app.logger.exception("Worker round failed")
                    self._record_failure(exc)
                    if burst:
                        self.echo(f"Worker round failed: {exc}")
                        exit_code = 1
                        break
                    self.stopping.wait(delay)
                    delay = min(delay * 2, cfg["WORKER_UNREACHABLE_MAX_SECONDS"])
                    continue
                if report.unreachable:
                    beat(self.name, "running", report, error=report.unreachable)
                    if burst:
                        self.echo(f"Mail server unreachable, messages stay queued: {report.unreachable}")
                        exit_code = 1
                        break
                    self.stopping.wait(delay)
                    delay = min(delay * 2, cfg["WORKER_UNREACHABLE_MAX_SECONDS"])
                    continue
                beat(self.name, "running", report, error=problem)
                delay = 1.0
                if burst:
                    break
                self.stopping.wait(cfg["WORKER_POLL_SECONDS"])
        finally:
            try:
                beat(self.name, "stopped")
                if needs_lock():
                    release_lock(SQLITE_LOCK, self.name)
            except Exception:  # noqa: BLE001  (stopping during a database outage)
                db.session.rollback()
        return exit_code

    def tick(self) -> tuple[DeliveryReport, str | None]:
        """One round: the schedule's due jobs, then every due message."""
        from engage.worker.schedule import run_due_jobs

        problem = run_due_jobs(self.name, utcnow(), self.echo)
        total = DeliveryReport()
        while not self.stopping.is_set():
            report = deliver_due(self.name, limit=200)
            self._renew()
            for field in ("sent", "retried", "failed", "abandoned"):
                setattr(total, field, getattr(total, field) + getattr(report, field))
            total.unreachable = report.unreachable
            if report.unreachable or report.handled < 200:
                break
        if total.handled or total.abandoned:
            self.echo(f"Sent {total.sent}, to retry {total.retried}, failed {total.failed}, "
                      f"reclaimed from stopped workers {total.abandoned}.")
        return total, problem

    def _record_failure(self, exc: Exception) -> None:
        try:
            beat(self.name, "running", error=f"Worker round failed: {type(exc).__name__}: {exc}")
        except Exception:  # noqa: BLE001  (the database itself may be what failed)
            db.session.rollback()

    def _renew(self) -> None:
        """Between batches of a long run: keep the SQLite lock and show we are alive."""
        if needs_lock():
            take_lock(SQLITE_LOCK, self.name, utcnow(), current_app.config["OUTBOX_LEASE_SECONDS"])
        beat(self.name, "running")

    def _wait_for_lock(self, burst: bool, lease: int) -> bool:
        told = False
        while not self.stopping.is_set():
            if take_lock(SQLITE_LOCK, self.name, utcnow(), lease):
                return True
            holder = lock_holder(SQLITE_LOCK)
            message = (f"Another worker ({holder}) is running on this SQLite database, which "
                       "runs one worker at a time.")
            if burst:
                self.echo(message + " Not starting.")
                return False
            if not told:
                self.echo(message + " Waiting on standby to take over if it stops.")
                beat(self.name, "standby", error=message)
                told = True
            self.stopping.wait(current_app.config["WORKER_POLL_SECONDS"])
        return False
