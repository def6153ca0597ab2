"""The output gate itself: the stored redaction kept in step with the text, evidence moved
onto the redacted text, and the one audited way round it (the personal-data export)."""

import csv
import io

import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.privacy import gate
from engage.responses.models import Response

TEXT = "Burglars on our road again. Ring 07700 900123 or email jo@example.com please."
DISCLOSURE = "My husband hits me every night and I am scared to go home tonight"


def test_redacted_copy_is_stored_and_follows_every_change(db, create_response):
    r = create_response(TEXT)
    assert "07700 900123" not in r.text_redacted and "[phone]" in r.text_redacted
    stored = db.session.scalar(sa.select(Response.text_redacted).where(Response.id == r.id))
    assert stored == r.text_redacted
    r.text = "Now call 0115 496 0000"
    assert "0115 496 0000" not in r.text_redacted


def test_flagged_text_is_withheld_and_its_evidence_dropped(db, create_tagged):
    flagged = create_tagged(DISCLOSURE, labels=("vawg",), safeguarding_flag=True,
                            evidence={"vawg": [{"start": 3, "end": 10, "text": "husband"}]})
    assert gate.response_text(flagged) == gate.WITHHELD
    assert gate.gated_evidence(flagged) == {"vawg": []}


def test_evidence_is_moved_onto_the_redacted_text(db, create_tagged):
    r = create_tagged(TEXT, labels=("neighbourhood_crime",),
                      evidence={"neighbourhood_crime": [{"start": 0, "end": 8, "text": "Burglars"}]})
    shown = gate.response_text(r)
    (span,) = gate.gated_evidence(r)["neighbourhood_crime"]
    assert shown[span["start"]:span["end"]] == "Burglars" == span["text"]


def test_backfill_fills_rows_stored_before_the_column(db, create_response, runner):
    r = create_response(TEXT)
    db.session.execute(sa.update(Response).values(text_redacted=None))
    db.session.commit()
    result = runner.invoke(args=["privacy", "redact-texts"])
    assert result.exit_code == 0 and "1 response" in result.output
    db.session.expire_all()
    assert "[phone]" in db.session.get(Response, r.id).text_redacted
    # Until it has run, exports redact those rows on the fly.
    db.session.execute(sa.update(Response).values(text_redacted=None))
    from engage.analysis.exports import iter_export_rows
    from engage.responses.queries import ResponseFilter

    (row,) = iter_export_rows(ResponseFilter())
    assert "07700" not in row[-1] and "[phone]" in row[-1]


def test_personal_data_export_needs_an_admin_and_a_reason_and_is_audited(
    client, db, create_response, dummy_admin, dummy_analyst, sign_in
):
    create_response(TEXT)
    create_response(DISCLOSURE)
    sign_in(dummy_analyst)
    assert client.post("/admin/privacy/personal-export", data={"reason": "x" * 20}).status_code == 403
    client.post("/account/sign-out")
    sign_in(dummy_admin)
    page = client.post("/admin/privacy/personal-export", data={"format": "csv"})
    assert page.status_code == 400 and "Enter the reason" in page.get_data(as_text=True)
    reason = "Subject's complaint ref C-1234 needs their own words"
    resp = client.post("/admin/privacy/personal-export", data={"reason": reason, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    texts = sorted(r["text"] for r in rows)
    assert texts == sorted([TEXT, gate.WITHHELD])
    event = db.session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.action == "privacy.personal_export.csv" and event.detail == reason
    assert event.rows == 2


def test_evidence_is_moved_in_the_longest_texts_and_dropped_inside_a_detail(db, create_tagged):
    block = "Bikes on the rec again, ring 07700 900123 or jo@example.com. Sarah Jones saw them. "
    text = (block * 120)[:10_000]
    last = text.rindex("Bikes")
    phone = text.index("07700")
    r = create_tagged(text, labels=("asb",), evidence={"asb": [
        {"start": last, "end": last + 5, "text": "Bikes"},
        {"start": phone, "end": phone + 5, "text": "07700"}]})
    shown = gate.response_text(r)
    (span,) = gate.gated_evidence(r)["asb"]
    assert span["text"] == "Bikes" == shown[span["start"]:span["end"]]
    assert span["start"] == shown.rindex("Bikes")
