"""Exports of a filtered scope, built once as (headers, rows) and written by small
CSV, XLSX and JSON writers that stream, so a million rows never sit in memory."""

import csv
import io
import json
import tempfile
from collections.abc import Iterator

import sqlalchemy as sa

from engage.analysis.schemas import ExportRowSchema
from engage.extensions import db
from engage.responses.models import Response, ResponseTag
from engage.responses.queries import ResponseFilter

CHUNK = 1000
# The whitelist: nothing that identifies or contacts a person (no respondent id, email,
# name or phone; registrants' details never enter the response stream at all).
HEADERS = ("reference", "channel", "source_id", "submitted_at", "district", "postcode_district",
           "community_group", "consent_to_quote", "status", "safeguarding_flag", "labels",
           "corrected_labels", "text")
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "json": "application/json"}


def iter_export_rows(flt: ResponseFilter, chunk: int = CHUNK) -> Iterator[dict]:
    """Every response in scope, oldest id first, as a whitelisted dict. Keyset
    pagination keeps memory flat and holds no cursor open between chunks."""
    columns = [Response.id, Response.reference, Response.channel, Response.source_id,
               Response.submitted_at, Response.district, Response.postcode_district,
               Response.community_group, Response.consent_to_quote, Response.status,
               Response.safeguarding_flag, Response.text]
    last_id = 0
    while True:
        rows = db.session.execute(sa.select(*columns).where(*flt.where(), Response.id > last_id)
                                  .order_by(Response.id).limit(chunk)).all()
        if not rows:
            return
        tags = _tags_for([r.id for r in rows])
        for r in rows:
            yield _row(r, tags.get(r.id, []))
        last_id = rows[-1].id
        db.session.expire_all()


def _tags_for(ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list] = {}
    stmt = (sa.select(ResponseTag.response_id, ResponseTag.label, ResponseTag.source)
            .where(ResponseTag.response_id.in_(ids)).order_by(ResponseTag.label))
    for rid, label, source in db.session.execute(stmt).all():
        out.setdefault(rid, []).append((label, source))
    return out


def _row(r, tags: list[tuple[str, str]]) -> dict:
    return {"reference": r.reference, "channel": r.channel, "source_id": r.source_id,
            "submitted_at": r.submitted_at, "district": r.district,
            "postcode_district": r.postcode_district, "community_group": r.community_group,
            "consent_to_quote": r.consent_to_quote, "status": r.status,
            "safeguarding_flag": r.safeguarding_flag, "labels": [lb for lb, _ in tags],
            "corrected_labels": [lb for lb, src in tags if src == "human"], "text": r.text}


def _cells(row: dict) -> list:
    out = []
    for key in HEADERS:
        value = row[key]
        if isinstance(value, list):
            value = ";".join(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat(timespec="seconds")
        out.append(_safe_cell(value))
    return out


def _safe_cell(value):
    """Spreadsheets run text starting = + - @ as a formula: quote it (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def stream_csv(rows: Iterator[dict]) -> Iterator[str]:
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


def stream_json(rows: Iterator[dict], scope: dict, total: int) -> Iterator[str]:
    schema = ExportRowSchema()
    yield '{"scope": ' + json.dumps(scope) + ', "total": ' + str(total) + ', "items": ['
    for n, row in enumerate(rows):
        yield ("," if n else "") + json.dumps(schema.dump(row))
    yield "]}"


def write_xlsx(rows: Iterator[dict]) -> tempfile.SpooledTemporaryFile:
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
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
