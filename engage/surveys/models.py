"""Consultation surveys."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.db import TimestampMixin, utcnow
from engage.extensions import db


class SurveyState(enum.StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"


class Survey(TimestampMixin, db.Model):
    """A consultation: questions come with the surveys domain."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=SurveyState.draft, index=True)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]

    @property
    def is_open(self) -> bool:
        now = utcnow()
        return (self.status == SurveyState.open and (self.opens_at is None or self.opens_at <= now)
                and (self.closes_at is None or now < self.closes_at))
