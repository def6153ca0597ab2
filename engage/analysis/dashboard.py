"""The dashboard's five charts, each bar linked to the responses behind it."""

import calendar
from datetime import date

from engage.analysis.charts import Chart, bar_chart
from engage.analysis.filters import scope_link
from engage.analysis.tally import Tally
from engage.places import DISTRICTS
from engage.responses.queries import ResponseFilter

BROWSE = "analysis.responses"


def month_bounds(month: str) -> tuple[str, str]:
    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, 1).isoformat(), date(
        year, mon, calendar.monthrange(year, mon)[1]
    ).isoformat()


def month_name(month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, 1).strftime("%B %Y")


def area_chart(flt: ResponseFilter, total: int, endpoint: str = BROWSE, tally: Tally | None = None) -> Chart:
    from engage.plan.active import label_name
    from nlp.taxonomy import LABELS

    counts = (tally or Tally(flt)).by_label()
    rows = [
        (lb, label_name(lb), counts[lb], scope_link(endpoint, flt, label=lb, page=None))
        for lb in sorted((lb for lb in LABELS if counts.get(lb)), key=lambda lb: -counts[lb])
    ]
    return bar_chart("chart-areas", "Responses by priority area", rows, total)


def objective_chart(flt: ResponseFilter, total: int, endpoint: str = BROWSE, tally: Tally | None = None) -> Chart:
    counts = (tally or Tally(flt)).by_objective()
    rows = [(o, o, n, scope_link(endpoint, flt, objective=o, page=None)) for o, n in counts.items()]
    return bar_chart(
        "chart-objectives", "Responses by plan objective", rows, total, colour_by_row=True
    )


def channel_chart(flt: ResponseFilter, total: int, endpoint: str = BROWSE, tally: Tally | None = None) -> Chart:
    from engage.web import CHANNEL_NAMES

    counts = (tally or Tally(flt)).by("channel")
    rows = [
        (c, CHANNEL_NAMES.get(c, c), n, scope_link(endpoint, flt, channel=c, page=None))
        for c, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]
    return bar_chart("chart-channels", "Responses by channel", rows, total, colour_by_row=True)


def district_chart(flt: ResponseFilter, total: int, endpoint: str = BROWSE, tally: Tally | None = None) -> Chart:
    counts = (tally or Tally(flt)).by("district")
    keys = [k for k in DISTRICTS if counts.get(k)] + (["unknown"] if counts.get("unknown") else [])
    rows = [
        (
            k,
            DISTRICTS.get(k, "Unknown"),
            counts[k],
            scope_link(endpoint, flt, district=k, page=None),
        )
        for k in keys
    ]
    return bar_chart("chart-districts", "Responses by district", rows, total)


def month_chart(flt: ResponseFilter, total: int, endpoint: str = BROWSE, tally: Tally | None = None) -> Chart:
    rows = []
    for month, n in (tally or Tally(flt)).by_month().items():
        since, until = month_bounds(month)
        # Stay inside the chosen period when it starts or ends mid-month.
        since = max(since, flt.since.isoformat()) if flt.since else since
        until = min(until, flt.until.isoformat()) if flt.until else until
        rows.append(
            (
                month,
                month_name(month),
                n,
                scope_link(endpoint, flt, since=since, until=until, page=None),
            )
        )
    return bar_chart("chart-months", "Responses by month received", rows, total)


def dashboard(flt: ResponseFilter) -> dict:
    tally = Tally(flt)
    total = tally.total()
    charts = [
        chart(flt, total, tally=tally)
        for chart in (area_chart, objective_chart, channel_chart, district_chart, month_chart)
    ]
    return {"total": total, "charts": charts}
