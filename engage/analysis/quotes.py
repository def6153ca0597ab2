"""Quotes for the summary: per priority area, what people said that may be quoted,
the surest first, found without sorting every tag of the label."""

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from engage.analysis.reads import read_all
from engage.responses.models import Response, ResponseState, ResponseTag
from engage.responses.queries import ResponseFilter

QUOTE_MIN, QUOTE_MAX = 30, 700
WINDOW = 40  # candidates read from the index per quote wanted, before filtering
WIDER = 3  # windows tried (each ten times the last) before reading a label's tags whole


def quotable(flt: ResponseFilter, labels: list[str], limit: int) -> list:
    """(label, reference, text, channel, district, text_redacted) of responses that may be quoted for
    each of `labels`: consent given, not safeguarding-flagged, not hidden by moderation,
    a readable length; per label the surest first (analysts' tags, latest response
    first, then the model's highest scores), at most `limit` each, in one statement.

    Each label's tags are read in that order from the (label, score, response_id)
    index, `WINDOW * limit` of them, and only those are joined and filtered: the first
    `limit` matches in the window are the first `limit` matches overall. A branch whose
    window was full yet gave too few (a narrow filter) is read again in a wider window."""
    branches = [(label, human) for label in labels for human in (True, False)]
    if not branches:
        return []
    rows: list = []
    windows = [WINDOW * limit * 10**k for k in range(WIDER)] + [None]
    for window in windows:
        rows += _read_branches(flt, branches, limit, window)
        got: dict = defaultdict(int)
        for row in rows:
            got[(row.label, row.score is None)] += 1
        # A narrow filter (another label, a small district) leaves a window short: read
        # those labels again in a window ten times wider, and at last without one.
        branches = [b for b in branches if got[b] < limit and window and _window_full(*b, window)]
        if not branches:
            break
        again = set(branches)
        rows = [r for r in rows if (r.label, r.score is None) not in again]
    # A UNION promises no order: put each label's rows back in the order chosen above.
    rows.sort(key=lambda r: (r.label, r.score is not None, -(r.score or 0), -r.response_id))
    out, taken = [], defaultdict(int)
    for row in rows:
        if taken[row.label] < limit:
            taken[row.label] += 1
            out.append(tuple(row[:6]))
    return out


def _read_branches(flt: ResponseFilter, branches: list, limit: int, window: int | None) -> list:
    parts = [_branch(flt, label, human, limit, window).subquery() for label, human in branches]
    return read_all(sa.union_all(*(sa.select(p) for p in parts)))


def _tags(label: str, human: bool) -> sa.Select:
    """An analyst's tag has no score; the model's always has one (at most 1)."""
    kind = ResponseTag.score.is_(None) if human else ResponseTag.score.is_not(None)
    return (sa.select(ResponseTag.response_id, ResponseTag.label, ResponseTag.score)
            .where(ResponseTag.label == label, kind)
            .order_by(ResponseTag.score.desc(), ResponseTag.response_id.desc()))


def _window_full(label: str, human: bool, window: int) -> bool:
    sub = _tags(label, human).limit(window).subquery()
    return read_all(sa.select(sa.func.count()).select_from(sub))[0][0] >= window


def _branch(flt: ResponseFilter, label: str, human: bool, limit: int, window: int | None) -> sa.Select:
    tags = _tags(label, human)
    tags = (tags.limit(window) if window else tags).subquery()
    return _candidates(flt, tags).order_by(tags.c.score.desc(), tags.c.response_id.desc()).limit(limit)


def _candidates(flt: ResponseFilter, tags) -> sa.Select:
    # The period is tested on coalesce(submitted_at) so that no index on submitted_at
    # tempts the planner away from the label's tags in score order.
    received = sa.func.coalesce(Response.submitted_at, Response.submitted_at)
    period = []
    if flt.since:
        period.append(received >= datetime.combine(flt.since, time.min))
    if flt.until:
        period.append(received < datetime.combine(flt.until + timedelta(days=1), time.min))
    return (
        sa.select(tags.c.label, Response.reference, Response.text, Response.channel,
                  Response.district, Response.text_redacted, tags.c.score, tags.c.response_id)
        .join(Response, Response.id == tags.c.response_id)
        .where(
            *replace(flt, since=None, until=None).where(),
            *period,
            Response.consent_to_quote.is_(True),
            Response.safeguarding_flag.is_(False),
            Response.status != ResponseState.hidden,
            sa.func.length(Response.text).between(QUOTE_MIN, QUOTE_MAX),
        )
    )
