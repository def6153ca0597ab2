"""Loading a plan file: validated whole, then stored as a new version in one insert,
which makes it the active plan; audited."""

from engage.analysis.rollups import reproject_marginals
from engage.audit.services import record_audit
from engage.extensions import db
from engage.plan.active import forget_active_plan
from engage.plan.models import PlanVersion
from engage.plan.schema import parse_plan


def load_plan(raw: bytes | str, filename: str, actor) -> PlanVersion:
    """Validate `raw` (raises PlanFileError with every problem, saving nothing) and make
    it the active plan. Flushes; the caller commits."""
    data = parse_plan(raw)
    version = PlanVersion(plan_key=data["id"], title=data["title"], period=data["period"],
                          content=data, filename=(filename or "")[:200],
                          loaded_by_id=getattr(actor, "id", None))
    db.session.add(version)
    db.session.flush()
    record_audit(actor, "plan.load", {"plan_version_id": version.id, "plan": data["id"],
                                      "filename": version.filename}, 1,
                 detail=f"{data['title']}: {len(data['areas'])} areas, {len(data['ambitions'])} ambitions")
    forget_active_plan()
    # The analysis marginals count responses per objective: re-projected under the new
    # plan in this same transaction, so no page mixes the two plans' objectives.
    reproject_marginals()
    return version


def plan_versions() -> list[PlanVersion]:
    """Every loaded plan, newest (the active one) first."""
    return list(db.session.scalars(db.select(PlanVersion).order_by(PlanVersion.id.desc())))
