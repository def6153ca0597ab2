"""Helpers the browser tests share: signing in, axe-core, keyboard-only moves and
reading the live server's database to prove that what was acknowledged was stored."""

import json
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
ROLES = ("admin", "officer", "analyst", "partner", "resident")


def login(role: str) -> tuple[str, str]:
    """Email and password of this suite's account for a role. (Not the `seed-demo` ones:
    their .test domain is refused by the sign-in form's email check.)"""
    return f"{role}@browser.example.org", f"browser-{role}-password"


def seed_extras(app) -> None:
    """What the journeys need beyond `seed-demo` (called inside an app context)."""
    from engage.accounts.services import create_user
    from engage.extensions import db

    users = {}
    for role in ROLES:
        email, password = login(role)
        users[role] = create_user(email, password, role, name=f"Browser {role.capitalize()}")
    _verified_partner(users["partner"], users["officer"])
    db.session.commit()


def _verified_partner(partner, officer) -> None:
    """The suite's partner account belongs to a verified organisation (so it can submit)."""
    from engage.voices.services import apply_for_partnership, decide_partner

    org = apply_for_partnership({
        "name": "Sherwood Rural Voices", "communities": ["rural_isolated", "older_people"],
        "description": "Village hall coffee mornings and outreach with older and isolated "
                       "residents across Newark and Sherwood."}, partner)
    decide_partner(org, "verify", officer)


def new_account(app, role: str) -> tuple[str, str]:
    """A fresh account (for journeys that change the account, like applying as a partner)."""
    from engage.accounts.services import create_user
    from engage.extensions import db

    new_account.n += 1
    email, password = f"{role}-{new_account.n}@browser.example.org", f"fresh-{role}-password"
    with app.app_context():
        create_user(email, password, role, name=f"Fresh {role.capitalize()} {new_account.n}")
        db.session.commit()
        db.session.remove()
    return email, password


new_account.n = 0


def sign_in(page, role: str, credentials: tuple[str, str] | None = None) -> None:
    email, password = credentials or login(role)
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    assert "/account/sign-in" not in page.url, page.locator("main").inner_text()


_AXE_RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' -> ' + n.failureSummary)}));
}"""


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG 2.2 AA violations axe-core finds on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(_AXE_RUN, WCAG_TAGS)
    return [v for v in found if v["impact"] in BLOCKING]


def assert_accessible(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {what} ({page.url}):\n" + json.dumps(violations, indent=2)


def focused_matches(page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab (and only Tab) until the element matching `selector` has focus."""
    for _ in range(limit):
        if focused_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never received focus after {limit} presses of Tab")


def query(app, statement):
    """Run a read against the live server's database (its own connection)."""
    from engage.extensions import db

    with app.app_context():
        try:
            return db.session.execute(statement).all()
        finally:
            db.session.remove()


def panel_reference(page) -> str:
    """The reference shown in a confirmation panel."""
    return page.locator(".govuk-panel__body strong").inner_text().strip()


def row(app, model, **where) -> dict | None:
    """One stored row of `model` matching `where`, as a dict of its columns."""
    stmt = sa.select(model.__table__)
    for column, value in where.items():
        stmt = stmt.where(getattr(model, column) == value)
    rows = query(app, stmt)
    assert len(rows) <= 1, f"{len(rows)} rows of {model.__name__} match {where}"
    return dict(rows[0]._mapping) if rows else None


def response_by_reference(app, reference: str) -> dict | None:
    """The stored response's columns as a dict, or None if nothing has that reference."""
    from engage.responses.models import Response

    rows = query(app, sa.select(Response.__table__).where(Response.reference == reference))
    return dict(rows[0]._mapping) if rows else None
