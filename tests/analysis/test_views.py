import re
from datetime import datetime

import pytest

from engage.audit.models import AuditEvent

PAGES = [
    "/analysis/",
    "/analysis/responses",
    "/analysis/summary",
    "/analysis/differences",
    "/analysis/representation",
]


@pytest.fixture
def analyst(dummy_analyst, sign_in):
    return sign_in(dummy_analyst)


def _no_inline_script_or_style(html: str) -> None:
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_inline_styles_or_scripts(client, analyst, create_tagged, path):
    create_tagged(
        "Bikes on the rec", ("asb",), district="gedling", submitted_at=datetime(2026, 5, 3)
    )
    resp = client.get(path)
    assert resp.status_code == 200
    _no_inline_script_or_style(resp.get_data(as_text=True))


def test_dashboard_charts_are_svg_with_tables_and_link_to_the_responses(
    client, analyst, create_tagged
):
    create_tagged(
        "Bikes on the rec",
        ("asb",),
        district="gedling",
        channel="event",
        submitted_at=datetime(2026, 5, 3),
    )
    create_tagged(
        "Speeding", ("road_safety",), district="gedling", submitted_at=datetime(2026, 6, 3)
    )
    html = client.get("/analysis/?district=gedling").get_data(as_text=True)
    for title in ("by priority area", "by plan objective", "by channel", "by district", "by month"):
        assert f"Responses {title}" in html
    assert html.count("<svg") == 5 and html.count("<table") == 5
    assert 'href="/analysis/responses?district=gedling&amp;label=asb"' in html
    assert (
        'href="/analysis/responses?district=gedling&amp;since=2026-05-01&amp;until=2026-05-31"'
        in html
    )
    assert 'href="/analysis/responses?district=gedling&amp;objective=' in html


def test_browsing_highlights_evidence_and_escapes_the_text(client, analyst, create_tagged):
    text = "<b>bold</b> lads dealing drugs by the shops"
    start = text.index("dealing drugs")
    create_tagged(
        text,
        ("drugs",),
        evidence={"drugs": [{"start": start, "end": start + 13, "text": "dealing drugs"}]},
    )
    html = client.get("/analysis/responses").get_data(as_text=True)
    assert "&lt;b&gt;bold&lt;/b&gt; lads " in html and "<b>bold</b>" not in html
    assert re.search(r'<mark class="engage-evidence"[^>]*>dealing drugs</mark> by the shops', html)
    assert "1 response:" in html


def test_filtering_counts_and_pages(client, analyst, create_tagged):
    for i in range(30):
        create_tagged(f"Speeding number {i}", ("road_safety",), district="rushcliffe")
    create_tagged("Elsewhere", ("asb",), district="ashfield")
    html = client.get("/analysis/responses?district=rushcliffe&label=road_safety").get_data(
        as_text=True
    )
    assert "30 responses:" in html and "Page 1 of 2" in html and "Elsewhere" not in html
    assert "page=2" in html
    assert "Page 2 of 2" in client.get("/analysis/responses?district=rushcliffe&page=2").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "query, message",
    [
        ("label=knitting", "Unknown priority area"),
        ("district=Leeds", "Unknown district"),
        ("since=2026-05-02&until=2026-05-01", "until must be on or after since"),
        ("since=yesterday", "Not a valid date"),
        ("event_id=999999", "There is no event with id 999999"),
        ("equality=sex:sometimes", "Unknown answer"),
        ("objective=Pretending", "Unknown objective"),
        ("label_source=robot", "Must be one of"),
    ],
)
def test_bad_filters_explain_themselves_with_a_400(client, analyst, query, message):
    for path in PAGES:
        resp = client.get(f"{path}?{query}")
        assert resp.status_code == 400, (path, query)
        html = resp.get_data(as_text=True)
        assert "There is a problem with the filters" in html and message in html
        assert "<title>Error: " in html


def test_huge_and_silly_pages_are_400(client, analyst):
    for page in ("0", "-1", "100001", "99999999999999999999", "x"):
        assert client.get(f"/analysis/responses?page={page}").status_code == 400


def test_correcting_tags_in_place(client, analyst, dummy_analyst, create_tagged):
    r = create_tagged("Cars racing and a knife pulled on my son", ("road_safety",))
    back = "/analysis/responses?label=road_safety"
    resp = client.post(
        f"/analysis/responses/{r.id}/tags",
        data={"labels": ["road_safety", "serious_violence"], "next": back},
    )
    assert resp.status_code == 302 and resp.headers["Location"] == back
    page = client.get(back).get_data(as_text=True)
    assert "added Serious violence" in page
    client.application.extensions["sqlalchemy"].session.expire_all()
    tags = {t.label: t for t in r.tags}
    assert set(tags) == {"road_safety", "serious_violence"}
    assert (
        tags["serious_violence"].source == "human"
        and tags["serious_violence"].created_by_id == dummy_analyst.id
    )
    corrected = client.get(
        "/analysis/responses?label=serious_violence&label_source=human"
    ).get_data(as_text=True)
    assert r.reference in corrected


