"""Census 2021 figures for Nottinghamshire (E10000024) and Nottingham (E06000018), read
from engage/data/census_2021_nottinghamshire.json, which scripts/census_extract.py
fills from the ONS tables themselves (one table, TS009, was copied by hand from a file the
script cannot read, with the check recorded beside it). A table not yet extracted has no
figures, and then nothing is compared with it."""

import json
from functools import lru_cache
from pathlib import Path

CENSUS_FILE = Path(__file__).resolve().parent.parent / "data" / "census_2021_nottinghamshire.json"
COUNTY, CITY = "E10000024", "E06000018"


@lru_cache(maxsize=1)
def census() -> dict:
    return json.loads(CENSUS_FILE.read_text())


def _shares(counts: dict[str, int], groups) -> dict[str, float]:
    whole = sum(counts.get(g, 0) for g in groups)
    return {g: counts.get(g, 0) / whole for g in groups} if whole else {}


def area_shares(topic: dict) -> dict[str, dict[str, float]] | None:
    """{"county": shares, "city": shares, "force": shares} by group, or None without figures.
    The force area's share adds the two areas' counts (exact, not weighted percentages)."""
    figures = topic.get("figures")
    if not figures or COUNTY not in figures or CITY not in figures:
        return None
    county, city = figures[COUNTY]["counts"], figures[CITY]["counts"]
    both = {g: county.get(g, 0) + city.get(g, 0) for g in topic["groups"]}
    return {
        "county": _shares(county, topic["groups"]),
        "city": _shares(city, topic["groups"]),
        "force": _shares(both, topic["groups"]),
    }


def district_shares() -> dict[str, float] | None:
    """district -> share of the force area's usual residents (TS001), or None."""
    figures = census()["districts"].get("figures")
    if not figures:
        return None
    return _shares({d: f["usual_residents"] for d, f in figures.items()}, list(figures))


def missing_tables() -> list[str]:
    """Table ids named in the data file whose figures are not there yet."""
    data = census()
    tables = [t["table"] for t in data["topics"].values() if not t.get("figures")]
    return tables + ([data["districts"]["table"]] if not data["districts"].get("figures") else [])
