"""JSON in and out for the summit, and the whitelist of its submissions export."""

from marshmallow import Schema, fields, validate

from engage.fields import UTCDateTime
from engage.privacy.gate import response_text
from engage.responses.schemas import about_you_field
from engage.summit.models import FREQUENCIES, NOT_REPORTED_REASONS, RESPONDENT_TYPES, RURAL_CRIMES


def _options(choices: dict[str, str]):
    return fields.Function(lambda _: [{"id": k, "name": v} for k, v in choices.items()])


class SummitOptionsSchema(Schema):
    respondent_types = _options(RESPONDENT_TYPES)
    crimes = _options(RURAL_CRIMES)
    frequencies = _options(FREQUENCIES)
    not_reported_reasons = _options(NOT_REPORTED_REASONS)


class SummitOutSchema(Schema):
    id = fields.Integer()
    year = fields.Integer()
    title = fields.String()
    held_on = fields.Date()
    venue = fields.String()
    window_opens_at = UTCDateTime()
    window_closes_at = UTCDateTime()
    window_open = fields.Boolean()
    themes = fields.List(fields.String())
    progress_report = fields.String()
    options = fields.Function(
        lambda s: SummitOptionsSchema().dump(s),
        metadata={"description": "the ids the submission accepts"},
    )


class SummitSubmissionInSchema(Schema):
    """A summit submission; the service checks the answers that depend on each other."""

    respondent_type = fields.String(required=True, validate=validate.OneOf(list(RESPONDENT_TYPES)))
    organisation = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=200)
    )
    parish = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))
    district = fields.String(required=True, metadata={"description": "district id or name"})
    crimes = fields.List(
        fields.String(validate=validate.OneOf(list(RURAL_CRIMES))),
        required=True,
        validate=validate.Length(max=len(RURAL_CRIMES)),
    )
    frequency = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(list(FREQUENCIES))
    )
    reported = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={"description": "required when crimes is not empty"},
    )
    not_reported_reason = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(list(NOT_REPORTED_REASONS))
    )
    text = fields.String(required=True, metadata={"description": "what the summit should address"})
    wants_to_speak = fields.Boolean(load_default=False)
    contact_name = fields.String(load_default=None, allow_none=True)
    contact_email = fields.String(load_default=None, allow_none=True)
    consent_to_quote = fields.Boolean(load_default=False)
    about_you = about_you_field()


class SummitSubmissionOutSchema(Schema):
    id = fields.Integer()
    reference = fields.String()
    labels = fields.List(fields.String())


class SummitSubmissionExportSchema(Schema):
    """What leaves the building in the submissions CSV: no contact details; the text
    through the output gate (redacted, or withheld when flagged)."""

    reference = fields.String()
    submitted_at = UTCDateTime()
    respondent_type = fields.String()
    organisation = fields.String()
    parish = fields.String()
    district = fields.String()
    crimes = fields.Function(lambda s: " ".join(s.crimes))
    frequency = fields.String()
    reported = fields.Boolean()
    not_reported_reason = fields.String()
    wants_to_speak = fields.Boolean()
    labels = fields.Function(lambda s: " ".join(s.labels))
    consent_to_quote = fields.Function(lambda s: bool(s.response and s.response.consent_to_quote))
    text = fields.Function(lambda s: response_text(s.response))


def submissions_table(submissions) -> tuple[list[str], list[list]]:
    """The submissions export, one row each, through the whitelist above."""
    schema = SummitSubmissionExportSchema()
    headers = list(schema.fields)
    return headers, [[row[h] for h in headers] for row in schema.dump(submissions, many=True)]
