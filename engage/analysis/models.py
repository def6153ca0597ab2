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


class AnalysisMarginal(db.Model):
    """The rollup's cells projected to what a page reads, so an unfiltered or single-filter
    summary sums a few hundred rows a month instead of tens of thousands of cells.

    Among responses in `month` meeting `cond` ('' for all; a label; '@' + an objective;
    'district:<id>', 'channel:<id>' or 'community_group:<id>'), `n` carry `label` ('' for
    any; a label; '@' + an objective) and have `value` for `dim`: '' (no dimension),
    'district', 'channel', 'community_group' ('' for none) or 'with' (value: another label
    they also carry). Derived from the rollup's cells by engage.analysis.marginals."""

    __tablename__ = "analysis_marginals"

    cond: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    dim: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    label: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
