"""Writing (headers, rows) tables for people to open in a spreadsheet, safely:
residents' text that starts like a formula is quoted, so it is never run."""

import csv
import io

# A cell starting with these would run as a formula in a spreadsheet (CSV/XLSX injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(headers: list[str], rows, *, bom: bool = False) -> str:
    """The whole table as CSV text; `bom` lets Excel detect UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()
