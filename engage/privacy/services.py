"""Retention, subject access and erasure. Contact details are removed; responses are
kept anonymised (their tags, and so every count and summary, are untouched); staff
access to personal data is written to the audit log."""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from engage.accounts.models import User
from engage.accounts.roles import STAFF_ROLES
from engage.accounts.tokens import revoke_all_tokens
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db
from engage.privacy import erasure
from engage.privacy.gate import redact_text as redact
from engage.privacy.registry import account_links, erased_email, personal_tables
from engage.redaction import EMAIL
from engage.responses.models import Response
from engage.security.throttle import keyed_digest


def subject_digest(email: str) -> str:
    """What the audit log keeps instead of the address, so erasure leaves no copy: a keyed
    hash, so nobody holding the log can confirm a guessed address without the secret."""
    return keyed_digest("audit-subject", normalise_email(email))[:32]


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not EMAIL.fullmatch(email) or len(email) > 254:
        raise ValidationFailed(
            "Enter an email address in the correct format, like name@example.com", "email"
        )
    return email


@dataclass
class Subject:
    """Everything held about one email address."""

    email: str
    account: User | None = None
    tables: dict[str, list] = field(default_factory=dict)
    linked: dict[str, list] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return (
            (self.account is not None)
            + sum(map(len, self.tables.values()))
            + sum(map(len, self.linked.values()))
        )


def find_subject(email: str) -> Subject:
    email = normalise_email(email)
    subject = Subject(
        email, db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email))
    )
    for table in personal_tables():
        rows = db.session.scalars(
            sa.select(table.model).where(sa.func.lower(table.email_column) == email)
        ).all()
        if rows:
            subject.tables[table.name] = list(rows)
    if subject.account is not None:
        for link in account_links():
            rows = db.session.scalars(
                sa.select(link.model).where(
                    getattr(link.model, link.user_column) == subject.account.id
                )
            ).all()
            if rows:
                subject.linked[link.name] = list(rows)
    return subject


def search_subject(email: str, actor) -> Subject:
    """An admin looks someone up: audited."""
    subject = find_subject(email)
    record_audit(actor, "privacy.search", {"subject": subject_digest(email)}, subject.rows)
    return subject


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_subject(email: str, actor) -> dict:
    """The subject access export (JSON-ready): every row, whitelisted columns only. Audited."""
    subject = find_subject(email)
    exports = {t.name: t.export for t in personal_tables()} | {
        lk.name: lk.export for lk in account_links()
    }
    data = {
        "email": subject.email,
        "exported_at": utcnow().isoformat(),
        "account": None,
        "records": {},
    }
    if subject.account is not None:
        a = subject.account
        data["account"] = {
            "email": a.email,
            "name": a.name,
            "role": a.role,
            "created_at": _plain(a.created_at),
            "last_sign_in_at": _plain(a.last_sign_in_at),
        }
    for name, rows in {**subject.tables, **subject.linked}.items():
        data["records"][name] = [
            {col: _plain(getattr(row, col)) for col in exports[name]} | _answers(row)
            for row in rows
        ]
    own = {r.id for r in subject.linked.get("responses", [])}
    data["mentions"] = [
        {"reference": r.reference, "channel": r.channel, "text": r.text,
         "submitted_at": _plain(r.submitted_at)}
        for r in erasure.texts_of(subject) if isinstance(r, Response) and r.id not in own
    ]
    record_audit(actor, "privacy.export", {"subject": subject_digest(email)}, subject.rows)
    return data


def _answers(row) -> dict:
    """A survey submission's answers, question by question (their own words included)."""
    answers = getattr(row, "answers", None)
    if answers is None:
        return {}
    return {"answers": [
        {"question": a.question.text, "value": _plain(a.value), "text": a.text}
        for a in sorted(answers, key=lambda a: a.id)
    ]}


def anonymise_response(response: Response) -> None:
    """No account link, equality answers, postcode district or contact consent; personal details in the
    text redacted, here and in the survey answer it came from. The redacted text is its
    own stored redaction, so retention finds nothing left to do the next day."""
    response.respondent = None
    _drop_equality_answers(response)  # special-category data is not kept anonymised
    response.postcode_district = None
    response.consent_to_contact = False
    redacted = redact(response.text)
    response.text = redacted
    response.text_redacted = redacted
    if response.channel == "survey" and response.source_id is not None:
        _redact_survey_answer(response.source_id)


def _redact_survey_answer(answer_id: int) -> None:
    try:
        from engage.surveys.models import SurveyAnswer
    except ImportError:  # the domain is not in this build
        return
    answer = db.session.get(SurveyAnswer, answer_id)
    if answer is not None:
        erasure.redact_own_texts([answer])


def _blank(table, row) -> None:
    for col in table.contact:
        column = table.model.__table__.c[col]
        if col == table.email:
            value = None if column.nullable else erased_email(table.name, row.id)
        else:
            value = None if column.nullable else ""
        setattr(row, col, value)


def erase_subject(email: str, actor) -> dict[str, int]:
    """Right to erasure: contact details blanked or deleted, the account anonymised and
    closed, responses kept anonymised. Staff accounts are closed in Users instead."""
    subject = find_subject(email)
    if subject.account is not None and subject.account.role in STAFF_ROLES:
        raise InvalidState(
            "This is a staff account. Deactivate it in Users; its actions stay in the audit log."
        )
    own = erasure.texts_of(subject)
    identifiers = erasure.identifiers_of(subject, own)
    counts: dict[str, int] = {}
    tables = {t.name: t for t in personal_tables()}
    for name, rows in subject.tables.items():
        for row in rows:
            _drop_equality_answers(getattr(row, "response", None))  # e.g. a summit contact's
            db.session.delete(row) if tables[name].delete_rows else _blank(tables[name], row)
        counts[name] = len(rows)
    links = {lk.name: lk for lk in account_links()}
    for name, rows in subject.linked.items():
        for row in rows:
            if isinstance(row, Response):
                anonymise_response(row)
            elif links[name].delete_rows:
                db.session.delete(row)
            elif links[name].cut_link:
                setattr(row, links[name].user_column, None)
        counts[name] = len(rows)
    erasure.redact_own_texts(own)
    if subject.account is not None:
        _anonymise_account(subject.account)
        counts["account"] = 1
    db.session.flush()
    scrubbed = erasure.scrub_everywhere(identifiers)
    if scrubbed:
        counts["text_columns"] = sum(scrubbed.values())
    record_audit(actor, "privacy.erase", {"subject": subject_digest(email)}, sum(counts.values()))
    db.session.flush()
    # The scrub wrote with SQL: reload what the session holds.
    db.session.expire_all()
    return counts


def _drop_equality_answers(response) -> None:
    if isinstance(response, Response) and response.equality_answers is not None:
        db.session.delete(response.equality_answers)


def _anonymise_account(user: User) -> None:
    user.email = erased_email("users", user.id)
    user.name = ""
    user.is_active_account = False
    revoke_all_tokens(user)
    user.set_password(secrets.token_urlsafe(32))
    user.session_version += 1
