"""The themed consultation summary: for each priority area, how many responses,
its share, the change on the previous period, where and from whom it came, what it
appears with and what people said; then the roll-up by plan objective."""

from dataclasses import replace
from datetime import date, timedelta

from engage.analysis.quotes import quotable
from engage.analysis.tally import Tally
from engage.privacy.gate import gated_text
from engage.responses.queries import ResponseFilter

QUOTES_PER_AREA = 3
TOP_COMPANIONS = 3


def previous_period(flt: ResponseFilter) -> tuple[date, date] | None:
    """The period of the same length just before `flt`'s, when it has both ends."""
    if not (flt.since and flt.until):
        return None
    length = (flt.until - flt.since).days + 1
    until = flt.since - timedelta(days=1)
    return until - timedelta(days=length - 1), until


def needs_assessment_years(today: date | None = None, count: int = 3) -> list[tuple[date, date]]:
    """The needs assessment's years (1 April to 31 March), the current one first."""
    today = today or date.today()
    first = today.year if today.month >= 4 else today.year - 1
    return [(date(y, 4, 1), date(y + 1, 3, 31)) for y in range(first, first - count, -1)]


def share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def build_summary(flt: ResponseFilter, quotes: int = QUOTES_PER_AREA, tally: Tally | None = None) -> dict:
    """The summary as plain data, for the page, the printable report and the JSON API
    (pass `tally` to share its reads with the charts beside it)."""
    from engage.plan.active import label_name, objective_ids
    from nlp.taxonomy import LABELS

    tally = tally or Tally(flt)
    total = tally.total()
    counts = tally.by_label()
    previous = _previous(flt)
    breakdowns = {dim: tally.breakdown(dim) for dim in ("district", "channel", "community_group")}
    companions = tally.co_occurrence()
    quoted = quotes_by_label(flt, [lb for lb in LABELS if counts.get(lb)], quotes)
    areas = []
    for label in sorted(
        (lb for lb in LABELS if counts.get(lb)), key=lambda lb: (-counts[lb], LABELS.index(lb))
    ):
        n = counts[label]
        areas.append(
            {
                "label": label,
                "name": label_name(label),
                "count": n,
                "share": share(n, total),
                **_change(n, share(n, total), previous, label),
                "by_district": breakdowns["district"].get(label, {}),
                "by_channel": breakdowns["channel"].get(label, {}),
                "by_community_group": {
                    k: v for k, v in breakdowns["community_group"].get(label, {}).items() if k
                },
                "appears_with": _companions(companions.get(label, {}), n, label_name),
                "quotes": quoted.get(label, []),
            }
        )
    by_objective = tally.by_objective()
    return {
        "total": total,
        "scope": flt.as_args(),
        "previous_period": (
            {"since": previous["since"], "until": previous["until"], "total": previous["total"]}
            if previous
            else None
        ),
        "areas": areas,
        "objectives": [
            {"objective": o, "count": by_objective[o], "share": share(by_objective[o], total)}
            for o in objective_ids()
        ],
    }


def _previous(flt: ResponseFilter) -> dict | None:
    period = previous_period(flt)
    if period is None:
        return None
    prev = Tally(replace(flt, since=period[0], until=period[1]))
    return {"since": period[0], "until": period[1], "total": prev.total(), "counts": prev.by_label()}


def _change(n: int, current_share: float, previous: dict | None, label: str) -> dict:
    """count change and share change (percentage points) on the previous period."""
    if previous is None:
        return {"change": None, "previous_count": None, "share_change": None}
    before = previous["counts"].get(label, 0)
    return {
        "change": n - before,
        "previous_count": before,
        "share_change": round((current_share - share(before, previous["total"])) * 100, 1),
    }


def _companions(others: dict[str, int], n: int, label_name) -> list[dict]:
    top = sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_COMPANIONS]
    return [
        {"label": lb, "name": label_name(lb), "count": c, "share": share(c, n)} for lb, c in top
    ]


def quotes_by_label(flt: ResponseFilter, labels: list[str], limit: int) -> dict[str, list[dict]]:
    """label -> up to `limit` different quotes, personal details redacted."""
    out: dict[str, list[dict]] = {lb: [] for lb in labels}
    seen: dict[str, set] = {lb: set() for lb in labels}
    for label, reference, text, channel, district, redacted in quotable(flt, labels, limit * 3):
        text = gated_text(text, flagged=False, redacted=redacted)
        if text.lower() in seen[label] or len(out[label]) == limit:
            continue
        seen[label].add(text.lower())
        out[label].append({"reference": reference, "text": text, "channel": channel, "district": district})
    return out