def test_correction_needs_a_label_and_ignores_offsite_next(client, analyst, create_tagged):
    r = create_tagged("Bikes", ("asb",))
    resp = client.post(f"/analysis/responses/{r.id}/tags", data={})
    assert resp.status_code == 400 and "Choose at least one priority area" in resp.get_data(
        as_text=True
    )
    assert (
        client.post(f"/analysis/responses/{r.id}/tags", data={"labels": "knitting"}).status_code
        == 400
    )
    resp = client.post(
        f"/analysis/responses/{r.id}/tags", data={"labels": "asb", "next": "https://evil.example"}
    )
    assert resp.headers["Location"] == f"/analysis/responses/{r.id}"
    assert client.post("/analysis/responses/999999/tags", data={"labels": "asb"}).status_code == 404


def test_exports_from_the_page_are_audited(client, analyst, db, create_tagged):
    create_tagged("Bikes", ("asb",), district="gedling")
    resp = client.get("/analysis/export?format=csv&district=gedling")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    assert resp.get_data(as_text=True).count("\n") == 2
    event = db.session.scalars(db.select(AuditEvent)).one()
    assert (event.action, event.scope, event.rows) == ("export.csv", {"district": "gedling"}, 1)
    assert client.get("/analysis/export?format=docx").status_code == 400
    assert client.get("/analysis/export?format=csv&label=knitting").status_code == 400


def test_printable_report_and_pdf_carry_svg_charts(client, analyst, db, create_tagged):
    from weasyprint import HTML

    from engage.analysis.report import render_report_html
    from engage.responses.queries import ResponseFilter

    create_tagged(
        "Bikes on the rec every night, tearing up the grass",
        ("asb",),
        consent_to_quote=True,
        district="mansfield",
    )
    html = client.get("/analysis/summary/report").get_data(as_text=True)
    assert (
        html.count("<svg") == 4
        and "Anti-social behaviour" in html
        and "Bikes on the rec every night, tearing" in html
    )
    _no_inline_script_or_style(html)
    pdf = client.get("/analysis/summary/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    with client.application.test_request_context():
        doc = HTML(string=render_report_html(ResponseFilter(), for_pdf=True)).render()
    svgs = [
        b
        for page in doc.pages
        for b in _boxes(page._page_box)
        if type(getattr(b, "replacement", None)).__name__ == "SVGImage"
    ]
    assert len(svgs) == 4
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["summary.html", "summary.pdf"]


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


@pytest.mark.parametrize("role", ["resident", "partner", "officer"])
def test_nobody_else_gets_in(client, create_user, sign_in, role):
    sign_in(create_user(role))
    for path in PAGES + ["/analysis/export?format=csv", "/analysis/summary/report.pdf"]:
        assert client.get(path).status_code == 403, path


def test_one_response_shows_why_each_area_and_the_correction_form(client, analyst, create_tagged):
    text = "Knife crime near the school gates"
    r = create_tagged(
        text,
        ("serious_violence",),
        evidence={"serious_violence": [{"start": 0, "end": 11, "text": "Knife crime"}]},
        district="nottingham_city",
    )
    html = client.get(f"/analysis/responses/{r.id}").get_data(as_text=True)
    assert '<mark class="engage-evidence" title="Evidence for Serious violence' in html
    assert 'value="serious_violence" checked' in html and "Nottingham City" in html
    assert client.get("/analysis/responses/999999").status_code == 404


def test_summary_page_offers_needs_assessment_years_and_exports(client, analyst, create_tagged):
    create_tagged("Bikes", ("asb",))
    html = client.get("/analysis/summary?district=gedling").get_data(as_text=True)
    assert re.search(r'href="/analysis/summary\?since=20\d\d-04-01&amp;until=20\d\d-03-31"', html)
    assert 'href="/analysis/export?district=gedling&amp;format=xlsx"' in html
    assert 'href="/analysis/summary/report.pdf?district=gedling"' in html


def test_flagged_text_is_withheld_from_the_workspace(client, analyst, create_tagged):
    r = create_tagged(
        "He hits me when he drinks and I am scared to go home",
        ("vawg",),
        safeguarding_flag=True,
        evidence={"vawg": [{"start": 0, "end": 7, "text": "He hits"}]},
    )
    for path in ("/analysis/responses", f"/analysis/responses/{r.id}"):
        html = client.get(path).get_data(as_text=True)
        assert "The text is withheld here" in html
        assert "scared to go home" not in html and "He hits" not in html
