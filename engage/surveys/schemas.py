"""JSON shapes: the survey definition (API and JSON export), a response sent by a
script, and the export of completed responses (an explicit column whitelist)."""

from marshmallow import Schema, fields, validate

from engage.fields import UTCDateTime
from engage.surveys.models import QuestionKind


def _pairs(rows) -> list[dict]:
    return [{"value": v, "label": label} for v, label in rows or []]


class QuestionSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"enum": list(QuestionKind)})
    text = fields.String()
    help_text = fields.String()
    is_required = fields.Boolean()
    options = fields.Method("_options", metadata={"description": "[{value, label}] to choose from"})
    statements = fields.Method(
        "_statements", metadata={"description": "grid rows: [{value, label}]"}
    )
    allows_other = fields.Boolean()
    other_label = fields.String()
    min_value = fields.Float(allow_none=True)
    max_value = fields.Float(allow_none=True)
    max_length = fields.Integer(allow_none=True)
    show_if = fields.Method("_show_if", metadata={"description": "{question_id, values} or null"})
    indicator = fields.String(allow_none=True)
    indicator_values = fields.List(fields.String())

    def _options(self, q):
        if q.kind in (
            QuestionKind.short_text,
            QuestionKind.long_text,
            QuestionKind.number,
            QuestionKind.date,
        ):
            return []
        return _pairs(q.choices)

    def _statements(self, q):
        return _pairs(q.statements)

    def _show_if(self, q):
        if not q.show_if_question_id:
            return None
        return {"question_id": q.show_if_question_id, "values": list(q.show_if_values)}


class SectionSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    title = fields.String()
    description = fields.String()
    questions = fields.List(fields.Nested(QuestionSchema))


class SurveyItemSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    introduction = fields.String()
    status = fields.String()
    opens_at = UTCDateTime(allow_none=True)
    closes_at = UTCDateTime(allow_none=True)
    is_open = fields.Boolean()


class SurveyListSchema(Schema):
    items = fields.List(fields.Nested(SurveyItemSchema))


class AboutYouQuestionSchema(Schema):
    key = fields.String()
    text = fields.String()
    options = fields.Method("_options")

    def _options(self, q):
        return _pairs(q["options"])


class SurveyDetailSchema(SurveyItemSchema):
    """The whole definition: also the JSON export of a survey."""

    privacy_notice = fields.String()
    has_about_you = fields.Boolean()
    sections = fields.List(fields.Nested(SectionSchema))
    about_you = fields.Method("_about_you")

    def _about_you(self, survey):
        from engage.surveys.equality import about_you_questions

        return (
            AboutYouQuestionSchema(many=True).dump(about_you_questions())
            if survey.has_about_you
            else []
        )


class SurveyResponseInSchema(Schema):
    """answers: {question_id: value}; the value's shape follows the question's kind:
    text -> "words"; single_choice/scale/district -> "value" or {"choice": "other",
    "other": "words"}; multiple_choice -> ["a", "b"] or {"choices": [...], "other": "..."};
    grid -> {statement_value: scale_value}; rating -> 0..10; number -> number;
    date -> "YYYY-MM-DD"; ranking -> [values in order, all of them]."""

    answers = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), required=True)
    about_you = fields.Dict(
        keys=fields.String(), values=fields.String(allow_none=True), load_default=dict
    )
    consent_to_quote = fields.Boolean(load_default=False)


class SubmissionOutSchema(Schema):
    reference = fields.String()
    status = fields.String(validate=validate.OneOf(["completed"]))
