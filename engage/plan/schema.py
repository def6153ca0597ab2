"""The plan file's shape and rules (marshmallow): a plan an admin uploads is checked
whole, and every problem is reported at once, before anything is saved."""

import json

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from nlp.taxonomy import LABELS, OTHER, TOPIC_LABELS

ID = validate.Regexp(r"^[A-Za-z][A-Za-z0-9_]{0,79}$",
                     error="Use letters, digits and _ (up to 80), starting with a letter.")
TEXT = validate.Length(min=1, max=2000)


class ObjectiveSchema(Schema):
    id = fields.String(required=True, validate=ID)
    title = fields.String(required=True, validate=TEXT)
    description = fields.String(load_default="")


class AreaSchema(Schema):
    id = fields.String(required=True, validate=ID)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="")
    objectives = fields.List(fields.String(), required=True)
    labels = fields.List(fields.String(), required=True)
    plan_quote = fields.String(load_default=None, allow_none=True)


class AmbitionSchema(Schema):
    id = fields.String(required=True, validate=ID)
    objective = fields.String(required=True)
    text = fields.String(required=True, validate=TEXT)
    source = fields.String(required=True, validate=validate.Length(min=1, max=200))
    unit = fields.String(required=True, validate=validate.OneOf(("percent", "count")))
    direction = fields.String(required=True, validate=validate.OneOf(("above", "below")))
    baseline = fields.Float(load_default=None, allow_none=True)
    target = fields.Float(load_default=None, allow_none=True)
    target_text = fields.String(required=True, validate=validate.Length(min=1, max=80))


class PlanFileSchema(Schema):
    id = fields.String(required=True, validate=ID)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    period = fields.String(required=True, validate=validate.Length(min=1, max=40))
    baseline_period = fields.String(load_default="")
    target_period = fields.String(load_default="")
    source = fields.String(load_default="")
    quote = fields.String(load_default="")  # a line from the plan the home page shows
    objectives = fields.List(fields.Nested(ObjectiveSchema), required=True, validate=validate.Length(min=1))
    areas = fields.List(fields.Nested(AreaSchema), required=True, validate=validate.Length(min=1))
    ambitions = fields.List(fields.Nested(AmbitionSchema), load_default=list)

    @validates_schema(skip_on_field_errors=False)
    def _cross_checks(self, data, **kwargs):
        problems: list[str] = []
        for part in ("objectives", "areas", "ambitions"):
            problems += _duplicates(part, data.get(part) or [])
        objectives = {o.get("id") for o in data.get("objectives") or []}
        problems += _area_problems(data.get("areas") or [], objectives)
        for a in data.get("ambitions") or []:
            if a.get("objective") and a["objective"] not in objectives:
                problems.append(f"ambition {a['id']!r}: unknown objective {a['objective']!r}")
        if problems:
            raise ValidationError(problems, "_plan")


def _duplicates(part: str, items: list[dict]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item.get("id") is None:
            continue
        if item["id"] in seen:
            out.append(f"{part}: the id {item['id']!r} is used more than once")
        seen.add(item["id"])
    return out


def _area_problems(areas: list[dict], objectives: set[str]) -> list[str]:
    """Each area maps at least one known tagger label; each topic label is mapped by
    exactly one area (its display name comes from there); objectives exist."""
    out, mapped = [], {}
    for n, area in enumerate(areas, 1):
        area = {"id": f"item {n}"} | area
        if "labels" in area and not area["labels"]:
            out.append(f"area {area['id']!r} maps no tagger label")
        for label in area.get("labels", ()):
            if label not in LABELS:
                out.append(f"area {area['id']!r}: {label!r} is not a tagger label id "
                           f"(known: {', '.join(TOPIC_LABELS)})")
            elif label == OTHER:
                out.append(f"area {area['id']!r}: 'other' means none of the priority areas and cannot be mapped")
            elif label in mapped:
                out.append(f"tagger label {label!r} is mapped by both {mapped[label]!r} and {area['id']!r}")
            else:
                mapped[label] = area["id"]
        for objective in area.get("objectives", ()):
            if objective not in objectives:
                out.append(f"area {area['id']!r}: unknown objective {objective!r}")
    missing = [label for label in TOPIC_LABELS if label not in mapped]
    if missing:
        out.append(f"no area maps these tagger labels: {', '.join(missing)}")
    return out


class PlanFileError(ValueError):
    """A plan file that cannot be used, with every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_plan(raw: bytes | str) -> dict:
    """The plan in a file's bytes, validated; raises PlanFileError listing the problems."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise PlanFileError(["The file is not UTF-8 text: save it as UTF-8 JSON."]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise PlanFileError([f"The file is not valid JSON: {exc.msg} at {where}."]) from None
    if not isinstance(data, dict):
        raise PlanFileError(["The file must hold one JSON object: the plan."])
    try:
        return PlanFileSchema().load(data)
    except ValidationError as exc:
        raise PlanFileError(flatten(exc.messages)) from None


def flatten(messages, path: str = "") -> list[str]:
    """marshmallow's nested messages as lines: 'areas, item 3, id: Missing data ...'."""
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            name = f"item {key + 1}" if isinstance(key, int) else ("" if key in ("_plan", "_schema") else str(key))
            out += flatten(value, ", ".join(p for p in (path, name) if p))
        return out
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{path}: {m}" if path else m for m in messages]
    return [line for m in messages for line in flatten(m, path)]
