"""An export as an HTTP download: audited and committed first, then streamed, for
the analysis pages and the JSON API alike."""

from flask import Response as FlaskResponse
from flask import stream_with_context
from flask_login import current_user

from engage.analysis import services
from engage.extensions import db


def send_export(flt, fmt: str, reason: str | None = None):
    """Audit, commit, then stream (shared with the JSON API and the admin's personal-data
    export, which alone passes a `reason`)."""
    started = services.start_export(current_user, flt, fmt, reason)
    db.session.commit()
    body = services.export_body(started, flt)
    disposition = {
        "Content-Disposition": f'attachment; filename="{started.filename}"',
        "X-Export-Rows": str(started.rows),
    }
    if fmt == "xlsx":
        return FlaskResponse(_read_and_close(body), mimetype=started.mimetype, headers=disposition)
    return FlaskResponse(stream_with_context(body), mimetype=started.mimetype, headers=disposition)


def _read_and_close(fh, size: int = 64 * 1024):
    """Stream a finished temporary file and close it, however the download ends."""
    try:
        while chunk := fh.read(size):
            yield chunk
    finally:
        fh.close()
