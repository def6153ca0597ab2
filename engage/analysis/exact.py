"""Exact counts where the rollup cannot answer (the cut days of a month, filters by
event, survey, summit, 'About you' answers or tag source): the database groups the
filtered responses into rollup cells itself, so no response passes through Python."""

from collections import Counter
from datetime import date

import sqlalchemy as sa

from engage.responses.models import Response, ResponseTag


def _labels(dialect: str):
    label = ResponseTag.label
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        return sa.func.string_agg(label, aggregate_order_by(sa.literal_column("','"), label))
    return sa.func.group_concat(label, ",")  # in no set order: sorted below


def _month(dialect: str, column):
    if dialect == "postgresql":
        return sa.cast(sa.func.date_trunc("month", column), sa.Date)
    return sa.func.strftime("%Y-%m-01", column)


def exact_cells(conn, where) -> Counter:
    """(month, district, channel, community group or '', label set) -> responses among
    those matching `where`, the same cells the rollup keeps."""
    dialect = conn.dialect.name
    # Each response's labels from the (response_id, label) index, one lookup per response
    # in scope: a join would hash every tag in the table to count a fortnight's responses.
    labels = (sa.select(_labels(dialect)).where(ResponseTag.response_id == Response.id)
              .correlate(Response).scalar_subquery())
    per = (
        sa.select(Response.submitted_at, Response.district, Response.channel,
                  sa.func.coalesce(Response.community_group, "").label("community_group"),
                  sa.func.coalesce(labels, "").label("labels"))
        .where(*where)
        .subquery()
    )
    keys = (_month(dialect, per.c.submitted_at), per.c.district, per.c.channel,
            per.c.community_group, per.c.labels)
    out: Counter = Counter()
    for month, district, channel, group, labels, n in conn.execute(sa.select(*keys, sa.func.count()).group_by(*keys)):
        if isinstance(month, str):
            month = date.fromisoformat(month)
        if dialect != "postgresql" and "," in labels:
            labels = ",".join(sorted(labels.split(",")))
        out[(month, district, channel, group, labels)] += n
    return out
