"""Reading partners and their community feedback."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.extensions import db
from engage.responses.models import Channel, Response
from engage.voices.models import PartnerOrganisation, PartnerState, VoicesSubmission
from engage.voices.services import organisation_of  # noqa: F401  (read as a query too)


def partners(status: str | None = None) -> list[PartnerOrganisation]:
    """Waiting ones first, then by name."""
    stmt = sa.select(PartnerOrganisation).options(selectinload(PartnerOrganisation.user))
    if status:
        stmt = stmt.where(PartnerOrganisation.status == status)
    waiting_first = sa.case((PartnerOrganisation.status == PartnerState.pending, 0), else_=1)
    return list(db.session.scalars(stmt.order_by(waiting_first, PartnerOrganisation.name)))


def voices_submissions(
    organisation: PartnerOrganisation | None = None, limit: int = 200
) -> list[VoicesSubmission]:
    """Newest first, for one organisation or all."""
    stmt = sa.select(VoicesSubmission).options(selectinload(VoicesSubmission.organisation))
    if organisation is not None:
        stmt = stmt.where(VoicesSubmission.organisation_id == organisation.id)
    return list(db.session.scalars(stmt.order_by(VoicesSubmission.id.desc()).limit(limit)))


def views_of(submissions: list[VoicesSubmission]) -> dict[int, list[Response]]:
    """Each submission's views (its `voices` responses), in one query."""
    ids = [s.id for s in submissions]
    out: dict[int, list[Response]] = {i: [] for i in ids}
    if not ids:
        return out
    stmt = (
        sa.select(Response)
        .where(Response.channel == Channel.voices, Response.source_id.in_(ids))
        .options(selectinload(Response.tags))
        .order_by(Response.id)
    )
    for response in db.session.scalars(stmt):
        out[response.source_id].append(response)
    return out
