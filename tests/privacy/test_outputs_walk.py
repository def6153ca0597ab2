"""Nothing personal and nothing flagged leaves: seed the same personal details and a
flagged disclosure through every channel, then walk every GET route in the URL map as
every role (downloads in every format) and look for them raw. Only the audited
safeguarding queue may show the disclosure."""

import io
import re
import zipfile
from datetime import timedelta

import pytest

from engage.accounts import services as accounts
from engage.accounts.roles import Role
from engage.db import utcnow
from engage.events import services as events
from engage.extensions import db as _db
from engage.responses.services import create_response
from engage.summit import services as summit_services
from engage.voices import services as voices
from tests.conftest import _empty_tables
from tests.fixtures.events import event_data
from tests.fixtures.summit import GOOD_SUBMISSION
from tests.fixtures.surveys import build_survey
from tests.fixtures.users import PASSWORD
from tests.fixtures.voices import good_voices

PERSONAL = {
    "name": "Sarah Jones",
    "phone": "07700 900123",
    "email": "sarah.jones@example.com",
    "postcode": "NG5 1AB",
    "address": "14 Acacia Avenue",
    "vehicle": "AB12 CDE",
}
TEXT = (
    "Sarah Jones saw the burglars again on our road last night. Ring 07700 900123 or "
    "email sarah.jones@example.com, we are at 14 Acacia Avenue, NG5 1AB. Their van "
    "AB12 CDE is parked up most evenings."
)
DISCLOSURE = "My husband hits me every night and I am scared to go home tonight"
FORMATS = {
    "/analysis/export": ["format=csv", "format=xlsx", "format=json"],
    "/api/v1/export": ["format=csv", "format=xlsx", "format=json"],
}
# The one place flagged text may be read; every read there is audited (checked below).
QUEUE = re.compile(r"^/staff/safeguarding/\d+$")


def _seed(app) -> dict:
    """Every channel carries TEXT and DISCLOSURE; returns the ids the URL map needs."""
    users = {r.value: accounts.create_user(f"walk-{r.value}@example.org", PASSWORD, r)
             for r in Role}
    writer = accounts.create_user("writer@example.org", PASSWORD, Role.resident)
    event = events.create_event(event_data(), publish=True)
    events.give_event_view(event, TEXT, consent_to_quote=True, respondent=writer,
                           about_you={"religion": "buddhist", "sex": "female"})
    events.give_event_view(event, DISCLOSURE, consent_to_quote=True)
    plain = create_response("direct", TEXT, consent_to_quote=True)
    flagged = create_response("direct", DISCLOSURE, consent_to_quote=True)
    survey = build_survey(_db)
    from engage.surveys.responding import submit_survey_response

    qs = survey.questions
    for text in (TEXT, DISCLOSURE):
        submit_survey_response(survey, {
            str(qs[0].id): "agree", str(qs[1].id): "yes", str(qs[3].id): text,
            str(qs[4].id): {"choices": ["other"], "other": text}}, {}, consent_to_quote=True)
    now = utcnow()
    summit = summit_services.create_summit({
        "title": "", "held_on": (now + timedelta(days=60)).date(), "venue": "Newark",
        "window_opens_at": now - timedelta(days=1), "window_closes_at": now + timedelta(days=9),
        "themes": [], "progress_report": ""})
    for text in (TEXT, DISCLOSURE):
        summit_services.submit_to_summit(summit, GOOD_SUBMISSION | {
            "text": text, "consent_to_quote": True})
    org = voices.apply_for_partnership(
        {"name": "Forest Fields Voices", "description": "Residents' group.",
         "communities": ["young_people"]}, users["partner"])
    voices.decide_partner(org, "verify", users["officer"])
    voices.submit_voices(users["partner"], good_voices(views=[TEXT, DISCLOSURE]))
    _db.session.commit()
    assert flagged.safeguarding_flag, "the disclosure must be flagged for this test to mean anything"
    from engage.safeguarding.services import case_for

    return {
        "users": users, "event_id": event.id, "survey_id": survey.id, "summit_id": summit.id,
        "response_id": [plain.id, flagged.id], "case_id": case_for(flagged).id, "partner_id": org.id,
        "user_id": users["resident"].id, "number": 1, "section_id": survey.sections[0].id,
        "question_id": qs[0].id,
    }


