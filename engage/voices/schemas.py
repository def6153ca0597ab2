"""JSON in and out for community partners' feedback."""

from marshmallow import Schema, fields, validate

from engage.voices.communities import COMMUNITY_GROUP_IDS
from engage.voices.models import GATHERING_METHODS
from engage.voices.services import MAX_PEOPLE, MAX_VIEWS


class VoicesInSchema(Schema):
    community_group = fields.String(
        required=True, validate=validate.OneOf(list(COMMUNITY_GROUP_IDS))
    )
    people_count = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(
            min=1, max=MAX_PEOPLE, error=f"Enter a number of people between 1 and {MAX_PEOPLE:,}"
        ),
    )
    method = fields.String(required=True, validate=validate.OneOf(list(GATHERING_METHODS)))
    gathered_on = fields.Date(
        required=True, metadata={"description": "YYYY-MM-DD, in the last two years"}
    )
    district = fields.String(load_default=None, allow_none=True)
    views = fields.List(
        fields.String(),
        required=True,
        validate=validate.Length(
            min=1, max=MAX_VIEWS, error=f"Send between 1 and {MAX_VIEWS} views"
        ),
    )
    consent_to_quote = fields.Boolean(load_default=False)


class ViewRefSchema(Schema):
    id = fields.Integer()
    reference = fields.String()
    labels = fields.List(fields.String())


class VoicesOutSchema(Schema):
    id = fields.Integer()
    reference = fields.String()
    community_group = fields.String()
    views = fields.List(fields.Nested(ViewRefSchema))
