"""The active plan: the newest loaded PlanVersion, or the plan file shipped with the app
while none has been loaded. Read once per request (no state kept in the process between
requests, so every process sees a switch at its next request)."""

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from flask import g
from sqlalchemy.exc import SQLAlchemyError

from engage.extensions import db
from engage.plan.models import PlanVersion
from engage.plan.schema import parse_plan

DEFAULT_PLAN_FILE = Path(__file__).resolve().parent.parent / "data" / "plan_2021_25.json"
_G_KEY = "engage_active_plan"


@dataclass(frozen=True)
class Plan:
    """A validated plan file's content, with the look-ups pages need."""

    data: dict
    version_id: int | None = None  # None: the shipped default, never loaded

    title = property(lambda self: self.data["title"])
    period = property(lambda self: self.data["period"])
    objectives = property(lambda self: self.data["objectives"])
    areas = property(lambda self: self.data["areas"])
    ambitions = property(lambda self: self.data["ambitions"])
    baseline_period = property(lambda self: self.data.get("baseline_period") or "")
    target_period = property(lambda self: self.data.get("target_period") or "")

    @cached_property
    def area_of_label(self) -> dict[str, dict]:
        return {label: area for area in self.areas for label in area["labels"]}

    @property
    def objective_ids(self) -> list[str]:
        return [o["id"] for o in self.objectives]

    def objective_title(self, objective_id: str) -> str:
        return next((o["title"] for o in self.objectives if o["id"] == objective_id), objective_id)

    def label_name(self, label_id: str) -> str:
        """The name of the area that maps the label; an area mapping several labels
        names each as 'Area (the tagger's name for the label)'."""
        from nlp.taxonomy import label_name as tagger_name

        area = self.area_of_label.get(label_id)
        if area is None:
            return tagger_name(label_id)
        if len(area["labels"]) == 1:
            return area["name"]
        return f"{area['name']} ({tagger_name(label_id)})"

    def objectives_for(self, label_id: str) -> tuple[str, ...]:
        area = self.area_of_label.get(label_id)
        return tuple(area["objectives"]) if area else ()

    def objective_labels(self) -> dict[str, frozenset[str]]:
        return dict(self.objective_items)

    @cached_property
    def objective_items(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """(objective, its labels) in id order: hashable, read per rollup cell."""
        return tuple(sorted(
            (o, frozenset(lb for lb, a in self.area_of_label.items() if o in a["objectives"]))
            for o in self.objective_ids))

    def ambition(self, ambition_id: str) -> dict | None:
        return next((a for a in self.ambitions if a["id"] == ambition_id), None)


@cache
def default_plan() -> Plan:
    return Plan(parse_plan(DEFAULT_PLAN_FILE.read_bytes()))


def active_plan() -> Plan:
    """The plan in force for this request (or command)."""
    plan = g.get(_G_KEY)
    if plan is None:
        row = db.session.scalars(db.select(PlanVersion).order_by(PlanVersion.id.desc()).limit(1)).first()
        plan = Plan(row.content, row.id) if row else default_plan()
        setattr(g, _G_KEY, plan)
    return plan


def plan_title() -> str:
    """The active plan's title for page chrome; the shipped plan's while the database is
    unreachable (an error page must not fail on its footer)."""
    try:
        return active_plan().title
    except SQLAlchemyError:
        db.session.rollback()
        return default_plan().title


def use_shipped_plan_for_this_request() -> None:
    """For 5xx pages: name the shipped plan rather than ask a database that just failed."""
    if g.get(_G_KEY) is None:
        setattr(g, _G_KEY, default_plan())


def forget_active_plan() -> None:
    """Re-read the plan at the next look-up (after a load, and before each request)."""
    g.pop(_G_KEY, None)


def label_name(label_id: str) -> str:
    return active_plan().label_name(label_id)


def objectives_for(label_id: str) -> tuple[str, ...]:
    return active_plan().objectives_for(label_id)


def objective_ids() -> list[str]:
    return active_plan().objective_ids


def objective_labels() -> dict[str, frozenset[str]]:
    return active_plan().objective_labels()
