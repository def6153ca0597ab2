from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.accounts.models import User
from engage.accounts.roles import role_allows
from engage.audit.services import record_audit
from engage.errors import DomainError
from engage.extensions import db
from engage.responses.models import Response
from engage.safeguarding import queries, services
from engage.safeguarding.forms import ActionForm, AssignForm, ConfirmForm
from engage.safeguarding.models import CaseState, SafeguardingCase
from engage.web import form_error

bp = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding")


def _case(case_id: int) -> SafeguardingCase:
    return db.session.get(SafeguardingCase, case_id) or abort(
        404, "No safeguarding case with that number."
    )


@bp.get("/")
@roles_required("officer")
def index():
    state = request.args.get("state", CaseState.open)
    if state not in CaseState.__members__:
        abort(400, "Choose open or closed cases.")
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 100_000))
    return render_template(
        "safeguarding/index.html",
        cases=queries.list_cases(state, page),
        state=state,
        page=page,
        per_page=queries.PER_PAGE,
        total=queries.count_cases(state),
        open_count=queries.count_cases(CaseState.open),
    )


@bp.route("/<int:case_id>", methods=["GET", "POST"])
@roles_required("officer")
def show(case_id: int):
    case = _case(case_id)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            services.record_action(case, form.outcome.data, form.note.data, current_user)
        except DomainError as exc:
            db.session.rollback()
            form_error(form, exc.field if exc.field in form else "outcome", exc.message)
        else:
            db.session.commit()
            flash(f"Recorded for {case.response.reference}. The case is closed.", "success")
            return redirect(url_for("safeguarding.index"))
    # Reading a disclosure is staff access to personal data: audited.
    record_audit(
        current_user, "safeguarding.view", {"case_id": case.id, "response_id": case.response_id}, 1
    )
    db.session.commit()
    return render_template(
        "safeguarding/show.html", case=case, form=form, reopen_form=ConfirmForm(),
        assign_form=_assign_form(case), start_form=ConfirmForm(),
    ), 400 if form.errors else 200


def _assign_form(case: SafeguardingCase, formdata=None) -> AssignForm:
    form = AssignForm(formdata=formdata) if formdata is not None else AssignForm(
        officer=case.assigned_to_id or 0)
    form.officer.choices = [(0, "Nobody yet")] + [
        (u.id, u.name or u.email) for u in queries.case_officers()]
    return form


@bp.post("/<int:case_id>/assign")
@roles_required("officer")
def assign(case_id: int):
    case = _case(case_id)
    form = _assign_form(case, request.form)
    if not form.validate():
        abort(400, "Choose an officer from the list.")
    officer = db.session.get(User, form.officer.data) if form.officer.data else None
    try:
        services.assign_case(case, officer, current_user)
    except DomainError as exc:
        abort(400, exc.message)
    db.session.commit()
    who = officer.name or officer.email if officer else "nobody"
    flash(f"{case.response.reference} is assigned to {who}.", "success")
    return redirect(url_for("safeguarding.show", case_id=case.id))


@bp.post("/<int:case_id>/start")
@roles_required("officer")
def start(case_id: int):
    case = _case(case_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, "Your form expired. Go back and try again.")
    try:
        services.start_case(case, current_user)
    except DomainError as exc:
        abort(400, exc.message)
    db.session.commit()
    flash(f"{case.response.reference} is in progress.", "success")
    return redirect(url_for("safeguarding.show", case_id=case.id))


@bp.post("/<int:case_id>/reopen")
@roles_required("officer")
def reopen(case_id: int):
    case = _case(case_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, "Your form expired. Go back and try again.")
    services.reopen_case(case)
    db.session.commit()
    flash("Case reopened.", "success")
    return redirect(url_for("safeguarding.show", case_id=case.id))


@bp.post("/flag/<int:response_id>")
@roles_required("officer", "analyst")
def flag(response_id: int):
    response = db.session.get(Response, response_id) or abort(404, "No response with that id.")
    if not ConfirmForm().validate_on_submit():
        abort(400, "Your form expired. Go back and try again.")
    case = services.flag_response(response, current_user)
    db.session.commit()
    flash(f"{response.reference} is in the safeguarding queue.", "success")
    if not role_allows(current_user.role, ("officer",)):
        return redirect(url_for("public.staff_home"))
    return redirect(url_for("safeguarding.show", case_id=case.id))
