"""Public "You said, we did" pages, and the officers' forms that publish outcomes."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.errors import DomainError, NotFound, ValidationFailed
from engage.extensions import db
from engage.outcomes import queries, services
from engage.outcomes.forms import OutcomeForm
from engage.outcomes.heard import heard_charts, heard_quotes
from engage.outcomes.models import KIND_NAMES
from engage.outcomes.moderation import moderate, moderation_list
from engage.outcomes.public_counts import SMALL, district_shares, recent_quarters
from engage.places import DISTRICTS
from engage.responses.models import Response
from engage.summit.models import Summit
from engage.surveys.models import Survey
from engage.web import form_error

bp = Blueprint("outcomes", __name__)


def _labels() -> tuple[str, ...]:
    from nlp.taxonomy import LABELS

    return LABELS


@bp.get("/you-said-we-did")
def index():
    district = request.args.get("district") if request.args.get("district") in DISTRICTS else None
    area = request.args.get("area") if request.args.get("area") in _labels() else None
    return render_template(
        "outcomes/index.html", outcomes=queries.published_outcomes(district, area),
        district=district, area=area, areas=[a for a in _labels() if a != "other"],
    )


def _get(model, object_id: int):
    found = db.session.get(model, object_id)
    if found is None:
        raise NotFound("There is no such page.")
    return found


@bp.get("/consultations/<int:survey_id>/outcome")
def consultation(survey_id: int):
    survey = _get(Survey, survey_id)
    outcome = services.consultation_outcome(survey)
    if outcome is None:
        abort(404)
    charts, total = heard_charts(survey)
    return render_template("outcomes/consultation.html", outcome=outcome, kind_name=KIND_NAMES[outcome.kind],
                           charts=charts, total=total, quotes=heard_quotes(survey))


@bp.get("/summit/<int:summit_id>/outcome")
def summit(summit_id: int):
    found = _get(Summit, summit_id)
    outcome = services.summit_outcome(found)
    if outcome is None:
        abort(404)
    return render_template("outcomes/show.html", outcome=outcome, kind_name=KIND_NAMES[outcome.kind])


def _edit(subject, existing, publish, public_url: str, back_url: str):
    form = OutcomeForm(obj=existing)
    if form.validate_on_submit():
        try:
            publish(subject, form.outcome_data(), current_user)
        except DomainError as exc:
            db.session.rollback()
            errors = exc.errors if isinstance(exc, ValidationFailed) else {exc.field: [exc.message]}
            for field, messages in errors.items():
                form_error(form, field if field in form else "heard", messages[0])
        else:
            db.session.commit()
            return redirect(public_url)
    return render_template(
        "outcomes/edit.html", form=form, subject_title=subject.title, back_url=back_url,
        existing=existing,
    ), 400 if form.errors else 200


@bp.route("/staff/outcomes/consultations/<int:survey_id>", methods=["GET", "POST"])
@roles_required("officer")
def edit_consultation(survey_id: int):
    survey = _get(Survey, survey_id)
    return _edit(survey, services.consultation_outcome(survey), services.publish_consultation_outcome,
                 url_for("outcomes.consultation", survey_id=survey.id),
                 url_for("surveys.results.results", survey_id=survey.id))


@bp.route("/staff/outcomes/summit/<int:summit_id>", methods=["GET", "POST"])
@roles_required("officer")
def edit_summit(summit_id: int):
    found = _get(Summit, summit_id)
    return _edit(found, services.summit_outcome(found), services.publish_summit_outcome,
                 url_for("outcomes.summit", summit_id=found.id),
                 url_for("summit.agenda", summit_id=found.id))


MODERATION_STATES = {"received": "Awaiting a decision", "published": "Approved for quoting",
                     "hidden": "Hidden"}


@bp.route("/staff/moderation", methods=["GET", "POST"])
@roles_required("officer")
def moderation():
    """The queue of quotable responses; each row approves, or hides with a reason."""
    state = request.args.get("state") if request.args.get("state") in MODERATION_STATES else "received"
    error, status = None, 200
    if request.method == "POST":
        response = db.session.get(Response, request.form.get("response_id", type=int) or 0)
        try:
            if response is None:
                raise NotFound("There is no such response.")
            made = moderate(response, request.form.get("decision", ""), request.form.get("reason", ""),
                            current_user)
        except DomainError as exc:
            db.session.rollback()
            error = {"id": request.form.get("response_id", type=int), "message": exc.message}
            status = 404 if isinstance(exc, NotFound) else 400
        else:
            db.session.commit()
            done = "approved for quoting" if made.decision == "approve" else "hidden"
            flash(f"{response.reference} {done}.", "success")
            return redirect(url_for("outcomes.moderation", state=state))
    return render_template(
        "outcomes/moderation.html", responses=moderation_list(state), state=state,
        states=MODERATION_STATES, error=error,
    ), status


@bp.get("/what-we-heard")
def what_we_heard():
    quarters = recent_quarters()
    chosen = next((q for q in quarters if q.key == request.args.get("quarter")), quarters[0])
    return render_template("outcomes/what_we_heard.html", quarters=quarters, quarter=chosen,
                           data=district_shares(chosen), small=SMALL)


@bp.get("/analysis/coverage")
@roles_required("analyst", "officer")
def coverage():
    from engage.outcomes.coverage import UNKNOWN
    from engage.outcomes.coverage import coverage as read_coverage

    return render_template("outcomes/coverage.html", data=read_coverage(), unknown=UNKNOWN)
