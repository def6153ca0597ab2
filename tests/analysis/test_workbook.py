"""The analysts' XLSX workbook, opened with openpyxl as Excel would: a summary sheet,
readable names, real dates, 0/1 area columns, a sheet of quotes per area, filters and a
frozen header row; flagged text withheld and personal details redacted on every sheet."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from engage.analysis import workbook

PHONE = "07700 900789"
DISCLOSURE = "He hits me when he drinks and I am scared to go home"


@pytest.fixture
def seeded(create_tagged):
    create_tagged(f"Bikes on the rec every night, ring me on {PHONE}", ("asb", "youth_prevention"),
                  district="nottingham_city", channel="event", consent_to_quote=True,
                  submitted_at=datetime(2026, 6, 1, 18, 30))
    create_tagged('=HYPERLINK("http://evil") speeding', ("road_safety",), district="gedling",
                  submitted_at=datetime(2026, 6, 2, 9, 0))
    create_tagged(DISCLOSURE, ("vawg",), district="gedling", safeguarding_flag=True,
                  submitted_at=datetime(2026, 6, 3, 9, 0))


def _open(resp):
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    assert resp.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(resp.data))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _every_value(book) -> str:
    return "\n".join(str(v) for ws in book for row in _rows(ws) for v in row if v is not None)


def test_the_workbook_an_analyst_downloads(client, dummy_analyst, sign_in, db, seeded):
    from nlp.taxonomy import LABELS, label_name

    sign_in(dummy_analyst)
    book = _open(client.get("/analysis/export?format=xlsx"))
    assert book.sheetnames[:2] == ["Summary", "Responses"]
    assert set(book.sheetnames[2:]) == {ws.title for ws in book.worksheets[2:]}
    assert len(book.sheetnames) == 2 + len(LABELS)

    responses = book["Responses"]
    rows = _rows(responses)
    header = list(rows[0])
    assert header[:4] == ["Reference", "Channel", "Source ID", "Submitted (UTC)"]
    assert "Text" in header and "labels" not in header and "submitted_at" not in header
    assert header[-len(LABELS):] == [label_name(lb) for lb in LABELS]
    assert responses.freeze_panes == "A2"
    assert responses.auto_filter.ref == f"A1:{responses.cell(1, len(header)).column_letter}4"
    first = dict(zip(header, rows[1], strict=True))
    assert first["District"] == "Nottingham City" and first["Channel"] == "Meet the Commissioner"
    assert first["Priority areas"] == f"{label_name('asb')}; {label_name('youth_prevention')}"
    assert first["Consent to quote"] == "Yes"
    assert responses.cell(2, 4).is_date and first["Submitted (UTC)"] == datetime(2026, 6, 1, 18, 30)
    assert first[label_name("asb")] == 1 and first[label_name("road_safety")] == 0
    assert {r[header.index(label_name("asb"))] for r in rows[1:]} == {0, 1}
    second = dict(zip(header, rows[2], strict=True))
    assert second["Text"].startswith("'=HYPERLINK")  # never runs as a formula

    summary = _rows(book["Summary"])
    as_dict = {r[0]: r[1:] for r in summary if r and r[0]}
    assert as_dict["Responses"][0] == 3 and as_dict["Scope"][0] == "All responses"
    assert as_dict[label_name("asb")][0] == 1 and as_dict[label_name("vawg")][0] == 1
    assert as_dict["Preventing"][0] >= 1
    assert "first 1,000 texts" in as_dict["Sheets"][0]

    asb = book[label_name("asb")[:31]]
    quotes = _rows(asb)
    assert quotes[0] == workbook.QUOTE_HEADERS and asb.freeze_panes == "A2"
    assert asb.auto_filter.ref == "A1:F2" and asb.cell(2, 2).is_date
    assert len(quotes) == 2 and quotes[1][-1].startswith("Bikes on the rec")
    # The flagged disclosure is withheld, not quoted; the phone number is redacted everywhere.
    vawg = _rows(book[label_name("vawg")[:31]])
    assert len(vawg) == 1
    everything = _every_value(book)
    assert DISCLOSURE not in everything and PHONE not in everything and "900789" not in everything
    assert workbook.WITHHELD in everything


def test_the_api_export_is_the_same_workbook_and_scoped(client, dummy_analyst, bearer, db, seeded):
    book = _open(client.get("/api/v1/export?format=xlsx&district=gedling",
                            headers=bearer(dummy_analyst)))
    summary = {r[0]: r[1:] for r in _rows(book["Summary"]) if r and r[0]}
    assert summary["Scope"][0] == "District: Gedling" and summary["Responses"][0] == 2
    assert [r[4] for r in _rows(book["Responses"])[1:]] == ["Gedling", "Gedling"]
    everything = _every_value(book)
    assert DISCLOSURE not in everything and "900789" not in everything


def test_area_sheets_are_capped_and_the_summary_says_so(
    client, dummy_analyst, sign_in, db, create_tagged, monkeypatch
):
    from nlp.taxonomy import label_name

    monkeypatch.setattr(workbook, "QUOTES_PER_AREA", 2)
    for i in range(3):
        create_tagged(f"Bikes on the rec, night {i}", ("asb",))
    sign_in(dummy_analyst)
    book = _open(client.get("/analysis/export?format=xlsx"))
    assert len(_rows(book[label_name("asb")[:31]])) == 1 + 2
    assert len(_rows(book["Responses"])) == 1 + 3
    summary = {r[0]: r[1:] for r in _rows(book["Summary"]) if r and r[0]}
    assert summary["Capped at 2"][0] == label_name("asb")


def test_personal_export_workbook_is_unredacted_but_still_withholds(
    client, dummy_admin, sign_in, db, seeded
):
    sign_in(dummy_admin)
    book = _open(client.post("/admin/privacy/personal-export",
                             data={"reason": "Subject access request 42", "format": "xlsx"}))
    everything = _every_value(book)
    assert PHONE in everything and DISCLOSURE not in everything
    summary = {r[0]: r[1:] for r in _rows(book["Summary"]) if r and r[0]}
    assert summary["Text"][0].startswith("Unredacted")
