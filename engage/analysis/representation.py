"""Who we heard from against who lives here: every person who answered the 'About you'
questions (engage.analysis.respondents), each share with its 95% Wilson interval, beside
Census 2021 for Nottinghamshire and Nottingham (engage.analysis.census). A group is
marked under- or over-represented only when its interval excludes the census share;
groups of fewer than MIN_GROUP people are hidden, with any count that would reveal them."""

from engage.analysis import queries
from engage.analysis.census import area_shares, census, district_shares, missing_tables
from engage.analysis.charts import paired_chart
from engage.analysis.differences import MIN_GROUP, surveys_ready
from engage.analysis.respondents import CHANNELS_NOT_ASKED, people_by_answer
from engage.places import DISTRICTS
from engage.privacy.suppression import protect_column
from engage.responses.queries import ResponseFilter
from engage.surveys.ambitions import interval

UNDER, OVER, WITHIN = "under", "over", "within"
# Filters about responses, not people: the equality comparisons do not apply them.
PERSON_BLIND = ("label", "objective", "label_source", "channel", "district", "community_group",
                "event_id", "summit_id")


def _verdict(ci: tuple[float, float] | None, census_share: float | None) -> str | None:
    if ci is None or census_share is None:
        return None
    pct = census_share * 100
    return UNDER if ci[1] < pct else OVER if ci[0] > pct else WITHIN


def _row(key, name, n, answered, hidden, shares, people: bool) -> dict:
    force = shares["force"].get(key) if shares else None
    ci = interval(n, answered) if people and not hidden and answered else None
    return {
        "key": key, "name": name, "count": None if hidden else n, "hidden": hidden,
        "share": None if hidden or not answered else n / answered, "ci": ci,
        "county": shares["county"].get(key) if shares else None,
        "city": shares["city"].get(key) if shares else None,
        "census": force, "verdict": None if hidden else _verdict(ci, force),
    }


def comparison(chart_id, title, groups, counts, shares, table, people=True, note=None) -> dict:
    """One question (or the districts): rows with counts, shares, intervals and census."""
    answered = sum(counts.get(k, 0) for k in groups)
    column = protect_column(answered, {k: counts.get(k, 0) for k in groups}, MIN_GROUP, show_zero=True)
    rows = [_row(k, name, counts.get(k, 0), answered, column.hidden.get(k), shares, people)
            for k, name in groups.items()]
    shown = [r for r in rows if r["share"] is not None]
    chart = paired_chart(chart_id, title, [(r["name"], r["share"], r["census"]) for r in shown]) \
        if shares and shown else None
    return {"id": chart_id, "title": title, "table": table, "people": people, "note": note,
            "answered": answered if column.total_shown else None, "rows": rows,
            "has_census": shares is not None, "chart": chart}


def district_comparison(flt: ResponseFilter) -> dict:
    pops = district_shares()
    shares = {"county": {}, "city": {}, "force": pops} if pops else None
    return comparison("rep-districts", "Districts: responses against usual residents", dict(DISTRICTS),
                      queries.count_by(flt, "district"), shares, census()["districts"]["table"], people=False)


def topic_comparisons(flt: ResponseFilter) -> tuple[int, list[dict]]:
    topics = census()["topics"]
    exclude = {k: t["respondents_exclude"] for k, t in topics.items() if t.get("respondents_exclude")}
    total, answers = people_by_answer(flt, tuple(topics), exclude)
    out = []
    for key, topic in topics.items():
        counts: dict[str, int] = {}
        for answer, n in answers[key].items():
            if group := topic["survey_mapping"].get(answer or ""):
                counts[group] = counts.get(group, 0) + n
        out.append(comparison(f"rep-{key}", f"{topic['question']}: people who answered against residents",
                              topic["groups"], counts, area_shares(topic), topic["table"],
                              note=topic.get("note")))
    return total, out


def representation(flt: ResponseFilter) -> dict:
    data = census()
    people, topics = topic_comparisons(flt) if surveys_ready() else (0, [])
    return {
        "comparisons": [district_comparison(flt)] + topics,
        "people": people if people >= MIN_GROUP else None,
        "min_group": MIN_GROUP,
        "channels_not_asked": CHANNELS_NOT_ASKED,
        "missing_tables": missing_tables(),
        "ignored_for_people": [f for f in PERSON_BLIND if getattr(flt, f)],
        "surveys_ready": surveys_ready(),
        "census": {"title": data["title"], "publisher": data["publisher"], "licence": data["licence"],
                   "notes": data["notes"], "areas": data["areas"], "provenance": provenance(data)},
    }


def provenance(data: dict) -> list[dict]:
    """One line per table and source file, with the areas read from it: where each figure
    on the page came from."""
    lines: dict[tuple, dict] = {}
    for topic in [*data["topics"].values(), data["districts"]]:
        for figure in (topic.get("figures") or {}).values():
            key = (figure["table"], topic["dataset"], figure["file"], figure["sha256"],
                   figure["source"], figure["licence"])
            line = lines.setdefault(key, {"table": key[0], "dataset": key[1], "areas": [],
                                          "file": key[2], "sha256": key[3], "source": key[4],
                                          "licence": key[5]})
            if figure["area"] not in line["areas"]:
                line["areas"].append(figure["area"])
            if figure.get("checked"):  # copied by hand: how it was checked
                line["checked"] = figure["checked"]
    return list(lines.values())