def _urls(app, ids: dict) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        args = set(rule.arguments) - set(rule.defaults or {})
        if any(arg not in ids for arg in args):
            continue
        paths = [rule.rule]
        for arg in args:
            values = ids[arg] if isinstance(ids[arg], list) else [ids[arg]]
            paths = [re.sub(rf"<(?:[a-z]+:)?{arg}>", str(v), p) for p in paths for v in values]
        for path in paths:
            urls += [f"{path}?{q}" for q in FORMATS[path]] if path in FORMATS else [path]
    return urls


def _body(resp) -> str:
    """The text a person would read in it: spreadsheets unzipped, everything else decoded."""
    data = resp.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                             if n.endswith(".xml"))
    return data.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def walked(app):
    """{role: {url: body}} for every GET route as every role, plus the seeded ids."""
    with app.app_context():
        try:
            ids = _seed(app)
            bodies = {}
            for role in ["anonymous"] + [r.value for r in Role]:
                client = app.test_client()
                if role != "anonymous":
                    client.post("/account/sign-in",
                                data={"email": ids["users"][role].email, "password": PASSWORD})
                bodies[role] = {}
                for url in _urls(app, ids):
                    resp = client.get(url)
                    if resp.status_code == 200:
                        bodies[role][url] = _body(resp)
            from engage.audit.models import AuditEvent

            actions = [e.action for e in _db.session.scalars(_db.select(AuditEvent))]
            yield {"bodies": bodies, "ids": ids, "actions": actions}
        finally:
            _db.session.remove()
            _empty_tables()


def _leaks(walked, needle: str) -> list[str]:
    low = needle.lower()
    return [f"{role} {url}" for role, pages in walked["bodies"].items()
            for url, body in pages.items()
            if low in body.lower() and not QUEUE.match(url.split("?")[0])]


def test_the_walk_reached_the_outputs(walked):
    analyst = walked["bodies"]["analyst"]
    assert any(u.startswith("/analysis/export?format=") for u in analyst)
    assert any(u.startswith("/api/v1/export?format=") for u in analyst)
    officer = walked["bodies"]["officer"]
    for path in ("/staff/responses", "/voices/feedback", "/staff/surveys/{survey_id}/export.csv",
                 "/summit/manage/{summit_id}/pack", "/summit/manage/{summit_id}/submissions.csv"):
        assert path.format(**walked["ids"]) in officer
    # The redacted text did leave (so the checks below are not vacuous) ...
    assert "[phone]" in analyst["/analysis/export?format=csv"]
    assert "[withheld]" in analyst["/analysis/export?format=csv"]
    # ... and the queue shows the disclosure to officers, audited.
    case_url = f"/staff/safeguarding/{walked['ids']['case_id']}"
    assert DISCLOSURE in officer[case_url]
    assert "safeguarding.read" in walked["actions"] or any(
        a.startswith("safeguarding") for a in walked["actions"])


@pytest.mark.parametrize("kind", [
    "name",
    "phone", "email", "postcode", "address",
    "vehicle",
])
def test_no_personal_detail_leaves_raw(walked, kind):
    leaks = _leaks(walked, PERSONAL[kind])
    assert not leaks, f"{PERSONAL[kind]!r} raw in:\n" + "\n".join(leaks)


def test_no_flagged_disclosure_leaves_the_queue(walked):
    leaks = _leaks(walked, "scared to go home")
    assert not leaks, "flagged text outside the safeguarding queue:\n" + "\n".join(leaks)


def test_every_read_of_personal_data_was_audited(walked):
    for action in ("responses.list", "responses.read", "summit.pack", "summit.submissions",
                   "summit.submissions_csv", "surveys.export", "voices.feedback",
                   "outbox.read", "corrections.download", "export.csv", "voices.partner.read",
                   "summit.pack_csv", "events.attendees.csv"):
        assert action in walked["actions"], action
