"""Every table that holds someone's contact details, in one list, so retention, subject
access and erasure cover a new domain by adding one entry here.

Covered: event registrations (name, email, phone, postcode, access needs), walk-ins at
sessions (name, contact), summit
submission contacts (name, email), the email outbox (recipient and body). Linked to an
account (users.email) rather than holding an email: responses, survey submissions
(with their equality answers), summit and voices submissions, partner organisations,
and the equality answers given with a session view, summit submission or 'tell us in
confidence' (special-category data: deleted, not unlinked, on erasure, with their
response's anonymisation and after the response retention period).
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

ERASED_DOMAIN = "erased.invalid"


@dataclass(frozen=True)
class PersonalTable:
    """A table found by an email column. `contact` columns are blanked (or the row is
    deleted when `delete_rows`) once `retention_key` days have passed since `age_from`."""

    name: str
    model: type
    email: str
    contact: tuple[str, ...]
    age_from: Callable[[], sa.ColumnElement]
    retention_key: str
    export: tuple[str, ...]
    delete_rows: bool = False

    @property
    def email_column(self):
        return getattr(self.model, self.email)


@dataclass(frozen=True)
class AccountLink:
    """A table linked to an account: the link is cut on erasure, the row is kept."""

    name: str
    model: type
    user_column: str
    export: tuple[str, ...]
    # When the retention clock starts (None: kept while the account exists).
    age_column: str | None = None
    # False where the row cannot live without its account (it is anonymised instead).
    cut_link: bool = True
    # Special-category data: deleted on erasure and when its retention period has passed,
    # whether or not it is still linked (it is never kept anonymised).
    delete_rows: bool = False


def personal_tables() -> list[PersonalTable]:
    # Imported here, not at the top: the domains' models import this package's services.
    from engage.events.models import Event, Registration, WalkIn
    from engage.mail.models import OutboxMessage
    from engage.summit.models import SummitSubmission

    return [
        PersonalTable(
            "event_registrations",
            Registration,
            "email",
            ("name", "email", "phone", "postcode", "access_needs"),
            # After the session has ended, not after they registered for it.
            lambda: sa.select(Event.ends_at).where(Event.id == Registration.event_id).scalar_subquery(),
            "RETENTION_REGISTRATION_DAYS",
            ("reference", "event_id", "name", "email", "phone", "postcode", "access_needs",
             "status", "created_at", "cancelled_at", "checked_in_at"),
        ),
        PersonalTable(
            "event_walk_ins",
            WalkIn,
            "contact",  # an email or a phone number, as the officer typed it
            ("name", "contact"),
            lambda: sa.select(Event.ends_at).where(Event.id == WalkIn.event_id).scalar_subquery(),
            "RETENTION_REGISTRATION_DAYS",
            ("event_id", "name", "contact", "created_at"),
        ),
        PersonalTable(
            "summit_contacts",
            SummitSubmission,
            "contact_email",
            ("contact_name", "contact_email"),
            lambda: SummitSubmission.submitted_at,
            "RETENTION_SUMMIT_CONTACT_DAYS",
            ("reference", "summit_id", "respondent_type", "organisation", "parish", "district",
             "wants_to_speak", "contact_name", "contact_email", "submitted_at"),
        ),
        PersonalTable(
            "outbox_messages",
            OutboxMessage,
            "to",
            ("to", "body"),
            lambda: OutboxMessage.created_at,
            "RETENTION_OUTBOX_DAYS",
            ("to", "subject", "body", "created_at"),
            delete_rows=True,
        ),
    ]


def account_links() -> list[AccountLink]:
    from engage.responses.models import EqualityAnswers, Response
    from engage.summit.models import SummitSubmission
    from engage.surveys.models import ABOUT_YOU_KEYS, SurveySubmission
    from engage.voices.models import PartnerOrganisation, VoicesSubmission

    out = [
        AccountLink(
            "responses",
            Response,
            "respondent_id",
            (
                "reference",
                "channel",
                "text",
                "district",
                "postcode_district",
                "submitted_at",
                "consent_to_quote",
                "consent_to_contact",
                "privacy_notice_version",
                "status",
            ),
            "submitted_at",
        )
    ]
    out.append(
        AccountLink(
            "survey_submissions",
            SurveySubmission,
            "respondent_id",
            (
                "reference",
                "survey_id",
                "status",
                "started_at",
                "completed_at",
                "consent_to_quote",
                *ABOUT_YOU_KEYS,
            ),
            "started_at",
        )
    )
    out.append(
        AccountLink(
            "equality_answers",
            EqualityAnswers,
            "respondent_id",
            ("response_reference", "channel", "answered_at", *ABOUT_YOU_KEYS),
            "answered_at",
            delete_rows=True,
        )
    )
    out.append(
        AccountLink(
            "summit_submissions",
            SummitSubmission,
            "submitted_by_id",
            ("reference", "summit_id", "organisation", "district", "submitted_at"),
            "submitted_at",
        )
    )
    out.append(
        AccountLink(
            "voices_submissions",
            VoicesSubmission,
            "submitted_by_id",
            ("reference", "community_group", "people_count", "method", "gathered_on"),
        )
    )
    # The organisation is kept (it is not personal data); only the export shows it.
    out.append(
        AccountLink(
            "partner_organisations",
            PartnerOrganisation,
            "user_id",
            ("name", "description", "website", "status", "created_at"),
            cut_link=False,
        )
    )
    return out


def erased_email(table: str, row_id: int) -> str:
    """A unique placeholder, so unique constraints on email columns still hold."""
    return f"erased-{table}-{row_id}@{ERASED_DOMAIN}"


# Machine codes, keys and hashes: never free text, so never searched on erasure.
CODE_COLUMNS = frozenset(
    """reference token password_hash api_token_hash resume_token_hash status role kind channel
    district format mode label source action state model_version tagged_model_version
    detector_version privacy_notice_version community_group respondent_type frequency
    not_reported_reason method indicator actor_role age_band sex gender_identity ethnicity
    disability religion sexual_orientation rural_urban outcome postcode_district""".split()
)


def text_columns() -> list[tuple[sa.Table, str]]:
    """Every column of every table that can hold someone's words (strings, text, JSON),
    found from the models' metadata, so a new table or column is covered without a change
    here. Erasure searches all of them; the erasure test dumps all of them."""
    from engage.extensions import db

    out = []
    for table in db.metadata.sorted_tables:
        if "id" not in table.c:
            continue
        for col in table.columns:
            if isinstance(col.type, sa.String | sa.Text | sa.JSON) and col.name not in CODE_COLUMNS:
                out.append((table, col.name))
    return out
