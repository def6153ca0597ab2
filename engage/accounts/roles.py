"""Roles and who may do what (the roles table of the design)."""

import enum


class Role(enum.StrEnum):
    resident = "resident"
    partner = "partner"
    officer = "officer"
    analyst = "analyst"
    admin = "admin"


STAFF_ROLES = (Role.officer, Role.analyst, Role.admin)
ROLE_DESCRIPTIONS = {
    Role.resident: "Resident: follows their own submissions",
    Role.partner: "Community partner: submits the views of a lesser-heard community",
    Role.officer: "Engagement officer: runs events, surveys, the summit, moderation and safeguarding",
    Role.analyst: "Analyst: explores, corrects tags and exports consultation evidence",
    Role.admin: "Admin: manages accounts, roles and retention; can do everything",
}


def role_allows(role: str | None, allowed: tuple[str, ...]) -> bool:
    """Admins can do everything; everyone else only what the route is for."""
    return role == Role.admin or (role is not None and role in allowed)
