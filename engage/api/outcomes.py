"""Published outcomes ("You said, we did") from sessions, consultations and the summit."""

from marshmallow import Schema, ValidationError, fields, validate

from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_query
from engage.outcomes.models import OutcomeKind
from engage.outcomes.queries import published_outcomes
from engage.places import DISTRICTS


def _known_label(value: str) -> None:
    from nlp.taxonomy import LABELS

    if value not in LABELS:
        raise ValidationError("Not one of the priority area ids.")


class OutcomeFilterSchema(Schema):
    district = fields.String(validate=validate.OneOf(list(DISTRICTS)))
    label = fields.String(validate=_known_label)
    kind = fields.String(validate=validate.OneOf([k.value for k in OutcomeKind]))


class OutcomeOutSchema(Schema):
    kind = fields.String(metadata={"enum": [k.value for k in OutcomeKind]})
    title = fields.String()
    published_at = fields.DateTime()
    url = fields.String(metadata={"description": "The public page, absolute path"})
    districts = fields.List(fields.String())
    labels = fields.List(fields.String())


class OutcomeListSchema(Schema):
    items = fields.List(fields.Nested(OutcomeOutSchema))
    total = fields.Integer()


@bp.get("/outcomes")
@doc("Every published outcome (you said, we did), newest first", query=OutcomeFilterSchema,
     responses={200: OutcomeListSchema}, tags=("outcomes",))
def list_outcomes_api():
    args = load_query(OutcomeFilterSchema())
    items = published_outcomes(args.get("district"), args.get("label"), args.get("kind"))
    return OutcomeListSchema().dump({"items": items, "total": len(items)})
