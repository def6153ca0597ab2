"""Issue 14 finding 4: the six causes of 500s, and the earlier payload suite, sent to every
form and JSON endpoint found in the URL map (other domains' new routes included), as each
role allowed to reach it. Nothing may answer 500; each cause gets a clear 4xx or the
characters are stripped. Runs on SQLite and, with ENGAGE_TEST_DATABASE_URL, PostgreSQL."""

import io
import json

import pytest

from engage.accounts.roles import Role
from tests.fixtures.users import PASSWORD
from tests.security.test_payloads import HEADERS_BANNED, PAYLOADS, _body_fields, _fields, _path

QUERY = {"until": "9999-12-31", "since": "0001-01-01", "next": "/x\r\nSet-Cookie: pwned=1",
         "page": "99999999999999999999"}
FORM_CAUSES = {"nul": "Nottingham\x00Forum", "crlf": "/x\r\nX-Injected: yes"}
JSON_CAUSES = {
    "surrogate": '{"%s": "\\ud800 half a pair"}',
    "nested": '{"%s": ' + "[" * 1000 + "]" * 1000 + "}",
    "nul": '{"%s": "Nottingham\\u0000Forum"}',
}
SKIP = {"accounts.sign_out", "static"}


@pytest.fixture
def ids(db, create_event, create_summit, create_survey, create_response, create_registration):
    event = create_event()
    return {"event_id": event.id, "summit_id": create_summit().id, "survey_id": create_survey().id,
            "response_id": create_response("Speeding on the A60 every night").id,
            "token": create_registration(event).token, "number": 1}


@pytest.fixture
def clients(app, db, create_user, create_partner, bearer):
    """A signed-in browser and an API token for each role, and an anonymous browser."""
    out = {"anonymous": (app.test_client(), {})}
    for role in (Role.resident, Role.officer, Role.analyst, Role.admin, Role.partner):
        user = create_partner()[0] if role == Role.partner else create_user(role)
        client = app.test_client()
        assert client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD}).status_code == 302
        out[role.value] = (client, bearer(user))
    return out


def _roles(app, rule) -> list[str]:
    view = app.view_functions[rule.endpoint]
    allowed = getattr(view, "allowed_roles", None)
    if allowed is not None:
        return sorted(set(allowed) | {"admin"})
    return ["resident"] if getattr(view, "signed_in_only", False) else ["anonymous"]


def _rules(app, methods: set, api: bool) -> list:
    return sorted((r for r in app.url_map.iter_rules()
                   if r.methods & methods and r.endpoint not in SKIP
                   and r.rule.startswith("/api/") == api), key=lambda r: r.rule)


def _check(resp, where: str, problems: list) -> None:
    if resp.status_code >= 500:
        problems.append(f"{where}: {resp.status_code}")
    if any(bad in str(resp.headers) for bad in HEADERS_BANNED):
        problems.append(f"{where}: header injected")
    resp.close()


def test_query_strings_never_cause_a_500(app, ids, clients):
    problems: list[str] = []
    rules = _rules(app, {"GET"}, api=False) + _rules(app, {"GET"}, api=True)
    assert len(rules) > 50
    for rule in rules:
        for role in _roles(app, rule):
            client, token = clients[role]
            headers = token if rule.rule.startswith("/api/") else {}
            _check(client.get(_path(rule, ids), query_string=QUERY, headers=headers),
                   f"GET {rule.rule} as {role}", problems)
    assert not problems, "\n".join(problems)


def test_forms_never_cause_a_500(app, ids, clients):
    problems: list[str] = []
    rules = _rules(app, {"POST"}, api=False)
    assert len(rules) >= 10
    for rule in rules:
        path = _path(rule, ids)
        for role in _roles(app, rule):
            client = clients[role][0]
            fields = _fields(client, path)
            sends = {kind: {f: value for f in fields} for kind, value in {**PAYLOADS, **FORM_CAUSES}.items()}
            sends["file"] = {f: (io.BytesIO(b"GIF89a"), "x.gif") for f in fields}
            for kind, data in sends.items():
                resp = client.post(path, data=data, query_string={"next": QUERY["next"]},
                                   content_type="multipart/form-data" if kind == "file" else None)
                _check(resp, f"POST {rule.rule} {kind} as {role}", problems)
                if kind == "file" and resp.status_code not in (400, 403, 404, 405, 409, 302):
                    problems.append(f"POST {rule.rule} file as {role}: {resp.status_code}, not refused")
    assert not problems, "\n".join(problems)


def test_json_never_causes_a_500(app, ids, clients):
    problems: list[str] = []
    rules = _rules(app, {"POST", "PUT", "PATCH"}, api=True)
    assert len(rules) >= 5
    for rule in rules:
        path, method = _path(rule, ids), sorted(rule.methods & {"POST", "PUT", "PATCH"})[0]
        fields = sorted(_body_fields(app, rule))
        for role in _roles(app, rule):
            client, token = clients[role]
            bodies = {k: json.dumps({f: v for f in fields}) for k, v in PAYLOADS.items()}
            bodies |= {f"{k} in {f}": raw % f for k, raw in JSON_CAUSES.items() for f in fields}
            for kind, raw in bodies.items():
                resp = client.open(path, method=method, data=raw, content_type="application/json",
                                   headers=token)
                _check(resp, f"{method} {rule.rule} {kind} as {role}", problems)
                if resp.status_code >= 400 and not resp.is_json:
                    problems.append(f"{method} {rule.rule} {kind} as {role}: error is not JSON")
    assert not problems, "\n".join(problems)


def test_the_characters_are_stripped_not_stored(client, db):
    import sqlalchemy as sa

    from engage.responses.models import Response

    client.post("/tell-us", data={"text": "Bins\x00 set alight on the \u202eestate"})
    assert db.session.scalar(sa.select(Response.text)) == "Bins set alight on the \u202eestate"


def test_nesting_and_until_get_clear_messages(client, db, create_user, bearer):
    headers = bearer(create_user("analyst"))
    resp = client.get("/api/v1/responses?until=9999-12-31", headers=headers)
    assert resp.status_code == 422 and "between 1900 and 2999" in str(resp.get_json())
    deep = '{"text": ' + "[" * 1000 + "]" * 1000 + "}"
    resp = client.post("/api/v1/tag", data=deep, content_type="application/json", headers=headers)
    assert resp.status_code == 400 and resp.is_json


def test_sign_in_next_with_a_line_break_goes_home(client, db, create_user):
    user = create_user()
    resp = client.post("/account/sign-in?next=/x%0D%0ASet-Cookie:%20pwned=1",
                       data={"email": user.email, "password": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"] == "/"


def test_corrections_download_streams(client, db, create_user, sign_in):
    sign_in(create_user("analyst"))
    resp = client.get("/staff/tagging/corrections.jsonl")
    assert resp.status_code == 200
    resp.get_data()
