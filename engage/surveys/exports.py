"""Exports built once as (headers, rows): one row per completed response, with an
explicit column list (no names, emails or tokens), written as CSV or XLSX. Free text
(text answers, "Other, please specify") passes the output gate."""

import io

import sqlalchemy as sa
from openpyxl import Workbook

from engage import spreadsheets
from engage.privacy import gate
from engage.spreadsheets import safe_cell
from engage.surveys.answers import display_answer
from engage.surveys.equality import about_you_labels
from engage.surveys.models import ABOUT_YOU_KEYS, QuestionKind, Survey
from engage.surveys.queries import answers_by_question, completed_submissions
from engage.web import london


def _columns(survey: Survey) -> list[tuple[str, object, str | None]]:
    """(header, question, grid statement key) for every answer column."""
    cols = []
    for n, q in enumerate(survey.questions, 1):
        if q.kind == QuestionKind.grid:
            cols += [(f"Q{n} {q.text} – {label}", q, key) for key, label in q.statements]
        else:
            cols.append((f"Q{n} {q.text}", q, None))
    return cols


def responses_table(survey: Survey) -> tuple[list[str], list[list]]:
    submissions = completed_submissions(survey)
    answers = answers_by_question([s.id for s in submissions])
    by_sub = {(a.submission_id, qid): a for qid, items in answers.items() for a in items}
    cols = _columns(survey)
    shown = _gated_texts([a for items in answers.values() for a in items])
    about = survey.has_about_you
    headers = (
        ["Reference", "Completed (UK time)", "Paper or online", "Consent to quote", "District"]
        + [c[0] for c in cols]
        + ([f"About you: {k}" for k in ABOUT_YOU_KEYS] if about else [])
    )
    rows = []
    for s in submissions:
        row = [
            s.reference,
            london(s.completed_at, "%Y-%m-%d %H:%M"),
            s.mode,
            "yes" if s.consent_to_quote else "no",
            s.district or "",
        ]
        for _, q, key in cols:
            a = by_sub.get((s.id, q.id))
            if a is None:
                row.append("")
            elif key is not None:
                row.append(q.label_for(a.value.get(key)) if a.value.get(key) else "")
            else:
                row.append(display_answer(q, a.value, shown.get(a.id)))
        if about:
            row += [about_you_labels(k).get(getattr(s, k) or "", "") for k in ABOUT_YOU_KEYS]
        rows.append(row)
    return headers, rows


def _gated_texts(answers) -> dict[int, str]:
    """answer id -> its free text as it may leave: withheld when its response is flagged,
    else the response's stored redaction (answers not in the stream are redacted here)."""
    from engage.extensions import db
    from engage.responses.models import Response

    ids = sorted({a.response_id for a in answers if a.text and a.response_id})
    rows = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        rows |= {r.id: r for r in db.session.scalars(sa.select(Response).where(Response.id.in_(part)))}
    out = {}
    for a in answers:
        if a.text:
            r = rows.get(a.response_id)
            out[a.id] = gate.response_text(r) if r is not None else gate.redact_text(a.text)
    return out


def write_csv(headers: list[str], rows: list[list]) -> str:
    return spreadsheets.write_csv(headers, rows, bom=True)


def write_xlsx(headers: list[str], rows: list[list], title: str = "Responses") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for row in rows:
        ws.append([safe_cell(c) for c in row])
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
