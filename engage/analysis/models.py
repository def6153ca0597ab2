"""The analysis rollup: how many responses fall in each month, district, channel,
community group and exact set of labels. Every count the analysis pages show is a
sum over these cells, so a summary reads thousands of rows instead of millions."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import db


class AnalysisRollup(db.Model):
    """One cell: responses received in `month` from `district` by `channel`, for
    `community_group` ('' for none), carrying exactly the labels in `label_set`
    (sorted, comma-joined; '' when untagged). Kept by engage.analysis.rollups."""

    __tablename__ = "analysis_rollups"

    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    district: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    community_group: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    label_set: Mapped[str] = mapped_column(sa.String(800), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
