"""No staff or admin page slips out of the roles matrix (tests/core/test_roles_matrix.py
checks only routes that declare roles): every /staff and /admin URL must declare them,
and every other route is either public on purpose or needs a signed-in account."""

from engage.security import public_write_endpoints

STAFF_PREFIXES = (
    "/staff",
    "/admin",
    "/summit/manage",
    "/events/staff",
    "/surveys/manage",
    "/analysis",
)


def test_every_staff_url_declares_its_roles(app):
    missing = [
        f"{rule.rule} ({rule.endpoint})"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(STAFF_PREFIXES)
        and getattr(app.view_functions[rule.endpoint], "allowed_roles", None) is None
    ]
    assert not missing, "\n".join(missing)


def test_signed_in_pages_send_strangers_to_sign_in(app, client):
    pages = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if getattr(app.view_functions[rule.endpoint], "signed_in_only", False)
        and not rule.arguments
    ]
    assert "/account/" in pages
    for path in pages:
        resp = client.get(path)
        assert resp.status_code == 302 and "/account/sign-in" in resp.headers["Location"], path


def test_public_api_writes_are_only_the_designed_ones(app):
    """The design's public JSON writes: registrations, views, survey answers, summit submissions."""
    api = {e for e in public_write_endpoints(app) if e.startswith("api.")}
    allowed = {
        "api.register_api",
        "api.give_view_api",
        "api.submit_survey_api",
        "api.submit_to_summit_api",
    }
    assert api <= allowed, api - allowed
