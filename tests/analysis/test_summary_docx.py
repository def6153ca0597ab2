"""/analysis/summary.docx: the themed summary as an editable Word document, same filters."""

from io import BytesIO

import pytest
from docx import Document

from engage.audit.models import AuditEvent


@pytest.fixture
def analyst(db, create_user, sign_in):
    user = create_user("analyst")
    sign_in(user)
    return user


def _open(resp) -> Document:
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="consultation-summary.docx"' in resp.headers["Content-Disposition"]
    return Document(BytesIO(resp.data))


def test_docx_has_headings_chart_images_word_tables_and_respects_filters(client, db, analyst, create_tagged):
    create_tagged("Bikes on the rec every night, tearing up the grass, call 07700 900456",
                  ("asb",), consent_to_quote=True, district="mansfield")
    create_tagged("Speeding through the village by the primary school every morning",
                  ("road_safety",), consent_to_quote=True, district="gedling")
    doc = _open(client.get("/analysis/summary.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "What we heard: themed consultation summary"
    expected = {"At a glance", "Priority areas", "By plan objective", "Anti-social behaviour", "Road safety"}
    assert expected <= set(headings)
    assert len(doc.inline_shapes) == 4  # the four charts, as pictures
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    objectives = tables[-1]
    assert objectives[0] == ["Objective", "Responses", "Share"]
    assert [r[0] for r in objectives[1:]] == ["Preventing", "Responding", "Supporting"]
    areas = next(t for t in tables if t[0] == ["", "Responses", "Share"])
    assert sorted(r[0] for r in areas[1:]) == ["Anti-social behaviour", "Road safety"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Bikes on the rec every night" in text and "07700" not in text  # redacted quote
    filtered = _open(client.get("/analysis/summary.docx?district=gedling"))
    names = [p.text for p in filtered.paragraphs if p.style.name.startswith("Heading")]
    assert "Road safety" in names and "Anti-social behaviour" not in names
    actions = [a.action for a in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["summary.docx", "summary.docx"]


def test_docx_bad_filter_is_a_400_and_other_roles_are_refused(client, db, create_user, sign_in):
    sign_in(create_user("officer"))
    assert client.get("/analysis/summary.docx").status_code == 403
    client.post("/account/sign-out")
    sign_in(create_user("analyst"))
    assert client.get("/analysis/summary.docx?since=31-12-2026").status_code == 400
