"""Writing the summit pack's (headers, rows) tables as CSV."""

from engage import spreadsheets


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def write_csv(headers: list[str], rows: list[list]) -> str:
    return spreadsheets.write_csv(headers, ([_cell(v) for v in row] for row in rows))
