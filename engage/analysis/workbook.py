"""The analysts' XLSX workbook: a summary sheet, every response with readable names, real
dates and one 0/1 column per priority area (for pivot tables), and a sheet of quotes per
area. Written in one pass in openpyxl's write_only mode, so memory stays flat however many
rows; the text is the output gate's (redacted, safeguarding disclosures withheld)."""

import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from engage.analysis.exports import HEADERS, WITHHELD
from engage.analysis.summary import share
from engage.places import district_name
from engage.spreadsheets import safe_cell
from engage.web import CHANNEL_NAMES

# Each area's sheet lists this many texts at most; the Responses sheet has them all.
QUOTES_PER_AREA = 1000
COLUMN_NAMES = {
    "reference": "Reference",
    "channel": "Channel",
    "source_id": "Source ID",
    "submitted_at": "Submitted (UTC)",
    "district": "District",
    "postcode_district": "Postcode district",
    "community_group": "Community group",
    "consent_to_quote": "Consent to quote",
    "status": "Status",
    "safeguarding_flag": "Safeguarding flag",
    "labels": "Priority areas",
    "corrected_labels": "Priority areas corrected by an analyst",
    "text": "Text",
}
QUOTE_HEADERS = ("Reference", "Submitted (UTC)", "District", "Channel", "Consent to quote", "Text")
DATE_FORMAT = "yyyy-mm-dd hh:mm"
WIDTHS = {"Text": 80, "Priority areas": 40, "Priority areas corrected by an analyst": 30}
AT = {name: i for i, name in enumerate(HEADERS)}


def write_workbook(rows: Iterator[tuple], export) -> tempfile.SpooledTemporaryFile:
    """The workbook for `rows` (HEADERS order, text already gated) of a started `export`,
    in a temporary file ready to stream."""
    from engage.plan.active import label_name, objectives_for
    from nlp.taxonomy import LABELS

    names = {label: label_name(label) for label in LABELS}
    rolls_up = {label: objectives_for(label) for label in LABELS}
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    headers = [COLUMN_NAMES[h] for h in HEADERS] + [names[lb] for lb in LABELS]
    main = _table_sheet(wb, "Responses", headers)
    areas = {lb: _table_sheet(wb, _sheet_title(names[lb], wb), QUOTE_HEADERS) for lb in LABELS}
    counts, listed, by_objective, total = Counter(), Counter(), Counter(), 0
    for row in rows:
        total += 1
        labels = row[AT["labels"]].split(";") if row[AT["labels"]] else []
        cells = _readable(row, names)
        main.append(_styled(main, cells + [int(lb in labels) for lb in LABELS]))
        # A response counts once per objective, however many of its areas roll up to it.
        by_objective.update({o for lb in labels for o in rolls_up.get(lb, ())})
        for label in labels:
            counts[label] += 1
            if listed[label] < QUOTES_PER_AREA and row[AT["text"]] != WITHHELD:
                listed[label] += 1
                areas[label].append(_styled(areas[label], [cells[0], cells[3], cells[4], cells[1],
                                                           cells[7], cells[-1]]))
    _finish(main, len(headers), total)
    for label, sheet in areas.items():
        _finish(sheet, len(QUOTE_HEADERS), listed[label])
    _write_summary(summary, export, total, counts, by_objective, names)
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(out)
    out.seek(0)
    return out


def _readable(row: tuple, names: dict[str, str]) -> list:
    """The row in HEADERS order as people read it: display names, not codes; a real
    datetime; Yes/No; the text quoted if it would run as a formula."""
    value = dict(zip(HEADERS, row, strict=True))

    def areas(joined: str) -> str:
        return "; ".join(names.get(lb, lb) for lb in joined.split(";")) if joined else ""

    return [
        value["reference"],
        CHANNEL_NAMES.get(str(value["channel"]), str(value["channel"])),
        value["source_id"],
        value["submitted_at"],
        district_name(value["district"]),
        value["postcode_district"] or "",
        _clean(safe_cell(value["community_group"] or "")),
        _yes(value["consent_to_quote"]),
        str(value["status"]).capitalize(),
        _yes(value["safeguarding_flag"]),
        areas(value["labels"]),
        areas(value["corrected_labels"]),
        _clean(safe_cell(value["text"] or "")),
    ]


