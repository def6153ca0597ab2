"""The annual rural crime summit."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.db import TimestampMixin, utcnow
from engage.extensions import db


class Summit(TimestampMixin, db.Model):
    """One year's summit and its submission window."""

    __tablename__ = "summits"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[date]
    venue: Mapped[str] = mapped_column(sa.String(300), default="")
    window_opens_at: Mapped[datetime]
    window_closes_at: Mapped[datetime]

    @property
    def window_open(self) -> bool:
        return self.window_opens_at <= utcnow() < self.window_closes_at
