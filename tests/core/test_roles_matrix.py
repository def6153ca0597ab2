"""Every staff route, found from the URL map, against every role."""

import re

import pytest

from engage.accounts.roles import Role, role_allows

ROLES = ["anonymous"] + [r.value for r in Role]


def staff_routes(app):
    routes = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        allowed = getattr(view, "allowed_roles", None)
        if allowed is None:
            continue
        path = re.sub(r"<(?:int:)?[a-z_]+>", "999999", rule.rule)
        path = re.sub(r"<[a-z]+:[a-z_]+>", "x", path)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, path, allowed))
    return routes


def test_there_are_staff_routes_to_check(app):
    paths = {p for _, p, _ in staff_routes(app)}
    assert {"/admin/users", "/staff/responses", "/api/v1/responses"} <= paths


@pytest.mark.parametrize("role", ROLES)
def test_each_staff_route_admits_only_its_roles(app, db, create_user, role):
    client = app.test_client()
    if role != "anonymous":
        user = create_user(role)
        client.post("/account/sign-in", data={"email": user.email, "password": "correct horse battery"})
    failures = []
    for method, path, allowed in staff_routes(app):
        resp = client.open(path, method=method, json={} if path.startswith("/api/") else None,
                           data=None if path.startswith("/api/") else {})
        code = resp.status_code
        if role == "anonymous":
            ok = code == 401 if path.startswith("/api/") else (
                code == 302 and "/account/sign-in" in resp.headers["Location"])
        elif role_allows(role, allowed):
            ok = code not in (401, 403) and code < 500
        else:
            ok = code == 403
        if not ok:
            failures.append(f"{method} {path} as {role}: {code}")
    assert not failures, "\n".join(failures)
