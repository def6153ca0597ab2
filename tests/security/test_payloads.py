"""Hostile input against every form and JSON endpoint, discovered from the URL map so
other domains' new routes are covered: never a 500, never our payload rendered as HTML,
never an injected header; oversized bodies 413, invalid UTF-8 400."""

import json
import re
from html.parser import HTMLParser

import pytest

from engage.api.openapi import build_spec

PAYLOADS = {
    "script": "<script>alert('pwned')</script><img src=x onerror=alert(1)>",
    "sql": "' OR '1'='1'; DROP TABLE responses; --",
    "traversal": "../../../../etc/passwd%00.png",
    "header": "x\r\nSet-Cookie: pwned=1\r\nX-Injected: yes",
    "unicode": "\u202eevil\u200b \U0001f600 Z\u0351\u0361a\u0000lgo \ufeff\u2028\u00e9",
    "long": "A" * 12_000,
}
JSON_ONLY = {
    "surrogate": "\ud800 broken half of a pair",
    "nested": {"$gt": ""},
    "list": ["<b>x</b>"] * 3,
}
HEADERS_BANNED = ("pwned", "X-Injected")


class _Inputs(HTMLParser):
    """Names of the fields of a page's forms."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag in ("input", "textarea", "select")
            and a.get("name")
            and a.get("name") != "csrf_token"
        ):
            self.names.add(a["name"])


@pytest.fixture
def ids(db, create_event, create_summit, create_survey):
    """Real objects, so payloads reach validation rather than a 404."""
    return {
        "event_id": create_event().id,
        "summit_id": create_summit().id,
        "survey_id": create_survey().id,
    }


def _path(rule, ids: dict) -> str:
    def sub(m):
        return str(ids.get(m.group(1), 1))

    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", sub, rule.rule)


def _post_rules(app, api: bool) -> list:
    return sorted(
        (
            r
            for r in app.url_map.iter_rules()
            if r.methods & {"POST", "PUT", "PATCH"}
            and r.rule.startswith("/api/") == api
            and r.endpoint != "accounts.sign_out"
        ),
        key=lambda r: r.rule,
    )


def _fields(client, path: str) -> set[str]:
    resp = client.get(path)
    parser = _Inputs()
    if resp.status_code == 200 and resp.mimetype == "text/html":
        parser.feed(resp.get_data(as_text=True))
    return parser.names | {"text", "email", "name"}


def _check(resp, where: str, problems: list) -> None:
    body = resp.get_data(as_text=True)
    if resp.status_code >= 500:
        problems.append(f"{where}: {resp.status_code}")
    if "<script>alert('pwned')" in body or "onerror=alert(1)>" in body:
        problems.append(f"{where}: payload rendered as HTML")
    if any(bad in str(resp.headers) for bad in HEADERS_BANNED):
        problems.append(f"{where}: header injected")


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_form_payloads(app, db, ids, create_user, who):
    client = app.test_client()
    if who == "admin":
        user = create_user("admin")
        client.post(
            "/account/sign-in", data={"email": user.email, "password": "correct horse battery"}
        )
    problems = []
    rules = _post_rules(app, api=False)
    assert len(rules) >= 10
    for rule in rules:
        path = _path(rule, ids)
        fields = _fields(client, path)
        for kind, payload in PAYLOADS.items():
            _check(
                client.post(path, data={f: payload for f in fields}),
                f"{rule.endpoint} {kind}",
                problems,
            )
    assert not problems, "\n".join(problems)


def _body_fields(app, rule) -> set[str]:
    with app.test_request_context():
        spec = build_spec()
    path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
    out = {"text", "email", "name"}
    for op in spec["paths"].get(path, {}).values():
        schema = (
            op.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
        )
        ref = schema.get("$ref", "").rsplit("/", 1)[-1]
        out |= set(
            spec.get("components", {}).get("schemas", {}).get(ref, schema).get("properties", {})
        )
    return out


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_json_payloads(app, db, ids, create_user, bearer, who):
    client = app.test_client()
    headers = bearer(create_user("admin")) if who == "admin" else {}
    problems = []
    for rule in _post_rules(app, api=True):
        path = _path(rule, ids)
        method = sorted(rule.methods & {"POST", "PUT", "PATCH"})[0]
        fields = _body_fields(app, rule)
        for kind, payload in {**PAYLOADS, **JSON_ONLY}.items():
            resp = client.open(
                path, method=method, json={f: payload for f in fields}, headers=headers
            )
            _check(resp, f"{rule.endpoint} {kind}", problems)
            if resp.status_code >= 400 and not resp.is_json:
                problems.append(f"{rule.endpoint} {kind}: error is not JSON")
        for raw in (b"{not json", b'{"text": "\xff\xfe"}', b"[]", b"null"):
            resp = client.open(
                path, method=method, data=raw, content_type="application/json", headers=headers
            )
            _check(resp, f"{rule.endpoint} raw {raw[:10]!r}", problems)
    assert not problems, "\n".join(problems)


def test_oversized_bodies_get_413(app, db, ids):
    client = app.test_client()
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    failures = []
    for rule in _post_rules(app, api=False) + _post_rules(app, api=True):
        path = _path(rule, ids)
        if rule.rule.startswith("/api/"):
            resp = client.post(
                path, data=json.dumps({"text": big}), content_type="application/json"
            )
            ok = resp.status_code == 413 and resp.is_json
        else:
            resp = client.post(path, data={"text": big})
            ok = resp.status_code == 413 and "too large" in resp.get_data(as_text=True)
        if not ok:
            failures.append(f"{rule.endpoint}: {resp.status_code}")
    assert not failures, "\n".join(failures)


def test_invalid_utf8_in_a_form_is_refused_not_a_crash(client, db):
    resp = client.post(
        "/tell-us",
        data=b"text=%FF%FE%FD&district=",
        content_type="application/x-www-form-urlencoded",
    )
    assert resp.status_code in (400, 302)


def test_unicode_text_is_stored_as_given(client, db):
    import sqlalchemy as sa

    from engage.responses.models import Response

    text = "Fly tipping \U0001f5d1 by the canal \u2014 \u00e9t\u00e9 \u05e9\u05dc\u05d5\u05dd"
    client.post("/tell-us", data={"text": text})
    assert db.session.scalar(sa.select(Response.text)) == text
