"""JSON shapes of sessions and registrations (explicit whitelists: a registrant's
personal details are never dumped by these)."""

from marshmallow import Schema, ValidationError, fields, post_load, validate

from engage.events.models import EVENT_DISTRICTS, EventFormat
from engage.fields import LondonDateTime


class EventInSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=10_000))
    district = fields.String(
        required=True,
        validate=validate.OneOf(
            list(EVENT_DISTRICTS), error="Choose one of the eight districts, or online"
        ),
    )
    format = fields.String(
        load_default=EventFormat.in_person,
        validate=validate.OneOf(list(EventFormat), error="Choose in_person, online or hybrid"),
    )
    venue = fields.String(load_default="", validate=validate.Length(max=200))
    address = fields.String(load_default="", validate=validate.Length(max=300))
    accessibility = fields.String(load_default="", validate=validate.Length(max=5_000))
    joining_link = fields.Url(load_default=None, allow_none=True, schemes={"https", "http"})
    starts_at = LondonDateTime(required=True)
    ends_at = LondonDateTime(required=True)
    capacity = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=100_000, error="Capacity must be at least 1"),
    )
    waitlist = fields.Boolean(load_default=True)
    registration_opens_at = LondonDateTime(load_default=None, allow_none=True)
    registration_closes_at = LondonDateTime(load_default=None, allow_none=True)
    status = fields.String(
        load_default="draft",
        validate=validate.OneOf(["draft", "published"], error="status must be draft or published"),
    )


class EventOutSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    district = fields.String()
    district_name = fields.String(attribute="district_label")
    format = fields.String()
    venue = fields.String()
    address = fields.String()
    accessibility = fields.String()
    starts_at = LondonDateTime()
    ends_at = LondonDateTime()
    capacity = fields.Integer()
    places_left = fields.Method("_places_left")
    waitlist = fields.Boolean()
    status = fields.String()
    registration_open = fields.Method("_registration_open")
    outcome_summary = fields.String()
    url = fields.Method("_url")

    def _places_left(self, event):
        from engage.events.queries import places_left

        return places_left(event)

    def _registration_open(self, event):
        return event.can_register()

    def _url(self, event):
        from engage.events.notify import event_url

        return event_url(event)


class EventListSchema(Schema):
    items = fields.List(fields.Nested(EventOutSchema))
    total = fields.Integer()


class EventFilterSchema(Schema):
    district = fields.String(validate=validate.OneOf(list(EVENT_DISTRICTS)))
    format = fields.String(validate=validate.OneOf(list(EventFormat)))


class RegistrationInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    phone = fields.String(load_default="", validate=validate.Length(max=40))
    postcode = fields.String(load_default="", validate=validate.Length(max=10))
    access_needs = fields.String(load_default="", validate=validate.Length(max=2000))

    @post_load
    def _strip(self, data, **_):
        if not data["name"].strip():
            raise ValidationError("Enter your name", "name")
        return data


class RegistrationOutSchema(Schema):
    reference = fields.String()
    status = fields.String()
