import csv
import io
import json
import types

import sqlalchemy as sa
from openpyxl import load_workbook

from engage.analysis import exports
from engage.analysis.services import export_body, start_export
from engage.analysis.workbook import COLUMN_NAMES
from engage.audit.models import AuditEvent
from engage.responses.queries import ResponseFilter


def _body(flt, fmt, actor=None):
    started = start_export(actor, flt, fmt)
    return started, export_body(started, flt)


def test_rows_stream_in_chunks_and_cover_the_scope(db, create_tagged):
    made = [
        create_tagged(f"Bikes on the rec, night {i}", ("asb",), district="gedling")
        for i in range(5)
    ]
    create_tagged("Elsewhere", ("asb",), district="ashfield")
    rows = exports.iter_export_rows(ResponseFilter(district="gedling"), chunk=2)
    assert isinstance(rows, types.GeneratorType)
    assert [row[0] for row in rows] == [r.reference for r in made]


def test_csv_is_streamed_whitelisted_and_safe_for_spreadsheets(
    db, dummy_analyst, create_tagged, create_user
):
    resident = create_user("resident", "someone@example.org")
    create_tagged(
        '=HYPERLINK("http://evil") bikes', ("asb",), respondent=resident, postcode="NG5 1AA"
    )
    started, body = _body(ResponseFilter(), "csv", dummy_analyst)
    assert isinstance(body, types.GeneratorType)
    text = "".join(body)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(exports.HEADERS)
    assert rows[0]["text"].startswith("'=HYPERLINK") and rows[0]["postcode_district"] == "NG5"
    assert "someone@example.org" not in text and str(resident.id) not in rows[0].values()
    assert started.rows == 1


def test_xlsx_opens_with_the_same_columns(db, create_tagged):
    create_tagged("Speeding on the A60", ("road_safety",), district="mansfield")
    _, body = _body(ResponseFilter(), "xlsx")
    sheet = load_workbook(body, read_only=True)["Responses"]
    values = list(sheet.iter_rows(values_only=True))
    body.close()
    # The same fields, named for people (the analysts' workbook: tests/analysis/test_workbook.py).
    assert values[0][: len(exports.HEADERS)] == tuple(COLUMN_NAMES[h] for h in exports.HEADERS)
    assert values[1][exports.HEADERS.index("labels")] == "Road safety"


def test_json_items_are_whitelisted(db, create_tagged, create_user):
    create_tagged("Scam calls to my mum", ("fraud_cyber",), respondent=create_user("resident"))
    started, body = _body(ResponseFilter(label="fraud_cyber"), "json")
    data = json.loads("".join(body))
    assert data["total"] == 1 and data["scope"] == {"label": "fraud_cyber"}
    assert set(data["items"][0]) == set(exports.HEADERS)


def test_every_export_is_audited_with_its_scope_and_rows(db, dummy_analyst, create_tagged):
    create_tagged("Bikes", ("asb",), district="gedling")
    create_tagged("Bikes again", ("asb",), district="gedling")
    start_export(dummy_analyst, ResponseFilter(district="gedling"), "csv")
    event = db.session.scalars(db.select(AuditEvent)).one()
    assert (event.action, event.scope, event.rows, event.actor_id) == (
        "export.csv",
        {"district": "gedling"},
        2,
        dummy_analyst.id,
    )


def test_safeguarding_disclosures_never_leave_in_an_export(db, create_tagged):
    create_tagged(
        "He hits me when he drinks and I am scared to go home", ("vawg",), safeguarding_flag=True
    )
    create_tagged("Spiking in town centre bars", ("vawg",))
    _, body = _body(ResponseFilter(), "csv")
    rows = list(csv.DictReader(io.StringIO("".join(body))))
    assert [r["text"] for r in rows] == [exports.WITHHELD, "Spiking in town centre bars"]
    assert rows[0]["labels"] == "vawg" and rows[0]["safeguarding_flag"] == "True"


def test_xlsx_survives_control_characters(db, create_tagged):
    response = create_tagged("Bikes\x0b on the rec", ("asb",))
    response.text = "Bikes\x0b on the rec"  # stored as given, bypassing the cleaner
    db.session.commit()
    _, body = _body(ResponseFilter(), "xlsx")
    sheet = load_workbook(body, read_only=True)["Responses"]
    assert list(sheet.iter_rows(values_only=True))[1][exports.TEXT] == "Bikes on the rec"
    body.close()


def test_a_download_stopped_halfway_closes_its_cursor_and_keeps_the_audit(
    db, dummy_analyst, create_tagged
):
    for i in range(7):
        create_tagged(f"Bikes on the rec, night {i}", ("asb",))
    started = start_export(dummy_analyst, ResponseFilter(), "csv")
    db.session.commit()
    body = exports.stream_csv(exports.iter_export_chunks(ResponseFilter(), chunk=2, csv_ready=True))
    assert next(body).startswith("reference,")  # the headers
    assert next(body).count("\n") == 2  # the first chunk of rows
    body.close()  # the client hung up: the generator is closed mid-stream
    # The connection is usable at once (no cursor left open on it), and the export's
    # audit record, committed before the first byte, is there exactly once.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "export.csv")) == 1
    db.session.remove()
    assert db.engine.pool.checkedout() == 0
    assert started.rows == 7


def test_postgresql_writes_the_same_csv_itself(db, create_tagged, create_user):
    """On PostgreSQL the CSV comes from COPY; parsed, it is the Python writer's CSV row for
    row (gate, formula quoting, booleans, empty fields). SQLite keeps the Python writer."""
    create_tagged('=HYPERLINK("http://evil") bikes, "quoted"\nand a new line', ("asb", "drugs"),
                  postcode="NG5 1AA", respondent=create_user("resident"))
    create_tagged("Call me on 07700 900123 about the bikes", ("asb",), district="gedling")
    create_tagged("He hits me when he drinks", ("vawg",), safeguarding_flag=True)
    copied = exports.copy_csv(ResponseFilter())
    if db.engine.dialect.name != "postgresql":
        assert copied is None
        return
    by_python = "".join(exports.stream_csv(exports.iter_export_chunks(ResponseFilter(), csv_ready=True)))
    by_copy = "".join(copied)
    assert list(csv.reader(io.StringIO(by_copy))) == list(csv.reader(io.StringIO(by_python)))
    rows = list(csv.DictReader(io.StringIO(by_copy)))
    assert rows[0]["text"].startswith("'=HYPERLINK") and rows[0]["labels"] == "asb;drugs"
    assert "07700" not in by_copy and rows[2]["text"] == exports.WITHHELD
    assert rows[2]["safeguarding_flag"] == "True" and rows[1]["community_group"] == ""


def test_a_copy_stopped_halfway_leaves_the_connection_usable(db, create_tagged):
    for i in range(300):
        create_tagged(f"Bikes on the rec, night {i} " + "and again " * 20, ("asb",))
    copied = exports.copy_csv(ResponseFilter(), size=1024)
    if copied is None:
        return  # SQLite: see the test above
    assert next(copied).startswith("reference,")
    assert next(copied)
    copied.close()  # the client hung up mid-COPY
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(exports.Response)) == 300
    db.session.remove()
    assert db.engine.pool.checkedout() == 0
