"""Financial-year quarters, as the plan's quarterly Performance and Insight reports use
them: '2026/27 Q1' is April to June 2026."""

from datetime import date, datetime, timedelta


def quarter_of(when: date | datetime) -> str:
    start = when.year if when.month >= 4 else when.year - 1
    return f"{start}/{(start + 1) % 100:02d} Q{(when.month - 4) % 12 // 3 + 1}"


def quarter_bounds(label: str) -> tuple[date, date]:
    """First and last day of a quarter label; ValueError for anything else."""
    years, _, q = label.partition(" Q")
    start_year = int(years.split("/")[0])
    n = int(q)
    if not 1 <= n <= 4 or quarter_of(date(start_year, 4, 1)).split(" ")[0] != years:
        raise ValueError(label)
    month = 4 + 3 * (n - 1)
    first = date(start_year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    after = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def finished_quarters(today: date, count: int = 16) -> list[str]:
    """The `count` most recent quarters that have ended by `today`, newest first."""
    out, day = [], quarter_bounds(quarter_of(today))[0] - timedelta(days=1)
    while len(out) < count:
        label = quarter_of(day)
        out.append(label)
        day = quarter_bounds(label)[0] - timedelta(days=1)
    return out
