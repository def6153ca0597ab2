"""JSON shapes of the stream: the filters it takes and the items it returns."""

from datetime import date

from marshmallow import Schema, ValidationError, fields, post_load, pre_dump, validate, validates

from engage.fields import UTCDateTime
from engage.places import normalise_district
from engage.responses.models import Channel
from engage.responses.queries import ResponseFilter


def _labels():
    from nlp.taxonomy import LABELS

    return LABELS


class ResponseFilterSchema(Schema):
    label = fields.String(metadata={"description": "priority-area id"})
    channel = fields.String(validate=validate.OneOf(list(Channel)))
    district = fields.String(metadata={"description": "district id or name"})
    community_group = fields.String(validate=validate.Length(max=64))
    # Bounded so date arithmetic on them (until + 1 day, periods before since) cannot overflow.
    since = fields.Date(validate=validate.Range(min=date(1900, 1, 1), max=date(2999, 12, 31),
                                                error="Enter a date between 1900 and 2999"),
                        metadata={"description": "first day, YYYY-MM-DD"})
    until = fields.Date(validate=validate.Range(min=date(1900, 1, 1), max=date(2999, 12, 31),
                                                error="Enter a date between 1900 and 2999"),
                        metadata={"description": "last day, inclusive"})
    event_id = fields.Integer(strict=False, validate=validate.Range(min=1, max=2**31 - 1),
                              metadata={"description": "responses given for this event"})
    survey_id = fields.Integer(strict=False, validate=validate.Range(min=1, max=2**31 - 1),
                               metadata={"description": "answers to this survey"})
    summit_id = fields.Integer(strict=False, validate=validate.Range(min=1, max=2**31 - 1),
                               metadata={"description": "submissions to this summit"})
    objective = fields.String(
        metadata={"description": "plan objective: Preventing, Responding or Supporting"})
    label_source = fields.String(
        validate=validate.OneOf(["model", "human"]),
        metadata={"description": "model: as tagged; human: as corrected by an analyst"})
    equality = fields.String(metadata={
        "description": "survey 'About you' answers, e.g. ethnicity:white_british,sex:female"})

    @validates("label")
    def _label(self, value, **_):
        if value not in _labels():
            raise ValidationError(f"Unknown priority area. Use one of: {', '.join(_labels())}")

    @validates("district")
    def _district(self, value, **_):
        if normalise_district(value) is None:
            raise ValidationError("Unknown district")

    @validates("objective")
    def _objective(self, value, **_):
        from engage.plan.active import objective_ids

        if value not in objective_ids():
            raise ValidationError(f"Unknown objective. Use one of: {', '.join(objective_ids())}")

    @validates("event_id")
    def _event(self, value, **_):
        _must_exist("engage.events.models", "Event", value, "event")

    @validates("survey_id")
    def _survey(self, value, **_):
        _must_exist("engage.surveys.models", "Survey", value, "survey")

    @validates("summit_id")
    def _summit(self, value, **_):
        _must_exist("engage.summit.models", "Summit", value, "summit")

    @validates("equality")
    def _equality(self, value, **_):
        from engage.analysis.equality import parse_equality

        try:
            parse_equality(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    @post_load
    def _check(self, data, **_):
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise ValidationError("until must be on or after since", "until")
        if data.get("district"):
            data["district"] = normalise_district(data["district"])
        if data.get("equality"):
            from engage.analysis.equality import parse_equality

            data["equality"] = parse_equality(data["equality"])
        return data

    def load_filter(self, args) -> tuple[ResponseFilter, dict]:
        data = self.load({k: v for k, v in args.items() if k in self.fields and v != ""})
        return ResponseFilter(**data), data


def _must_exist(module: str, model: str, value: int, name: str) -> None:
    """Unknown ids are a clear 422, not an empty result that looks like 'no responses'."""
    import importlib

    from engage.extensions import db

    if db.session.get(getattr(importlib.import_module(module), model), value) is None:
        raise ValidationError(f"There is no {name} with id {value}")


class PageSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class ResponseListFilterSchema(ResponseFilterSchema, PageSchema):
    """The query string of GET /api/v1/responses. `cursor` (the previous page's
    next_cursor) reads the next page by index range, however deep; `page` still works."""

    cursor = fields.String(load_default=None, validate=validate.Length(max=200))


class TagSchema(Schema):
    label = fields.String()
    score = fields.Float(allow_none=True)
    source = fields.String()
    model_version = fields.String(allow_none=True)
    evidence = fields.List(fields.Dict(), allow_none=True)


class ResponseItemSchema(Schema):
    id = fields.Integer()
    reference = fields.String()
    channel = fields.String()
    text = fields.String(
        metadata={"description": "personal details redacted; '[withheld]' when flagged for safeguarding"})
    district = fields.String()
    submitted_at = UTCDateTime()
    labels = fields.List(fields.String())
    community_group = fields.String(allow_none=True)
    status = fields.String()
    tags = fields.List(fields.Nested(TagSchema))

    @pre_dump
    def _through_the_gate(self, response, **_):
        """Text and evidence as they may leave (engage.privacy.gate), never the stored text."""
        if isinstance(response, dict):
            return response
        from engage.privacy.gate import gated_evidence, response_text

        evidence = gated_evidence(response)
        keys = ("id", "reference", "channel", "district", "submitted_at", "labels",
                "community_group", "status")
        tags = [{"label": t.label, "score": t.score, "source": t.source,
                 "model_version": t.model_version, "evidence": evidence.get(t.label, [])}
                for t in response.tags]
        return {k: getattr(response, k) for k in keys} | {"text": response_text(response), "tags": tags}


class ResponseListSchema(Schema):
    items = fields.List(fields.Nested(ResponseItemSchema))
    total = fields.Integer()
    page = fields.Integer(allow_none=True)
    per_page = fields.Integer()
    next_cursor = fields.String(allow_none=True)


def about_you_field() -> fields.Dict:
    """The optional 'About you' answers a channel's API takes (checked by the service with
    the surveys' own validation)."""
    return fields.Dict(
        keys=fields.String(), values=fields.String(allow_none=True), load_default=dict,
        metadata={"description": "optional equality monitoring answers: the survey's 'About you' keys and "
                                 "values (GET /api/v1/surveys/<id>), each may be 'prefer_not_to_say'"})


class ViewInSchema(Schema):
    """A view given through any channel's free text."""

    text = fields.String(required=True)
    district = fields.String(load_default=None, allow_none=True)
    consent_to_quote = fields.Boolean(load_default=False)
    about_you = about_you_field()


class ViewOutSchema(Schema):
    id = fields.Integer()
    reference = fields.String()
    labels = fields.List(fields.String())


class TagCorrectionSchema(Schema):
    """PATCH /responses/<id>/tags: labels to add and to remove, or ``confirm: true`` when
    the labels are right as they are; an optional reason either way."""

    add = fields.List(fields.String(), load_default=list)
    remove = fields.List(fields.String(), load_default=list)
    confirm = fields.Boolean(load_default=False)
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))


class TagTextSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(max=10_000))


class EvidenceSchema(Schema):
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class TagResultSchema(Schema):
    labels = fields.List(fields.String())
    scores = fields.Dict(keys=fields.String(), values=fields.Float())
    evidence = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(EvidenceSchema)))
    model_version = fields.String()


class TagChangeSchema(Schema):
    label = fields.String()
    action = fields.String()
    source = fields.String()
    model_version = fields.String(allow_none=True)
    actor = fields.Function(lambda c: c.actor.email if c.actor else None)
    reason = fields.String(allow_none=True)
    created_at = UTCDateTime()


class ResponseDetailSchema(ResponseItemSchema):
    history = fields.List(fields.Nested(TagChangeSchema))
