"""Reading the safeguarding queue."""

import sqlalchemy as sa

from engage.extensions import db
from engage.safeguarding.models import CaseState, SafeguardingCase

PER_PAGE = 50


def count_cases(state: str = CaseState.open) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(SafeguardingCase.id)).where(SafeguardingCase.state == state)
        )
        or 0
    )


def list_cases(state: str = CaseState.open, page: int = 1) -> list[SafeguardingCase]:
    """Open cases oldest first (the longest waiting at the top); closed ones newest first."""
    order = (
        SafeguardingCase.created_at.asc()
        if state == CaseState.open
        else SafeguardingCase.closed_at.desc()
    )
    stmt = (
        sa.select(SafeguardingCase)
        .where(SafeguardingCase.state == state)
        .order_by(order, SafeguardingCase.id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return list(db.session.scalars(stmt))
