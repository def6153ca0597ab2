"""The output gate: the one redaction-and-withholding step for everything that leaves
for a person or a file (exports, packs, reports, API lists and details, staff lists,
public pages, emails to staff). Every domain calls it; none re-implements it.

- Safeguarding-flagged text is replaced by WITHHELD everywhere; it is read only in the
  safeguarding queue, where each read is audited.
- Everything else is shown redacted by `engage.redaction.redact`. The redacted text is
  computed once, when the text is set (`responses.text_redacted`), so exports read it
  and never redact row by row; `flask privacy redact-texts --all` recomputes it when the
  redaction rules change. Rows without it (before the backfill) are redacted on the fly.
- The one way round it is the admin's personal-data export (a stated reason, audited),
  which still withholds flagged text.
"""

import sqlalchemy as sa

from engage import redaction
from engage.redaction import find_personal_details
from engage.responses.models import Response

WITHHELD = "[withheld]"


def redact_text(text: str | None) -> str | None:
    """Personal details in `text` replaced by markers ([name], [phone], ...)."""
    if not text:
        return text
    return redaction.redact(text)


def gated_text(text: str | None, *, flagged: bool, redacted: str | None = None) -> str | None:
    """`text` as it may leave: withheld when flagged, else redacted (`redacted` when known)."""
    if flagged:
        return WITHHELD
    return redacted if redacted is not None else redact_text(text)


def response_text(response: Response | None) -> str:
    """A response's text as it may leave: withheld when flagged, else its stored redaction."""
    if response is None:
        return ""
    if response.safeguarding_flag:
        return WITHHELD
    return gated_text(response.text, flagged=False, redacted=response.text_redacted)


# --- SQL side, for exports that stream many rows -------------------------------------


def export_text_columns(personal: bool = False) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """(ready, raw): `ready` is the text to write (withheld or stored redaction); `raw` is
    the original only where `ready` is NULL and must be redacted in Python (not yet
    backfilled). Pass both to `finish_text`."""
    if personal:
        ready = sa.case((Response.safeguarding_flag.is_(True), WITHHELD), else_=Response.text)
        return ready, sa.null()
    ready = sa.case(
        (Response.safeguarding_flag.is_(True), WITHHELD), else_=Response.text_redacted
    )
    raw = sa.case(
        (sa.and_(Response.safeguarding_flag.is_(False), Response.text_redacted.is_(None)),
         Response.text),
        else_=sa.null(),
    )
    return ready, raw


def finish_text(ready: str | None, raw: str | None) -> str:
    return ready if ready is not None else (redact_text(raw) or "")


# --- Evidence spans (offsets into the original text) ---------------------------------


def gated_evidence(response: Response) -> dict[str, list[dict]]:
    """Each tag's evidence moved onto the redacted text; spans inside a redaction are
    dropped, and a flagged response shows none."""
    if response.safeguarding_flag:
        return {t.label: [] for t in response.tags}
    raw, shown = response.text, response_text(response)
    moved = _offset_map(raw, shown)
    out = {}
    for tag in response.tags:
        items = []
        for item in tag.evidence or []:
            span = moved(int(item.get("start", 0)), int(item.get("end", 0)))
            if span is not None:
                items.append({**item, "start": span[0], "end": span[1],
                              "text": shown[span[0]:span[1]]})
        out[tag.label] = items
    return out


def _offset_map(raw: str, shown: str):
    """A function (start, end) in `raw` -> (start, end) in `shown`, or None when the span
    touches a personal detail. The words between details are kept verbatim and in order
    by the redactor (its span API says where the details are), so each kept piece is
    found in `shown` after the previous one: linear, whatever the text's length."""
    if raw == shown:
        return lambda s, e: (s, e) if 0 <= s < e <= len(raw) else None
    kept, pos, cursor = [], 0, 0
    for start, end in [(d.start, d.end) for d in find_personal_details(raw)] + [(len(raw),) * 2]:
        piece = raw[pos:start]
        if piece:
            at = shown.find(piece, cursor) if pos == 0 else shown.find(piece, cursor + 1)
            if at < 0 or (pos == 0 and at != 0):
                return lambda s, e: None  # stored redaction from other rules: show no evidence
            kept.append((pos, start, at))
            cursor = at + len(piece)
        pos = end

    def move(start: int, end: int):
        for a, b, at in kept:
            if a <= start < end <= b:
                return at + start - a, at + end - a
        return None

    return move


def redact_stored_chunk(
    after_id: int, everything: bool = False, chunk: int = 1000
) -> tuple[int, int] | None:
    """Recompute `text_redacted` for up to `chunk` responses with id > `after_id` (only
    those without one unless `everything`). Returns (last id done, rows), None when done.
    Flushes; the CLI commits each chunk, so a long backfill can be stopped and resumed."""
    from engage.extensions import db

    stmt = sa.select(Response.id, Response.text).where(Response.id > after_id)
    if not everything:
        stmt = stmt.where(Response.text_redacted.is_(None))
    rows = db.session.execute(stmt.order_by(Response.id).limit(chunk)).all()
    if not rows:
        return None
    db.session.execute(
        sa.update(Response), [{"id": i, "text_redacted": redact_text(t)} for i, t in rows]
    )
    return rows[-1][0], len(rows)


def install_text_redaction() -> None:
    """Keep `responses.text_redacted` in step with every write of `responses.text`,
    whoever writes it (creation, retention, erasure)."""
    if not sa.event.contains(Response.text, "set", _on_text_set):
        sa.event.listen(Response.text, "set", _on_text_set, retval=False)


def _on_text_set(target: Response, value, _old, _initiator) -> None:
    target.text_redacted = redact_text(value) if isinstance(value, str) else None


def register_template_helpers(app) -> None:
    """`{{ response|gated }}`, `{{ text|redacted }}` and WITHHELD for every template."""
    app.jinja_env.filters["gated"] = response_text
    app.jinja_env.filters["redacted"] = lambda t: redact_text(t) or ""
    app.jinja_env.globals["gated_evidence"] = gated_evidence
    app.jinja_env.globals["WITHHELD"] = WITHHELD
