"""The plan versions loaded by admins (the newest is the active plan) and the Key
Ambition figures officers record from sources other than our surveys."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import utcnow
from engage.extensions import db


class PlanVersion(db.Model):
    """One loaded plan file, kept whole: loading a new file adds a row, and the row with
    the highest id is the active plan, so a switch is one insert (atomic) and every
    earlier plan stays on record."""

    __tablename__ = "plan_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_key: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(200))
    period: Mapped[str] = mapped_column(sa.String(40))
    content: Mapped[dict] = mapped_column(sa.JSON)
    filename: Mapped[str] = mapped_column(sa.String(200), default="")
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    loaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    loaded_by = relationship("User")


class AmbitionFigure(db.Model):
    """A value for one Key Ambition over a period, from a named source (police recorded
    crime, the Youth Justice Service, the Ministry of Justice ...)."""

    __tablename__ = "ambition_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    ambition_id: Mapped[str] = mapped_column(sa.String(80), index=True)
    value: Mapped[float] = mapped_column(sa.Float)
    period_start: Mapped[date] = mapped_column(sa.Date)
    period_end: Mapped[date] = mapped_column(sa.Date)
    source: Mapped[str] = mapped_column(sa.String(200))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    recorded_by = relationship("User")

    __table_args__ = (sa.CheckConstraint("period_start <= period_end", name="period_order"),)
