"""Reading the stream of responses with the filters the API and pages share."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Response, ResponseTag


@dataclass(frozen=True)
class ResponseFilter:
    label: str | None = None
    channel: str | None = None
    district: str | None = None
    community_group: str | None = None
    since: date | None = None
    until: date | None = None

    def where(self) -> list:
        clauses = []
        if self.label:
            clauses.append(Response.tags.any(ResponseTag.label == self.label))
        if self.channel:
            clauses.append(Response.channel == self.channel)
        if self.district:
            clauses.append(Response.district == self.district)
        if self.community_group:
            clauses.append(Response.community_group == self.community_group)
        if self.since:
            clauses.append(Response.submitted_at >= datetime.combine(self.since, time.min))
        if self.until:
            # `until` is inclusive of the whole day.
            clauses.append(Response.submitted_at < datetime.combine(self.until + timedelta(days=1), time.min))
        return clauses


def count_responses(flt: ResponseFilter) -> int:
    return db.session.scalar(sa.select(sa.func.count(Response.id)).where(*flt.where())) or 0


def list_responses(flt: ResponseFilter, page: int = 1, per_page: int = 50) -> list[Response]:
    """Newest first, one page."""
    stmt = (sa.select(Response).where(*flt.where())
            .order_by(Response.submitted_at.desc(), Response.id.desc())
            .offset((page - 1) * per_page).limit(per_page))
    return list(db.session.scalars(stmt))


def responses_of(user_id: int) -> list[Response]:
    """A signed-in resident's own submissions."""
    stmt = (sa.select(Response).where(Response.respondent_id == user_id)
            .order_by(Response.submitted_at.desc()))
    return list(db.session.scalars(stmt))
