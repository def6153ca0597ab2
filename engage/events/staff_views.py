"""Engagement officers' pages for sessions, under /staff/events."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.audit.services import record_audit
from engage.db import utcnow
from engage.errors import DomainError, NotFound, ValidationFailed
from engage.events import checkin, queries, services
from engage.events.forms import (
    BulkViewsForm,
    CheckInForm,
    CloseForm,
    EventForm,
    NoteForm,
    OutcomeForm,
    RescheduleForm,
    WalkInForm,
)
from engage.events.models import EventAlert, RegistrationState
from engage.events.registrations import check_in_attendee
from engage.events.session_search import WHEN, parse_session_search, search_sessions
from engage.extensions import db
from engage.spreadsheets import write_csv
from engage.web import form_error

staff_bp = Blueprint("staff", __name__, url_prefix="/staff/events")


def _submit(form, action, template: str, done, redirect_to, **context):
    """Validate, run one service, commit and redirect; or show the form with errors (400).
    Service errors are attached to the form's fields so the error summary shows them."""
    if form.validate_on_submit():
        try:
            action()
        except ValidationFailed as exc:
            db.session.rollback()
            for field, messages in exc.errors.items():
                form_error(form, _form_field(form, field), messages[0])
        except DomainError as exc:
            db.session.rollback()
            form_error(form, _form_field(form, exc.field), exc.message)
        else:
            db.session.commit()
            flash(done() if callable(done) else done, "success")
            return redirect(redirect_to() if callable(redirect_to) else redirect_to)
    return render_template(template, form=form, **context), 400 if form.errors else 200


# The service's names for times, and the form fields they are typed into.
FORM_FIELDS = {
    "starts_at": "start_time",
    "ends_at": "end_time",
    "registration_opens_at": "registration_opens_on",
    "registration_closes_at": "registration_closes_on",
}


def _form_field(form, field: str) -> str:
    field = FORM_FIELDS.get(field, field)
    if field in form:
        return field
    return next(f.name for f in form if f.name != "csrf_token")


@staff_bp.get("/")
@roles_required("officer")
def dashboard():
    search, errors = parse_session_search(request.args)
    found = search_sessions(search)
    return render_template(
        "events/staff/dashboard.html",
        found=found,
        errors=errors,
        when_choices=WHEN,
        alerts=queries.open_alerts(),
        taken=queries.taken_by_event([e.id for e in found.events]),
        now=utcnow(),
    ), 400 if errors else 200


@staff_bp.get("/calendar")
@roles_required("officer")
def calendar():
    year = request.args.get("year", type=int) or utcnow().year
    year = min(max(year, 2000), 2100)
    return render_template("events/staff/calendar.html", cal=queries.calendar_for(year))


@staff_bp.route("/new", methods=["GET", "POST"])
@roles_required("officer")
def new():
    form = EventForm()
    publish = request.form.get("publish") == "1"
    created = []
    return _submit(
        form,
        lambda: created.append(services.create_event(form.to_data(), current_user, publish)),
        "events/staff/form.html",
        "Session published." if publish else "Draft session saved.",
        lambda: _detail_url(created[0]),
        event=None,
    )


@staff_bp.get("/<int:event_id>")
@roles_required("officer")
def detail(event_id: int):
    event = queries.get_event(event_id)
    registrations = queries.registrations_of(event)
    # Registrants' names and contact details are personal data: every viewing is audited.
    record_audit(current_user, "events.registrations.view", {"event_id": event.id}, len(registrations))
    db.session.commit()
    return render_template(
        "events/staff/detail.html",
        event=event,
        counts=queries.status_counts(event),
        registrations=registrations,
        check_in=CheckInForm(),
        check_in_problem=event.check_in_problem(),
        RegistrationState=RegistrationState,
        now=utcnow(),
    )


@staff_bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@roles_required("officer")
def edit(event_id: int):
    event = queries.get_event(event_id)
    form = EventForm()
    if request.method == "GET":
        form.fill(event)
    return _submit(
        form,
        lambda: services.update_event(event, form.to_data(), current_user),
        "events/staff/form.html",
        "Session updated.",
        _detail_url(event),
        event=event,
    )


@staff_bp.post("/<int:event_id>/publish")
@roles_required("officer")
def publish(event_id: int):
    event = queries.get_event(event_id)
    services.publish_event(event, current_user)
    db.session.commit()
    flash("Session published.", "success")
    return redirect(_detail_url(event))


@staff_bp.route(
    "/<int:event_id>/postpone",
    methods=["GET", "POST"],
    defaults={"change": "postpone"},
    endpoint="postpone",
)
@staff_bp.route(
    "/<int:event_id>/cancel",
    methods=["GET", "POST"],
    defaults={"change": "cancel"},
    endpoint="cancel",
)
@roles_required("officer")
def change_status(event_id: int, change: str):
    event = queries.get_event(event_id)
    form = NoteForm()
    service = services.postpone_event if change == "postpone" else services.cancel_event
    done = "Session postponed." if change == "postpone" else "Session cancelled."
    return _submit(
        form,
        lambda: service(event, form.note.data, current_user),
        "events/staff/note.html",
        f"{done} Registrants have been emailed.",
        _detail_url(event),
        event=event,
        change=change,
    )


