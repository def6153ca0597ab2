"""Finding 1 of issue 14, end to end as the attacker would try it: an engagement officer
asks for the admin's password reset, then reads every staff page they can reach, the
outbox included, looking for the link. No page may show one that works."""

import re

from engage.accounts.roles import role_allows
from tests.fixtures.users import PASSWORD

LINKS = re.compile(r"/(?:account/reset|surveys/resume|events/registrations)/[A-Za-z0-9_.\-]{16,}")
NEW = "the officer's chosen password"


def _officer_pages(app) -> list[str]:
    """Every GET page an officer may open that needs no id in its URL."""
    out = []
    for rule in app.url_map.iter_rules():
        roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
        if "GET" in rule.methods and not rule.arguments and roles and role_allows("officer", roles):
            out.append(rule.rule)
    return sorted(out)


def test_an_officer_cannot_take_over_the_admin_account(app, db, create_user):
    admin, officer = create_user("admin"), create_user("officer")
    attacker = app.test_client()
    assert attacker.post("/account/forgot-password", data={"email": admin.email}).status_code == 200
    attacker.post("/account/sign-in", data={"email": officer.email, "password": PASSWORD})
    pages = _officer_pages(app)
    assert "/staff/outbox" in pages and len(pages) >= 10
    found = set()
    for path in pages:
        resp = attacker.get(path)
        if resp.mimetype in ("text/html", "application/json", "text/plain", "text/csv"):
            found |= set(LINKS.findall(resp.get_data(as_text=True)))
    for link in sorted(found):
        attacker.post(link, data={"password": NEW, "confirm": NEW})
    thief = app.test_client()
    resp = thief.post("/account/sign-in", data={"email": admin.email, "password": NEW})
    assert resp.status_code != 302, f"signed in as the admin through one of {sorted(found)}"
    assert not found, f"staff pages show live links: {sorted(found)}"
