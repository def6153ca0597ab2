"""Pages of the response stream, newest first, without walking the skipped rows.

A cursor names the last response a client has seen (its submitted_at and id); the
next page is the rows just below it in (submitted_at, id) order, found by an index
range. A page number is turned into the same kind of range: the rollup's month counts
say which month the page starts in and how many newer rows lie above that month, so
the OFFSET left to walk is within one month, however deep the page."""

import base64
import binascii
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.analysis.rollups import month_start
from engage.analysis.tally import Tally, servable
from engage.extensions import db
from engage.responses.models import Response
from engage.responses.queries import ResponseFilter

# Below this many skipped rows a plain OFFSET is cheaper than reading month counts.
DIRECT_OFFSET = 2_000
NEWEST_FIRST = (Response.submitted_at.desc(), Response.id.desc())
WITH_TAGS = selectinload(Response.tags)


class BadCursor(ValueError):
    """A cursor this server did not write (or has been altered)."""


def encode_cursor(response: Response) -> str:
    raw = f"{response.submitted_at.isoformat()}|{response.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, rid = raw.split("|")
        return datetime.fromisoformat(at), int(rid)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadCursor("Not a cursor from this list: start again without one") from exc


def after_cursor(flt: ResponseFilter, cursor: str, per_page: int) -> list[Response]:
    """The `per_page` responses just older than the one `cursor` names."""
    at, rid = decode_cursor(cursor)
    older = sa.or_(Response.submitted_at < at, sa.and_(Response.submitted_at == at, Response.id < rid))
    stmt = sa.select(Response).where(*flt.where(), older).order_by(*NEWEST_FIRST).limit(per_page).options(WITH_TAGS)
    return list(db.session.scalars(stmt))


def page_of(flt: ResponseFilter, page: int, per_page: int) -> list[Response]:
    """Page `page` (from 1), newest first: the same rows OFFSET would give."""
    skip = (page - 1) * per_page
    where = flt.where()
    if skip >= DIRECT_OFFSET and servable(flt):
        bounded = _month_bound(flt, skip)
        if bounded is None:
            return []
        end, newer = bounded
        where, skip = [*where, Response.submitted_at < end], skip - newer
    # The rows skipped are walked in ix_responses_received alone (ids, not whole rows);
    # only the page's own rows are read from the table.
    ids = sa.select(Response.id).where(*where).order_by(*NEWEST_FIRST).offset(skip).limit(per_page)
    stmt = sa.select(Response).where(Response.id.in_(ids)).order_by(*NEWEST_FIRST).options(WITH_TAGS)
    return list(db.session.scalars(stmt))


def _month_bound(flt: ResponseFilter, skip: int) -> tuple[datetime, int] | None:
    """(start of the month after the one holding row `skip`, rows from that start on)."""
    newer = 0
    for month, n in reversed(Tally(flt).by_month().items()):
        if newer + n > skip:
            first = month_start(datetime.strptime(month, "%Y-%m"))
            following = datetime(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following, newer
        newer += n
    return None
