"""What analysts do that changes or reveals data: exports (always audited) and
tag corrections (the responses domain's service, called with the form's choices)."""

from dataclasses import dataclass
from datetime import datetime

from engage.analysis import exports
from engage.analysis.tally import Tally
from engage.analysis.workbook import write_workbook
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import ValidationFailed
from engage.responses.queries import ResponseFilter


@dataclass
class Export:
    format: str
    mimetype: str
    filename: str
    rows: int
    scope: dict
    started_at: datetime
    personal: bool = False


def start_export(actor, flt: ResponseFilter, fmt: str, reason: str | None = None) -> Export:
    """Audit an export of `flt`'s scope in `fmt` (csv, xlsx, json); the caller
    commits, then streams `export_body`. With a `reason` it is the admin's personal-data
    export (text unredacted, flagged text still withheld), audited with that reason.
    Flushes."""
    if fmt not in exports.FORMATS:
        raise ValidationFailed(f"Format must be one of: {', '.join(exports.FORMATS)}", "format")
    rows = Tally(flt).total()
    scope = flt.as_args()
    action = f"privacy.personal_export.{fmt}" if reason else f"export.{fmt}"
    record_audit(actor, action, scope, rows, reason)
    now = utcnow()
    return Export(
        format=fmt,
        mimetype=exports.FORMATS[fmt],
        rows=rows,
        scope=scope,
        started_at=now,
        filename=f"responses-{'personal-' if reason else ''}{now:%Y%m%d-%H%M%S}.{fmt}",
        personal=bool(reason),
    )


def export_body(export: Export, flt: ResponseFilter):
    """The body of a started export: a generator of text (CSV, JSON) or a file (XLSX)."""
    if export.format == "csv":
        copied = exports.copy_csv(flt, personal=export.personal)
        if copied is not None:
            return copied
        return exports.stream_csv(exports.iter_export_chunks(flt, personal=export.personal, csv_ready=True))
    rows = exports.iter_export_rows(flt, personal=export.personal)
    if export.format == "json":
        return exports.stream_json(rows, export.scope, export.rows)
    return write_workbook(rows, export)


def record_report(actor, flt: ResponseFilter, fmt: str, total: int) -> None:
    """The printable summary leaves the system too: audit it like an export."""
    record_audit(actor, f"summary.{fmt}", flt.as_args(), total)


def correct_tags(response, chosen: list[str], actor, reason: str | None = None) -> tuple[list[str], list[str]]:
    """Make `response`'s labels exactly `chosen`: (added, removed). Nothing to change is
    not an error here: the analyst confirmed what the model said, and that is recorded."""
    from engage.responses.corrections import apply_tag_correction, confirm_tags

    current = set(response.labels)
    add, remove = sorted(set(chosen) - current), sorted(current - set(chosen))
    if add or remove:
        apply_tag_correction(response, add, remove, actor, reason)
    else:
        confirm_tags(response, actor, reason)
    return add, remove