@staff_bp.route("/<int:event_id>/reschedule", methods=["GET", "POST"])
@roles_required("officer")
def reschedule(event_id: int):
    event = queries.get_event(event_id)
    form = RescheduleForm()
    if request.method == "GET":
        form.fill_times(event.starts_at, event.ends_at)
    return _submit(
        form,
        lambda: services.reschedule_event(event, *form.times(), actor=current_user),
        "events/staff/reschedule.html",
        "Session rescheduled. Registrants have been emailed.",
        _detail_url(event),
        event=event,
    )


@staff_bp.post("/<int:event_id>/check-in")
@roles_required("officer")
def check_in(event_id: int):
    event = queries.get_event(event_id)
    form = CheckInForm()
    try:
        if not form.validate_on_submit():
            raise ValidationFailed("Enter the registration reference, like E7KQ2M9XP", "reference")
        registration = check_in_attendee(event, form.reference.data)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(_back_from_check_in(event))
    db.session.commit()
    flash(f"Checked in {registration.name} ({registration.reference}).", "success")
    return redirect(_back_from_check_in(event))


def _back_from_check_in(event) -> str:
    if request.form.get("from") == "list":
        return url_for("events.staff.check_in_list", event_id=event.id)
    return _detail_url(event) + "#check-in"


@staff_bp.route("/<int:event_id>/check-in/list", methods=["GET", "POST"])
@roles_required("officer")
def check_in_list(event_id: int):
    event = queries.get_event(event_id)
    form = WalkInForm()
    if form.validate_on_submit():
        try:
            walk_in = checkin.add_walk_in(event, form.name.data, form.contact.data)
        except DomainError as exc:
            db.session.rollback()
            form_error(form, exc.field if exc.field in form else "name", exc.message)
        else:
            db.session.commit()
            flash(f"Walk-in {walk_in.name} added.", "success")
            return redirect(url_for("events.staff.check_in_list", event_id=event.id))
    people = checkin.check_in_list(event)
    record_audit(current_user, "events.checkin.view", {"event_id": event.id}, len(people))
    db.session.commit()
    return render_template(
        "events/staff/check_in.html", event=event, people=people, form=form,
        walk_ins=checkin.walk_ins_of(event), problem=event.check_in_problem(),
        attendance=checkin.attendance(event)), 400 if form.errors else 200


@staff_bp.get("/<int:event_id>/attendees.csv")
@roles_required("officer")
def attendees_csv(event_id: int):
    event = queries.get_event(event_id)
    headers, rows = services.registrations_for_export(event)
    record_audit(current_user, "events.attendees.csv", {"event_id": event.id}, len(rows))
    db.session.commit()
    return Response(
        write_csv(headers, ([_text(v) for v in row] for row in rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="session-{event.id}-attendees.csv"'},
    )


def _text(value) -> str:
    return "" if value is None else str(value)


@staff_bp.route("/<int:event_id>/views", methods=["GET", "POST"])
@roles_required("officer")
def add_views(event_id: int):
    event = queries.get_event(event_id)
    form = BulkViewsForm()
    stored = []
    return _submit(
        form,
        lambda: stored.extend(services.add_event_views(event, form.text.data, current_user)),
        "events/staff/views.html",
        lambda: f"{len(stored)} views stored as responses from this session.",
        _detail_url(event),
        event=event,
    )


@staff_bp.route("/<int:event_id>/close", methods=["GET", "POST"])
@roles_required("officer")
def close(event_id: int):
    event = queries.get_event(event_id)
    form = CloseForm()
    return _submit(
        form,
        lambda: services.close_event(event, form.report_notes.data, form.organisations_present.data, current_user),
        "events/staff/close.html",
        "Session closed with its report.",
        _detail_url(event),
        event=event,
        counts=queries.status_counts(event),
    )


@staff_bp.route("/<int:event_id>/outcome", methods=["GET", "POST"])
@roles_required("officer")
def outcome(event_id: int):
    event = queries.get_event(event_id)
    form = OutcomeForm()
    if request.method == "GET" and event.outcome_summary:
        form.outcome_summary.data = event.outcome_summary
    return _submit(
        form,
        lambda: services.publish_outcome(event, form.outcome_summary.data, current_user),
        "events/staff/outcome.html",
        "Outcome published on the session page.",
        _detail_url(event),
        event=event,
    )


@staff_bp.post("/alerts/<int:alert_id>/dismiss")
@roles_required("officer")
def dismiss_alert(alert_id: int):
    alert = db.session.get(EventAlert, alert_id)
    if alert is None:
        raise NotFound("There is no such alert.")
    alert.dismissed_at = alert.dismissed_at or utcnow()
    db.session.commit()
    return redirect(url_for("events.staff.dashboard"))


def _detail_url(event) -> str:
    return url_for("events.staff.detail", event_id=event.id)