def _yes(flag) -> str:
    return "Yes" if flag else "No"


def _clean(value):
    # openpyxl rejects control characters that are legal in our text.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _styled(sheet, values: list) -> list:
    """Datetimes become date cells Excel sorts and filters as dates."""
    out = []
    for value in values:
        if isinstance(value, datetime):
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = DATE_FORMAT
            out.append(cell)
        else:
            out.append(value)
    return out


def _table_sheet(wb: Workbook, title: str, headers) -> object:
    """A sheet with a bold header row, frozen so it stays in view while scrolling."""
    sheet = wb.create_sheet(title)
    sheet.freeze_panes = "A2"
    for n, name in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS.get(name, max(12, len(name) + 2))
    bold = Font(bold=True)
    header = []
    for name in headers:
        cell = WriteOnlyCell(sheet, name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def _finish(sheet, columns: int, rows: int) -> None:
    """Filters on the header row, over every row written (set last: written at save)."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _sheet_title(name: str, wb: Workbook) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    title = re.sub(r"[\[\]:*?/\\]", "-", name)[:31]
    taken = set(wb.sheetnames)
    n = 2
    while title in taken:
        title = f"{title[:28]} {n}"
        n += 1
    return title


def _write_summary(sheet, export, total: int, counts: Counter, by_objective: Counter,
                   names: dict) -> None:
    """Scope, totals per priority area and objective, and what the sheets hold."""
    from engage.plan.active import objective_ids
    from nlp.taxonomy import LABELS

    bold = Font(bold=True)

    def heading(text: str) -> list:
        cell = WriteOnlyCell(sheet, text)
        cell.font = bold
        return [cell]

    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 60
    sheet.append(heading("Make Notts Safe Engage: consultation responses"))
    sheet.append(["Exported (UTC)", _styled(sheet, [export.started_at])[0]])
    sheet.append(["Scope", _scope(export.scope, names)])
    sheet.append(["Responses", total])
    sheet.append(["Text", "Unredacted (personal-data export, audited); safeguarding disclosures "
                  f"withheld as {WITHHELD}" if export.personal else
                  "Personal details redacted; safeguarding disclosures withheld as " + WITHHELD])
    sheet.append([])
    sheet.append(heading("Priority area") + ["Responses", "Share of responses"])
    for label in sorted(LABELS, key=lambda lb: (-counts[lb], LABELS.index(lb))):
        sheet.append([names[label], counts[label], _share(sheet, counts[label], total)])
    sheet.append([])
    sheet.append(heading("Plan objective") + ["Responses", "Share of responses"])
    for objective in objective_ids():
        sheet.append([objective, by_objective[objective], _share(sheet, by_objective[objective], total)])
    sheet.append([])
    note = (f"Each priority area's sheet lists its first {QUOTES_PER_AREA:,} texts (oldest first, "
            "withheld texts left out); the Responses sheet has every response, with one 0/1 "
            "column per priority area for pivot tables.")
    capped = [names[lb] for lb in LABELS if counts[lb] > QUOTES_PER_AREA]
    sheet.append(["Sheets", note])
    if capped:
        sheet.append(["Capped at " + f"{QUOTES_PER_AREA:,}", "; ".join(capped)])


def _share(sheet, count: int, total: int) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, share(count, total))
    cell.number_format = "0.0%"
    return cell


def _scope(scope: dict, names: dict) -> str:
    """The export's filters in words ("District: Gedling; Since: 2026-04-01")."""
    if not scope:
        return "All responses"
    shown = {"district": district_name, "label": lambda v: names.get(v, v),
             "channel": lambda v: CHANNEL_NAMES.get(v, v)}
    return "; ".join(
        f"{key.replace('_', ' ').capitalize()}: {shown.get(key, str)(value)}"
        for key, value in scope.items()
    )
