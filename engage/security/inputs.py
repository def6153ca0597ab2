"""Every request's text, cleaned in one place before any view, form or schema sees it:
characters no database or person needs are removed, JSON too deep to be a real answer
is refused, and file parts in forms that take no files are refused. One hook here, so a
new form or endpoint cannot forget it (tests/security/test_hostile_input.py)."""

import re

from flask import Flask, abort, request
from flask.json.provider import DefaultJSONProvider
from flask.wrappers import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

# NUL and other C0 controls (PostgreSQL refuses NUL outright), and lone surrogates
# (halves of a pair no encoder can write).
_NEVER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Direction overrides and invisible characters: in a name or title they disguise what a
# reader sees (an officer reading "gnp.exe" that is really "exe.png").
_DISGUISE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_NAME_LIKE = re.compile(r"(?:^|_)(?:name|title|organisation|parish|venue|label)$")
MAX_JSON_DEPTH = 20


def clean_text(value: str, name_like: bool = False) -> str:
    value = _NEVER.sub("", value)
    return _DISGUISE.sub("", value) if name_like else value


def _clean_pairs(multi) -> ImmutableMultiDict:
    return ImmutableMultiDict([(clean_text(k), clean_text(v, bool(_NAME_LIKE.search(k))))
                               for k, v in multi.items(multi=True)])


class CleanRequest(Request):
    """Query strings and form fields arrive cleaned."""

    @cached_property
    def args(self):
        return _clean_pairs(super().args)

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _clean_pairs(self.__dict__["form"])


class TooDeep(ValueError):
    """Not valid input: nested deeper than any of our payloads."""


def _clean_json(value, depth: int = 0, key: str = ""):
    if depth > MAX_JSON_DEPTH:
        raise TooDeep(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    if isinstance(value, str):
        return clean_text(value, bool(_NAME_LIKE.search(key)))
    if isinstance(value, list):
        return [_clean_json(v, depth + 1, key) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): _clean_json(v, depth + 1, k) for k, v in value.items()}
    return value


class CleanJSONProvider(DefaultJSONProvider):
    """request.get_json() with the same cleaning; too deep is a ValueError, which the
    API turns into a 400 like any other malformed body."""

    def loads(self, s, **kwargs):
        try:
            return _clean_json(super().loads(s, **kwargs))
        except RecursionError:
            raise TooDeep("JSON nested too deeply") from None


# The admin's plan file upload (engage/plan/views.py), checked whole by its schema.
UPLOAD_ENDPOINTS = frozenset({"plan.admin"})


def clean_inputs(app: Flask) -> None:
    app.request_class = CleanRequest
    app.json = CleanJSONProvider(app)

    @app.before_request
    def _no_files():
        # Only the forms listed in UPLOAD_ENDPOINTS take a file; elsewhere a file part in a
        # text field would reach the form as an object it cannot read.
        if request.method in ("POST", "PUT", "PATCH") and request.mimetype == "multipart/form-data":
            if request.files and request.endpoint not in UPLOAD_ENDPOINTS:
                abort(400, "This form does not take files. Type your answer into the box.")
