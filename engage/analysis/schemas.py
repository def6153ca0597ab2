"""JSON shapes of analysis: export rows and the themed summary, with explicit
field whitelists (what is not listed here never leaves the building)."""

from marshmallow import Schema, fields, validate

from engage.fields import UTCDateTime
from engage.responses.schemas import ResponseFilterSchema


class ExportQuerySchema(ResponseFilterSchema):
    """The query string of GET /api/v1/export: the stream's filters plus the format."""

    format = fields.String(
        required=True,
        validate=validate.OneOf(["csv", "xlsx", "json"]),
        metadata={"description": "csv, xlsx or json"},
    )


class ExportRowSchema(Schema):
    reference = fields.String()
    channel = fields.String()
    source_id = fields.Integer(allow_none=True)
    submitted_at = UTCDateTime()
    district = fields.String()
    postcode_district = fields.String(allow_none=True)
    community_group = fields.String(allow_none=True)
    consent_to_quote = fields.Boolean()
    status = fields.String()
    safeguarding_flag = fields.Boolean()
    labels = fields.List(fields.String())
    corrected_labels = fields.List(fields.String())
    text = fields.String()


class QuoteSchema(Schema):
    reference = fields.String()
    text = fields.String(metadata={"description": "personal details redacted"})
    channel = fields.String()
    district = fields.String()


class CompanionSchema(Schema):
    label = fields.String()
    name = fields.String()
    count = fields.Integer()
    share = fields.Float()


class AreaSchema(Schema):
    label = fields.String()
    name = fields.String()
    count = fields.Integer()
    share = fields.Float(metadata={"description": "of all responses in scope, 0 to 1"})
    change = fields.Integer(
        allow_none=True, metadata={"description": "count minus the previous period's"}
    )
    previous_count = fields.Integer(allow_none=True)
    share_change = fields.Float(allow_none=True, metadata={"description": "percentage points"})
    by_district = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_channel = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_community_group = fields.Dict(keys=fields.String(), values=fields.Integer())
    appears_with = fields.List(fields.Nested(CompanionSchema))
    quotes = fields.List(fields.Nested(QuoteSchema))


class ObjectiveSchema(Schema):
    objective = fields.String()
    count = fields.Integer()
    share = fields.Float()


class PeriodSchema(Schema):
    since = fields.Date()
    until = fields.Date()
    total = fields.Integer()


class SummarySchema(Schema):
    total = fields.Integer()
    scope = fields.Dict()
    previous_period = fields.Nested(PeriodSchema, allow_none=True)
    areas = fields.List(fields.Nested(AreaSchema))
    objectives = fields.List(fields.Nested(ObjectiveSchema))
