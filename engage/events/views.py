import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request

from engage.db import utcnow
from engage.events.models import Event, EventFormat, EventState
from engage.extensions import db
from engage.places import normalise_district

bp = Blueprint("events", __name__, url_prefix="/events")


@bp.get("/")
def index():
    district = normalise_district(request.args.get("district"))
    fmt = request.args.get("format") or None
    stmt = sa.select(Event).where(Event.status == EventState.published, Event.ends_at > utcnow())
    if district and district != "unknown":
        stmt = stmt.where(Event.district == district)
    if fmt in EventFormat.__members__:
        stmt = stmt.where(Event.format == fmt)
    events = db.session.scalars(stmt.order_by(Event.starts_at)).all()
    return render_template("events/index.html", events=events, district=district, fmt=fmt)


@bp.get("/<int:event_id>")
def show(event_id: int):
    event = db.session.get(Event, event_id)
    if event is None or event.status == EventState.draft:
        abort(404)
    return render_template("events/show.html", event=event)
