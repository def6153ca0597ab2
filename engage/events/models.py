"""Meet the Commissioner sessions."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.db import TimestampMixin, utcnow
from engage.extensions import db


class EventState(enum.StrEnum):
    draft = "draft"
    published = "published"
    postponed = "postponed"
    cancelled = "cancelled"
    closed = "closed"


class EventFormat(enum.StrEnum):
    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


class Event(TimestampMixin, db.Model):
    """A 'Meet the Commissioner' session. Times are naive UTC; shown in Europe/London."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    district: Mapped[str] = mapped_column(sa.String(32), index=True)
    format: Mapped[str] = mapped_column(sa.String(16), default=EventFormat.in_person)
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    accessibility: Mapped[str] = mapped_column(sa.Text, default="")
    joining_link: Mapped[str | None] = mapped_column(sa.String(500))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    capacity: Mapped[int] = mapped_column(default=50)
    waitlist: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=EventState.draft, index=True)

    @property
    def is_upcoming(self) -> bool:
        return self.status == EventState.published and self.ends_at > utcnow()
