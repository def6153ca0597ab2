"""Meet the Commissioner sessions: list, read, schedule, register, give views."""

from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_body, load_query
from engage.events import queries
from engage.events.registrations import AlreadyRegistered, acknowledge_again, register_attendee
from engage.events.schemas import (
    EventFilterSchema,
    EventInSchema,
    EventListSchema,
    EventOutSchema,
    RegistrationInSchema,
    RegistrationOutSchema,
)
from engage.events.services import create_event, give_event_view
from engage.extensions import db, limiter
from engage.responses.schemas import ViewInSchema, ViewOutSchema

TAGS = ("events",)


@bp.get("/events")
@doc(
    "Published sessions still to come, soonest first",
    query=EventFilterSchema,
    responses={200: EventListSchema},
    tags=TAGS,
)
def list_events_api():
    args = load_query(EventFilterSchema())
    events = queries.upcoming_events(args.get("district"), args.get("format"))
    return EventListSchema().dump({"items": events, "total": len(events)})


@bp.get("/events/<int:event_id>")
@doc("One session (any but a draft)", responses={200: EventOutSchema}, tags=TAGS)
def get_event_api(event_id: int):
    return EventOutSchema().dump(queries.public_event(event_id))


@bp.post("/events")
@roles_required("officer")
@doc(
    "Schedule a session (draft, or published straight away)",
    body=EventInSchema,
    responses={201: EventOutSchema},
    auth="officer",
    tags=TAGS,
)
def create_event_api():
    data = load_body(EventInSchema())
    publish = data.pop("status") == "published"
    event = create_event(data, current_user, publish=publish)
    db.session.commit()
    return EventOutSchema().dump(event) | {"status": event.status}, 201


@bp.post("/events/<int:event_id>/registrations")
@limiter.limit("20/minute")
@doc(
    "Register for a session: a place, or the waiting list; 409 when full without one",
    body=RegistrationInSchema,
    responses={201: RegistrationOutSchema},
    tags=TAGS,
)
def register_api(event_id: int):
    data = load_body(RegistrationInSchema())
    queries.public_event(event_id)
    try:
        registration = register_attendee(event_id, data)
    except AlreadyRegistered as exc:
        ack = acknowledge_again(exc)
        db.session.commit()
        return RegistrationOutSchema().dump(ack), 201
    db.session.commit()
    return RegistrationOutSchema().dump(registration), 201


@bp.post("/events/<int:event_id>/views")
@limiter.limit("10/minute")
@doc(
    "Give your views for a session, before or after it",
    body=ViewInSchema,
    responses={201: ViewOutSchema},
    tags=TAGS,
)
def give_view_api(event_id: int):
    data = load_body(ViewInSchema())
    event = queries.public_event(event_id)
    response = give_event_view(
        event,
        data["text"],
        district=data.get("district"),
        consent_to_quote=data["consent_to_quote"],
        respondent=current_user if current_user.is_authenticated else None,
        about_you=data["about_you"],
    )
    db.session.commit()
    return ViewOutSchema().dump(response), 201
