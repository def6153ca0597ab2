"""The themed summary PDF is tagged for accessibility (PDF/UA-1): marked content, a
structure tree, the document's language and its title shown in the reader's title bar."""

import io

import pytest


@pytest.fixture
def analyst(dummy_analyst, sign_in):
    return sign_in(dummy_analyst)


def test_summary_pdf_is_tagged_pdf_ua(client, analyst, create_tagged):
    from pypdf import PdfReader

    create_tagged("Bikes on the rec every night, tearing up the grass", ("asb",),
                  consent_to_quote=True, district="mansfield")
    resp = client.get("/analysis/summary/report.pdf")
    assert resp.status_code == 200
    root = PdfReader(io.BytesIO(resp.data)).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    tree = root["/StructTreeRoot"].get_object()
    assert tree.get("/K"), "the structure tree has content"
    assert str(root.get("/Lang", "")).lower().startswith("en")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp, "the XMP metadata declares PDF/UA"
