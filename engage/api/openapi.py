"""/api/v1/openapi.json, built from the routes' @doc metadata and their schemas."""

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app

from engage.api import bp

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
    },
    "required": ["errors"],
}
ERROR_CODES = {
    400: "Bad request: not JSON, JSON nested more than 20 levels deep, or a browser session's "
         "write without its CSRF token",
    401: "Not signed in, or the Bearer token is unknown, expired or revoked",
    403: "Wrong role",
    404: "Not found",
    409: "Conflict (for example the session is full and has no waiting list)",
    413: "Too large",
    422: "Invalid input, field by field (dates must fall between 1900 and 2999)",
    429: "Too many requests",
}


def _path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.removeprefix("/api/v1"))


def _operation(spec_doc: dict, rule, plugin: MarshmallowPlugin) -> dict:
    op = {
        "summary": spec_doc["summary"],
        "tags": list(spec_doc["tags"]),
        "description": f"Access: {spec_doc['auth']}.",
        "responses": {},
    }
    params = [
        {
            "in": "path",
            "name": arg,
            "required": True,
            "schema": {
                "type": "integer" if rule._converters.get(arg).__class__.__name__ == "IntegerConverter" else "string"
            },
        }
        for arg in sorted(rule.arguments)
    ]
    if spec_doc["query"]:
        params += plugin.converter.schema2parameters(spec_doc["query"], location="query")
    if params:
        op["parameters"] = params
    if spec_doc["body"]:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": spec_doc["body"]}}}
    for status, schema in spec_doc["responses"].items():
        content = {"application/json": {"schema": schema}} if schema else None
        op["responses"][str(status)] = {"description": "OK"} | ({"content": content} if content else {})
    for status, text in ERROR_CODES.items():
        op["responses"].setdefault(
            str(status),
            {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}},
        )
    if spec_doc["auth"] != "public":
        op["security"] = [{"bearer": []}, {"cookie": []}]
    return op


def build_spec() -> dict:
    plugin = MarshmallowPlugin()
    spec = APISpec(
        title="Make Notts Safe Engage API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[plugin],
        servers=[{"url": "/api/v1"}],
    )
    spec.components.schema("Errors", ERROR_SCHEMA)
    spec.components.security_scheme("bearer", {
        "type": "http", "scheme": "bearer",
        "description": "From `flask users token EMAIL`. Expires; revoked by its owner or an admin, "
                       "and at sign-out, password change or reset."})
    spec.components.security_scheme("cookie", {"type": "apiKey", "in": "cookie", "name": "session"})
    paths: dict[str, dict] = {}
    for rule in current_app.url_map.iter_rules():
        view = current_app.view_functions.get(rule.endpoint)
        meta = getattr(view, "api_doc", None)
        if not meta:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(_path(rule.rule), {})[method.lower()] = _operation(meta, rule, plugin)
    for path, ops in sorted(paths.items()):
        spec.path(path=path, operations=ops)
    return spec.to_dict()


@bp.get("/openapi.json")
def openapi_json():
    return build_spec()
