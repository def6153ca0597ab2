"""Exports of a filtered scope, built once as (headers, rows) and written by small
CSV, XLSX and JSON writers that stream, so a million rows never sit in memory."""

import csv
import io
import json
import tempfile
from collections.abc import Iterator

import sqlalchemy as sa
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from engage.analysis.schemas import ExportRowSchema
from engage.extensions import db
from engage.privacy import gate
from engage.responses.models import Response, ResponseTag
from engage.responses.queries import ResponseFilter
from engage.spreadsheets import safe_cell

CHUNK = 1000
# The text passes the output gate: a safeguarding disclosure is withheld (it is read in
# the audited safeguarding queue), every other text is the stored redacted copy.
WITHHELD = gate.WITHHELD
# The whitelist: nothing that identifies or contacts a person (no respondent id, email,
# name or phone; registrants' details never enter the response stream at all).
HEADERS = (
    "reference",
    "channel",
    "source_id",
    "submitted_at",
    "district",
    "postcode_district",
    "community_group",
    "consent_to_quote",
    "status",
    "safeguarding_flag",
    "labels",
    "corrected_labels",
    "text",
)
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


COLUMNS = (
    Response.reference,
    Response.channel,
    Response.source_id,
    Response.submitted_at,
    Response.district,
    Response.postcode_district,
    Response.community_group,
    Response.consent_to_quote,
    Response.status,
    Response.safeguarding_flag,
)


def iter_export_rows(
    flt: ResponseFilter, chunk: int = CHUNK, personal: bool = False
) -> Iterator[tuple]:
    """Every response in scope, oldest id first, as a tuple in HEADERS order, its text
    through the output gate (`personal`: unredacted, for the admin's audited export only).
    Keyset pagination keeps memory flat and holds no cursor open between chunks."""
    ready, raw = gate.export_text_columns(personal)
    finish = gate.finish_text
    last_id = 0
    while True:
        rows = db.session.execute(
            sa.select(Response.id, *COLUMNS, ready, raw)
            .where(*flt.where(), Response.id > last_id)
            .order_by(Response.id)
            .limit(chunk)
        ).all()
        if not rows:
            return
        tags = _tags_between(flt, last_id, rows[-1][0])
        for r in rows:
            labels = tags.get(r[0], ((), ()))
            yield (*r[1:-2], ";".join(labels[0]), ";".join(labels[1]), finish(r[-2], r[-1]))
        last_id = rows[-1][0]


def _tags_between(flt: ResponseFilter, after: int, last: int) -> dict[int, tuple[list, list]]:
    """response id -> (labels, labels an analyst added) for the chunk (after, last]."""
    out: dict[int, tuple[list, list]] = {}
    stmt = (
        sa.select(ResponseTag.response_id, ResponseTag.label, ResponseTag.source)
        .join(Response, Response.id == ResponseTag.response_id)
        .where(*flt.where(), Response.id > after, Response.id <= last)
        .order_by(ResponseTag.label)
    )
    for rid, label, source in db.session.execute(stmt).all():
        labels, corrected = out.setdefault(rid, ([], []))
        labels.append(label)
        if source == "human":
            corrected.append(label)
    return out


def as_dict(row: tuple) -> dict:
    out = dict(zip(HEADERS, row, strict=True))
    for key in ("labels", "corrected_labels"):
        out[key] = out[key].split(";") if out[key] else []
    return out


WHEN, TEXT = HEADERS.index("submitted_at"), HEADERS.index("text")


def _cells(row: tuple) -> list:
    """Spreadsheet-ready cells. Only the text is the public's own words (every other
    column is an id, a date or a fixed code), so only it needs formula quoting."""
    cells = list(row)
    cells[WHEN] = cells[WHEN].isoformat(timespec="seconds")
    cells[TEXT] = safe_cell(cells[TEXT])
    return cells


def stream_csv(rows: Iterator[tuple]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for n, row in enumerate(rows, 1):
        writer.writerow(_cells(row))
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def stream_json(rows: Iterator[tuple], scope: dict, total: int) -> Iterator[str]:
    schema = ExportRowSchema()
    yield '{"scope": ' + json.dumps(scope) + ', "total": ' + str(total) + ', "items": ['
    for n, row in enumerate(rows):
        yield ("," if n else "") + json.dumps(schema.dump(as_dict(row)))
    yield "]}"


def write_xlsx(rows: Iterator[tuple]) -> tempfile.SpooledTemporaryFile:
    """An XLSX in a temporary file (openpyxl write_only streams rows to disk)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Responses")
    ws.append(list(HEADERS))
    for row in rows:
        ws.append([_xlsx_value(v) for v in _cells(row)])
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(out)
    out.seek(0)
    return out


def _xlsx_value(value):
    # openpyxl rejects control characters that are legal in our text.
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
