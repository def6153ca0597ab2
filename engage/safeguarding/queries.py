"""Reading the safeguarding queue."""

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Response
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
    """Open cases by when the person wrote (the longest waiting at the top, whenever the
    flag was raised); closed ones most recently closed first."""
    order = (
        Response.submitted_at.asc()
        if state == CaseState.open
        else SafeguardingCase.closed_at.desc()
    )
    stmt = (
        sa.select(SafeguardingCase)
        .join(Response, Response.id == SafeguardingCase.response_id)
        .where(SafeguardingCase.state == state)
        .order_by(order, SafeguardingCase.id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return list(db.session.scalars(stmt))


def case_officers() -> list:
    """Active accounts that may be given a case (officers and admins), by name."""
    from engage.accounts.models import User

    return list(db.session.scalars(
        sa.select(User).where(User.role.in_(("officer", "admin")), User.is_active_account)
        .order_by(User.name, User.email)))
