"""Who we heard from against who lives here: respondents' districts and 'About you'
answers beside Census 2021 for Nottinghamshire and Nottingham, so the gaps in
lesser-heard groups show."""

import json
from functools import lru_cache
from pathlib import Path

from engage.analysis import queries
from engage.analysis.charts import paired_chart
from engage.analysis.differences import surveys_ready
from engage.places import DISTRICTS
from engage.responses.queries import ResponseFilter

CENSUS_FILE = Path(__file__).resolve().parent.parent / "data" / "census_2021_nottinghamshire.json"
# A group is "under-heard" when its share of respondents is below this fraction of its
# share of residents (and it is at least 1% of residents, so tiny groups do not flap).
UNDER_HEARD = 0.8
MIN_POPULATION_SHARE = 0.01


@lru_cache(maxsize=1)
def census() -> dict:
    return json.loads(CENSUS_FILE.read_text())


def area_population(area: str) -> int:
    pops = census()["districts"]["usual_residents"]
    if area == "nottingham":
        return pops["nottingham_city"]
    return sum(v for k, v in pops.items() if k != "nottingham_city")


def population_shares(topic: dict) -> dict[str, float]:
    """Force-area shares: each area's shares weighted by its usual residents."""
    totals: dict[str, float] = {g: 0.0 for g in topic["groups"]}
    people = 0
    for area in ("nottinghamshire", "nottingham"):
        figures = topic[area]
        values = figures.get("counts") or figures["percent"]
        whole = sum(values.values())
        pop = area_population(area)
        for group, v in values.items():
            totals[group] += pop * v / whole
        people += pop
    return {g: v / people for g, v in totals.items()}


def comparison(
    chart_id: str,
    title: str,
    names: dict,
    heard: dict[str, int],
    population: dict[str, float],
    table: str,
    approximate: bool,
) -> dict:
    answered = sum(heard.get(k, 0) for k in names)
    rows = []
    for key, name in names.items():
        share = heard.get(key, 0) / answered if answered else 0.0
        pop = population.get(key, 0.0)
        index = share / pop if pop else None
        rows.append(
            {
                "key": key,
                "name": name,
                "respondents": heard.get(key, 0),
                "respondent_share": share,
                "population_share": pop,
                "gap": (share - pop) * 100,
                "index": index,
                "under_heard": bool(
                    answered
                    and pop >= MIN_POPULATION_SHARE
                    and index is not None
                    and index < UNDER_HEARD
                ),
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "table": table,
        "approximate": approximate,
        "answered": answered,
        "rows": rows,
        "chart": paired_chart(
            chart_id,
            title,
            [(r["name"], r["respondent_share"], r["population_share"]) for r in rows],
        ),
    }


def district_comparison(flt: ResponseFilter) -> dict:
    pops = census()["districts"]["usual_residents"]
    total = sum(pops.values())
    heard = queries.count_by(flt, "district")
    return comparison(
        "rep-districts",
        "Districts: responses against usual residents",
        dict(DISTRICTS),
        heard,
        {k: v / total for k, v in pops.items()},
        census()["districts"]["table"],
        False,
    )


def topic_comparison(flt: ResponseFilter, key: str, topic: dict) -> dict:
    """Survey respondents (people, not responses) by their answer, mapped to census groups."""
    heard: dict[str, int] = {}
    for answer, n in queries.count_respondents_by_equality(flt, key).items():
        group = topic["survey_mapping"].get(answer or "")
        if group:
            heard[group] = heard.get(group, 0) + n
    approximate = any(topic[a].get("approximate") for a in ("nottinghamshire", "nottingham"))
    return comparison(
        f"rep-{key}",
        f"{topic['question']}: survey respondents against residents",
        topic["groups"],
        heard,
        population_shares(topic),
        topic["table"],
        approximate,
    )


def representation(flt: ResponseFilter) -> dict:
    data = census()
    topics = []
    if surveys_ready():
        topics = [topic_comparison(flt, key, topic) for key, topic in data["topics"].items()]
    return {
        "comparisons": [district_comparison(flt)] + topics,
        "surveys_ready": surveys_ready(),
        "census": {"source": data["source"], "notes": data["notes"], "title": data["title"]},
    }
