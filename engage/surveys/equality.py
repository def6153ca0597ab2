"""The optional 'About you' equality monitoring questions (Census 2021 categories,
each with 'Prefer not to say'), read from engage/data/census2021.json."""

import json
from functools import cache
from pathlib import Path

from engage.places import DISTRICT_CHOICES
from engage.surveys.models import ABOUT_YOU_KEYS

CENSUS_FILE = Path(__file__).resolve().parent.parent / "data" / "census2021.json"
PREFER_NOT = ("prefer_not_to_say", "Prefer not to say")


@cache
def about_you_questions() -> list[dict]:
    """[{key, text, hint, options: [(value, label), ...]}] in the order they are asked."""
    data = json.loads(CENSUS_FILE.read_text())
    out = []
    for q in data["questions"]:
        options = (
            list(DISTRICT_CHOICES)
            if q["options"] == "districts"
            else [tuple(o) for o in q["options"]]
        )
        out.append(
            {
                "key": q["key"],
                "text": q["text"],
                "hint": q.get("hint", ""),
                "options": options + [PREFER_NOT],
            }
        )
    assert tuple(q["key"] for q in out) == ABOUT_YOU_KEYS
    return out


def about_you_questions_for(survey) -> list[dict]:
    """The 'About you' questions this survey asks: not the area again when its own pages
    already ask it (a district question)."""
    from engage.surveys.models import QuestionKind

    asks_area = any(q.kind == QuestionKind.district for q in survey.questions)
    return [q for q in about_you_questions() if not (asks_area and q["key"] == "district")]


def about_you_labels(key: str) -> dict[str, str]:
    return next(dict(q["options"]) for q in about_you_questions() if q["key"] == key)


def validate_about_you(data: dict) -> tuple[dict[str, str | None], dict[str, str]]:
    """(clean values, errors by key). Every question is optional; unknown keys are errors."""
    values: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for key in data:
        if key not in ABOUT_YOU_KEYS:
            errors[key] = "This is not one of the 'About you' questions"
    for q in about_you_questions():
        raw = data.get(q["key"])
        if raw is None or raw == "":
            values[q["key"]] = None
        elif isinstance(raw, str) and raw in dict(q["options"]):
            values[q["key"]] = raw
        else:
            errors[q["key"]] = "Select one of the options, or 'Prefer not to say'"
    return values, errors
