"""Exports of a filtered scope, built once as (headers, rows) and written by small
CSV, XLSX and JSON writers that stream, so a million rows never sit in memory."""

import codecs
import csv
import io
import json
import tempfile
from collections.abc import Iterator

import sqlalchemy as sa
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from engage.analysis.reads import analysis_connection
from engage.analysis.schemas import ExportRowSchema
from engage.privacy import gate
from engage.responses.models import Response, ResponseTag
from engage.responses.queries import ResponseFilter
from engage.spreadsheets import FORMULA_START, safe_cell

CHUNK = 2000
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


def _labels(dialect: str, source: str | None = None):
    """One response's labels, ';'-joined in label order (an analyst's only, with `source`)."""
    label = ResponseTag.label
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        agg = sa.func.string_agg(label, aggregate_order_by(sa.literal_column("';'"), label))
        return agg.filter(ResponseTag.source == source) if source else agg
    # SQLite concatenates in the order rows arrive: the (response_id, label) index's.
    value = sa.case((ResponseTag.source == source, label)) if source else label
    return sa.func.group_concat(value, ";")


def _csv_ready(dialect: str, text) -> tuple:
    """submitted_at as ISO 8601 text and `text` formula-quoted, by the database, so the
    CSV writer takes rows as they come (no Python per row)."""
    if dialect == "postgresql":
        when = sa.func.to_char(Response.submitted_at, 'YYYY-MM-DD"T"HH24:MI:SS')
    else:
        when = sa.func.strftime("%Y-%m-%dT%H:%M:%S", Response.submitted_at)
    first = sa.func.substr(text, 1, 1)
    quoted = sa.case((first.in_([sa.literal(c) for c in FORMULA_START]), sa.literal("'") + text),
                     else_=text)
    return when, quoted


def _as_copied(name: str, column):
    """A column as PostgreSQL's COPY should print it so the CSV reads as csv.writer's:
    booleans True/False, and an empty string as an empty field (not "")."""
    if name in ("consent_to_quote", "safeguarding_flag"):
        return sa.case((column.is_(True), "True"), (column.is_(False), "False"))
    if name == "source_id":
        return column
    return sa.func.nullif(column, "")


def export_statement(flt: ResponseFilter, dialect: str, personal: bool = False,
                     csv_ready: bool = False, pending: bool = False, copy: bool = False) -> sa.Select:
    """One statement for the whole export: each response in scope with its labels
    aggregated beside it, oldest id first (no second query per chunk); its text as the
    output gate gives it (`personal`: unredacted, for the admin's audited export only).
    With `pending` (some text in scope has no stored redaction yet) a last column carries
    the raw text of those rows for `_gated` to redact."""
    ready, raw = gate.export_text_columns(personal)
    tags = (
        sa.select(ResponseTag.response_id, _labels(dialect).label("labels"),
                  _labels(dialect, "human").label("corrected"))
        .group_by(ResponseTag.response_id)
        .subquery()
    )
    columns, text = list(COLUMNS), ready
    if csv_ready:
        columns[HEADERS.index("submitted_at")], text = _csv_ready(dialect, ready)
    extra = [raw] if pending else []
    columns += [sa.func.coalesce(tags.c.labels, ""), sa.func.coalesce(tags.c.corrected, ""), text]
    if copy:
        columns = [_as_copied(name, c) for name, c in zip(HEADERS, columns, strict=True)]
    return (
        sa.select(*columns, *extra)
        .outerjoin(tags, tags.c.response_id == Response.id)
        .where(*flt.where())
        .order_by(Response.id)
    )


def _pending(conn, flt: ResponseFilter, personal: bool) -> bool:
    """Whether any unflagged text in scope lacks its stored redaction (stored when a text
    is written; `flask privacy redact-texts` fills older rows). Normally none: the export
    then runs with no Python per row."""
    if personal:
        return False
    stmt = sa.select(Response.id).where(
        *flt.where(), Response.safeguarding_flag.is_(False), Response.text_redacted.is_(None)
    ).limit(1)
    return conn.execute(stmt).first() is not None


def iter_export_chunks(flt: ResponseFilter, chunk: int = CHUNK, personal: bool = False,
                       csv_ready: bool = False) -> Iterator[list]:
    """Every response in scope, oldest id first, in lists of rows in HEADERS order,
    read through one server-side cursor so memory stays flat. The cursor is closed
    however the consumer stops (a client that hangs up mid-download included)."""
    with analysis_connection() as conn:
        pending = _pending(conn, flt, personal)
        stmt = export_statement(flt, conn.dialect.name, personal, csv_ready, pending)
        result = conn.execute(stmt.execution_options(yield_per=chunk))
        try:
            for part in result.partitions():
                yield [_gated(row, csv_ready) for row in part] if pending else part
        finally:
            result.close()


def copy_csv(flt: ResponseFilter, personal: bool = False, size: int = 256 * 1024) -> Iterator[str] | None:
    """On PostgreSQL, the CSV export written by the database (COPY ... TO STDOUT, streamed
    in pieces of about `size` bytes): the same statement, columns and output gate as
    `iter_export_chunks`, with no Python per row. None on SQLite, or when some text in
    scope still lacks its stored redaction (the Python path redacts those)."""
    with analysis_connection() as conn:
        if conn.dialect.name != "postgresql" or _pending(conn, flt, personal):
            return None
    return _copy_pieces(flt, personal, size)


def _copy_pieces(flt: ResponseFilter, personal: bool, size: int) -> Iterator[str]:
    header = io.StringIO()
    csv.writer(header).writerow(HEADERS)
    yield header.getvalue()
    decode = codecs.getincrementaldecoder("utf-8")().decode  # a piece may end mid-character
    with analysis_connection() as conn:
        compiled = export_statement(flt, "postgresql", personal, csv_ready=True, copy=True).compile(
            dialect=conn.dialect)
        raw = conn.connection.driver_connection
        buffer = bytearray()
        # Closing this generator mid-stream (the client hung up) leaves the block: psycopg
        # cancels the COPY and drains it, so the connection goes back to the pool clean.
        with raw.cursor() as cursor, cursor.copy(
            f"COPY ({compiled.string}) TO STDOUT WITH (FORMAT csv)", compiled.params
        ) as copy:
            for block in copy:
                buffer += block
                if len(buffer) >= size:
                    yield decode(buffer)
                    buffer.clear()
        yield decode(buffer, final=True)


def _gated(row, csv_ready: bool) -> tuple:
    """A row whose text had no stored redaction: redacted now, by the output gate."""
    *cells, ready, raw = row
    if ready is None:
        ready = gate.finish_text(None, raw)
        ready = safe_cell(ready) if csv_ready else ready
    return (*cells, ready)


def iter_export_rows(flt: ResponseFilter, chunk: int = CHUNK, personal: bool = False) -> Iterator[tuple]:
    """The same rows one at a time (JSON, XLSX)."""
    for rows in iter_export_chunks(flt, chunk, personal):
        yield from rows


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


def stream_csv(chunks: Iterator[list]) -> Iterator[str]:
    """CSV text, one piece per chunk of csv-ready rows (iter_export_chunks(csv_ready=True));
    csv.writer does the quoting in C."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for chunk in chunks:
        writer.writerows(chunk)
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
