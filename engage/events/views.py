"""Residents' pages: find a session, register, add it to a calendar, give views."""

from flask import Blueprint, Response, abort, redirect, render_template, request, session, url_for
from flask_login import current_user

from engage.errors import DomainError, ValidationFailed
from engage.events import ical, queries
from engage.events.forms import RegistrationForm, ViewForm
from engage.events.models import EVENT_DISTRICTS, EventFormat
from engage.events.registrations import (
    AlreadyRegistered,
    accept_offer,
    acknowledge_again,
    cancel_registration,
    register_attendee,
    registration_by_token,
)
from engage.events.services import give_event_view
from engage.events.staff_views import staff_bp
from engage.extensions import db, limiter
from engage.web import form_error

# No url_prefix: public pages live under /events, the officers' under /staff/events.
bp = Blueprint("events", __name__)
bp.register_blueprint(staff_bp)


@bp.get("/events/")
def index():
    district = (
        request.args.get("district") if request.args.get("district") in EVENT_DISTRICTS else None
    )
    fmt = (
        request.args.get("format")
        if request.args.get("format") in EventFormat.__members__
        else None
    )
    return render_template(
        "events/index.html",
        events=queries.upcoming_events(district, fmt),
        district=district,
        fmt=fmt,
    )


@bp.get("/events/past")
def past():
    return render_template("events/past.html", events=queries.past_sessions())


@bp.get("/events/<int:event_id>")
def show(event_id: int):
    event = queries.public_event(event_id)
    return render_template("events/show.html", event=event, places_left=queries.places_left(event))


@bp.route("/events/<int:event_id>/register", methods=["GET", "POST"])
@limiter.limit("20/minute", methods=["POST"])
def register(event_id: int):
    event = queries.public_event(event_id)
    form = RegistrationForm()
    if request.method == "GET" and current_user.is_authenticated:  # no retyping who they are
        form.name.data, form.email.data = current_user.name, current_user.email
    if form.validate_on_submit():
        user = current_user if current_user.is_authenticated else None
        try:
            registration = register_attendee(event.id, form.data, user=user)
        except ValidationFailed as exc:
            for field, messages in exc.errors.items():
                form_error(form, field, messages[0])
        except AlreadyRegistered as exc:
            # Someone other than the signed-in owner typed an address that is booked: the
            # same reply as a new booking, and the owner gets their confirmation again.
            ack = acknowledge_again(exc)
            db.session.commit()
            return _acknowledged(event, ack["reference"], ack["status"], exc.registration.email)
        except DomainError as exc:
            db.session.rollback()
            form_error(form, exc.field if exc.field in form else "name", exc.message)
        else:
            db.session.commit()
            if user is not None and registration.email == user.email:
                # Their own address: they own the booking, so show it with its links.
                return redirect(url_for("events.registration", token=registration.token, new=1))
            return _acknowledged(
                event, registration.reference, registration.status, registration.email
            )
    return render_template(
        "events/register.html", event=event, form=form, problem=event.registration_problem()
    ), 400 if form.errors else 200


def _acknowledged(event, reference: str, status: str, email: str):
    """Redirect to the acknowledgement, which is the same whether the address was new or
    already booked (issue 14: a stranger must not learn who is booked where). The booking's
    own page, with its cancel link, is reached from the email."""
    session["registered"] = {"event": event.id, "reference": reference, "status": status,
                             "email": email}
    return redirect(url_for("events.registered", event_id=event.id))


@bp.get("/events/<int:event_id>/registered")
def registered(event_id: int):
    event = queries.public_event(event_id)
    ack = session.get("registered")
    if not ack or ack.get("event") != event.id:
        return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/registered.html", event=event, ack=ack)


@bp.get("/events/registrations/<token>")
def registration(token: str):
    reg = registration_by_token(token)
    return render_template(
        "events/registration.html",
        registration=reg,
        event=reg.event,
        new=request.args.get("new") == "1",
    )


@bp.route("/events/registrations/<token>/cancel", methods=["GET", "POST"])
def cancel(token: str):
    if request.method == "GET":  # ask first: one click must not lose a place
        reg = registration_by_token(token)
        return render_template("events/cancel_confirm.html", registration=reg, event=reg.event)
    reg = cancel_registration(token)
    db.session.commit()
    return render_template("events/cancelled.html", registration=reg, event=reg.event)


@bp.post("/events/registrations/<token>/accept")
def accept(token: str):
    reg = accept_offer(token)
    db.session.commit()
    return redirect(url_for("events.registration", token=reg.token, new=1))


@bp.get("/events/<int:event_id>/calendar.ics")
def event_calendar(event_id: int):
    event = queries.public_event(event_id)
    return _ics(ical.event_ics(event), f"meet-the-commissioner-{event.id}.ics")


@bp.get("/events/calendar.ics")
def calendar_feed():
    return _ics(ical.feed_ics(queries.upcoming_events()), "meet-the-commissioner.ics", inline=True)


def _ics(body: bytes, filename: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@bp.route("/events/<int:event_id>/views", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def give_views(event_id: int):
    event = queries.public_event(event_id)
    if not event.can_take_views():
        abort(404)
    form = ViewForm()
    if form.validate_on_submit():
        response = give_event_view(
            event,
            form.text.data,
            district=form.district.data or None,
            consent_to_quote=form.consent_to_quote.data,
            respondent=current_user if current_user.is_authenticated else None,
            about_you=form.about_you_data(),
        )
        db.session.commit()
        session["last_reference"] = response.reference
        return redirect(url_for("events.views_sent", event_id=event.id))
    return render_template("events/views.html", event=event, form=form), 400 if form.errors else 200


@bp.get("/events/<int:event_id>/views/sent")
def views_sent(event_id: int):
    event = queries.public_event(event_id)
    reference = session.get("last_reference")
    if not reference:
        return redirect(url_for("events.give_views", event_id=event.id))
    return render_template("events/views_sent.html", event=event, reference=reference)
