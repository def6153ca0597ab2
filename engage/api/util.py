"""Reading JSON bodies and query strings through marshmallow, with the API's error shape."""

from flask import request
from marshmallow import Schema, ValidationError

from engage.errors import DomainError, ValidationFailed


class BadRequest(DomainError):
    status = 400


def _flatten(messages) -> dict[str, list[str]]:
    if isinstance(messages, list):
        return {"_general": [str(m) for m in messages]}
    out = {}
    for field, msgs in messages.items():
        if isinstance(msgs, dict):
            for sub, inner in _flatten(msgs).items():
                out[f"{field}.{sub}"] = inner
        else:
            out[field] = [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
    return out


def load_body(schema: Schema) -> dict:
    """The request's JSON body validated by `schema`; 400 if not JSON, 422 if invalid."""
    if not request.is_json:
        raise BadRequest("Send a JSON body with Content-Type: application/json")
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise BadRequest("The body is not a valid JSON object")
    return load_data(schema, payload)


def load_query(schema: Schema) -> dict:
    return load_data(schema, request.args.to_dict())


def load_data(schema: Schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise ValidationFailed(_flatten(exc.messages)) from None
