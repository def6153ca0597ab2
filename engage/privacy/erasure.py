"""Erasure that erases: after the registry's contact details are blanked, every trace of
the person left in free text anywhere is found and replaced.

1. Their identifiers: the email asked about, the names and phone numbers they gave
   (account, registrations, summit contact), and every detail the redactor removes from
   the texts they wrote (linked through the account, through a contact row, or mentioning
   one of those identifiers).
2. Their own texts are redacted; their survey answers with them.
3. Every text column of every table (`registry.text_columns`) is searched for each
   identifier, case-insensitively, and each occurrence replaced by a marker.
"""

import re
from collections.abc import Iterable

import sqlalchemy as sa

from engage.extensions import db
from engage.privacy.gate import redact_text
from engage.privacy.registry import text_columns
from engage.redaction import find_personal_details
from engage.responses.models import Response

MARKER = "[removed]"
NAME_FIELDS = ("name", "contact_name")
PHONE_FIELDS = ("phone",)
MIN_IDENTIFIER = 4  # shorter fragments ("Jo") would scrub other people's words


def identifiers_of(subject, rows: Iterable) -> set[str]:
    """The strings that identify `subject`: given details and what the redactor finds in
    the texts in `rows` (responses and survey answers)."""
    found = {subject.email}
    for row in [subject.account, *_contact_rows(subject)]:
        for field in NAME_FIELDS + PHONE_FIELDS + ("email", "contact_email", "postcode"):
            value = getattr(row, field, None) if row is not None else None
            if isinstance(value, str) and value.strip():
                found.add(value.strip())
    for row in rows:
        found |= removed_by_redactor(row.text or "")
    return {f for f in found if len(f) >= MIN_IDENTIFIER and not f.endswith(".invalid")}


def removed_by_redactor(text: str) -> set[str]:
    """The personal details the redactor finds in `text` (its span API), as written."""
    return {d.text.strip(" ,.;:") for d in find_personal_details(text or "")}


def _contact_rows(subject) -> list:
    return [row for rows in subject.tables.values() for row in rows]


def texts_of(subject) -> list:
    """Responses and survey answers that are the subject's: linked through the account,
    through a contact row (a summit submission's response), or mentioning their email."""
    out: dict[tuple, object] = {}
    for rows in list(subject.linked.values()) + list(subject.tables.values()):
        for row in rows:
            if isinstance(row, Response):
                out[("r", row.id)] = row
            response = getattr(row, "response", None)
            if isinstance(response, Response):
                out[("r", response.id)] = response
            for answer in getattr(row, "answers", None) or []:
                out[("a", answer.id)] = answer
    mentions = db.session.scalars(
        sa.select(Response).where(sa.func.lower(Response.text).contains(subject.email, autoescape=True))
    )
    for response in mentions:
        out[("r", response.id)] = response
    return list(out.values())


def redact_own_texts(rows: Iterable) -> None:
    for row in rows:
        if row.text:
            row.text = redact_text(row.text)
        value = getattr(row, "value", None)
        if isinstance(value, str) and value:
            row.value = redact_text(value)


def _pattern(identifier: str) -> re.Pattern:
    """Case-insensitive; a phone number matches with any spacing between its digits."""
    digits = re.sub(r"\D", "", identifier)
    if len(digits) >= 9 and len(digits) >= len(identifier.replace(" ", "")) - 3:
        return re.compile(r"[\s().-]*".join(map(re.escape, digits)))
    return re.compile(re.escape(identifier), re.IGNORECASE)


def scrub_everywhere(identifiers: set[str]) -> dict[str, int]:
    """Replace every identifier in every registered text column; {"table.column": rows}."""
    patterns = [_pattern(i) for i in sorted(identifiers, key=len, reverse=True)]
    needles = {_needle(i) for i in identifiers}
    changed: dict[str, int] = {}
    for table, column in text_columns():
        col = table.c[column]
        searchable = sa.cast(col, sa.Text) if isinstance(col.type, sa.JSON) else col
        lowered = sa.func.lower(searchable)
        found = db.session.execute(
            sa.select(table.c.id, col).where(sa.or_(*[_like(lowered, n) for n in needles]))
        ).all()
        for row_id, value in found:
            new = _scrub(value, patterns)
            if new != value:
                _write(table, column, row_id, new)
                changed[f"{table.name}.{column}"] = changed.get(f"{table.name}.{column}", 0) + 1
    return changed


def _needle(identifier: str) -> str:
    """What a SQL LIKE can look for: a phone's last four digits, else the lower-case text."""
    digits = re.sub(r"\D", "", identifier)
    if len(digits) >= 9:
        return digits[-4:]
    return identifier.lower()


def _like(lowered, needle: str):
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return lowered.like(f"%{escaped}%", escape="\\")


def _scrub(value, patterns):
    if isinstance(value, str):
        for p in patterns:
            value = p.sub(MARKER, value)
        return value
    if isinstance(value, list):
        return [_scrub(v, patterns) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, patterns) for k, v in value.items()}
    return value


def _write(table, column: str, row_id: int, value) -> None:
    """Through the ORM where a model maps the table, so `responses.text_redacted` follows."""
    if table.name == Response.__tablename__:
        row = db.session.get(Response, row_id)
        setattr(row, column, value)
        return
    db.session.execute(sa.update(table).where(table.c.id == row_id).values({column: value}))
