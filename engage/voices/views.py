from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from engage.accounts import services as account_services
from engage.accounts.auth import roles_required
from engage.audit.services import record_audit
from engage.errors import DomainError, ValidationFailed
from engage.extensions import db, limiter
from engage.voices import queries, services
from engage.voices.communities import COMMUNITY_GROUPS
from engage.voices.forms import ApplyForm, DecisionForm, OrganisationForm, VoicesForm
from engage.voices.models import GATHERING_METHODS, PartnerOrganisation, PartnerState
from engage.web import form_error

bp = Blueprint("voices", __name__, url_prefix="/voices")
NAMES = {"communities": COMMUNITY_GROUPS, "methods": GATHERING_METHODS}


def _failed(form, exc: DomainError) -> None:
    """Put a service's errors on the form (views.N on its box), and drop anything half-written."""
    db.session.rollback()
    errors = exc.errors if isinstance(exc, ValidationFailed) else {exc.field: [exc.message]}
    for field, messages in errors.items():
        box = field.removeprefix("views.")
        if box.isdigit() and "views" in form and int(box) < len(form.views.entries):
            form.views.entries[int(box)].errors = list(messages)
            form.views.errors = list(form.views.errors or []) + list(messages)
            continue
        for message in messages:
            form_error(form, field, message)


def _signed_in():
    return current_user if current_user.is_authenticated else None


@bp.get("/")
def index():
    return render_template(
        "voices/index.html",
        communities=COMMUNITY_GROUPS,
        organisation=services.organisation_of(_signed_in()),
    )


@bp.route("/apply", methods=["GET", "POST"])
@limiter.limit("5/minute", methods=["POST"])
def apply():
    user = _signed_in()
    if services.organisation_of(user) is not None:
        return redirect(url_for("voices.organisation"))
    form = OrganisationForm() if user else ApplyForm()
    if form.validate_on_submit():
        try:
            org = services.apply_for_partnership(form.organisation_data(), user)
        except services.AccountExists as exc:
            db.session.rollback()
            account_services.hash_for_timing(form.password.data)
            account_services.send_account_notice(exc.user.email, "account_exists", user=exc.user)
            db.session.commit()
            return render_template("voices/apply_sent.html", email=form.email.data)
        except DomainError as exc:
            _failed(form, exc)
        else:
            if user is None:  # the same answer as for an address that has an account
                account_services.send_account_notice(org.user.email, "account_created",
                                                      user=org.user, organisation=org)
                db.session.commit()
                return render_template("voices/apply_sent.html", email=form.email.data)
            db.session.commit()
            flash(
                "Application received. An engagement officer will "
                "check it and verify your organisation.",
                "success",
            )
            return redirect(url_for("voices.organisation"))
    return render_template("voices/apply.html", form=form, user=user), 400 if form.errors else 200


@bp.get("/organisation")
@roles_required("partner")
def organisation():
    org = services.organisation_of(current_user)
    subs = queries.voices_submissions(org) if org else []
    return render_template("voices/organisation.html", organisation=org, submissions=subs, **NAMES)


@bp.route("/submit", methods=["GET", "POST"])
@roles_required("partner")
def submit():
    org = services.organisation_of(current_user)
    if org is None or not org.can_submit():
        flash("Only verified partner organisations can submit community feedback.", "info")
        return redirect(url_for("voices.organisation"))
    form = VoicesForm()
    # Offer only the communities the organisation was verified for (the service checks too).
    form.community_group.choices = [form.community_group.choices[0]] + [
        (k, v) for k, v in form.community_group.choices[1:] if k in (org.communities or [])]
    if form.validate_on_submit():
        try:
            submission = services.submit_voices(current_user, form.voices_data())
        except DomainError as exc:
            _failed(form, exc)
        else:
            db.session.commit()
            session["voices_reference"] = submission.reference
            return redirect(url_for("voices.sent"))
    return render_template(
        "voices/submit.html", form=form, organisation=org
    ), 400 if form.errors else 200


@bp.get("/sent")
@roles_required("partner")
def sent():
    reference = session.get("voices_reference")
    if not reference:
        return redirect(url_for("voices.organisation"))
    return render_template("voices/sent.html", reference=reference)


@bp.get("/partners")
@roles_required("officer")
def partners():
    status = (
        request.args.get("status")
        if request.args.get("status") in PartnerState.__members__
        else None
    )
    return render_template(
        "voices/partners.html",
        partners=queries.partners(status),
        status=status,
        states=PartnerState,
        **NAMES,
    )


@bp.route("/partners/<int:partner_id>", methods=["GET", "POST"])
@roles_required("officer")
def partner(partner_id: int):
    org = db.get_or_404(PartnerOrganisation, partner_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            services.decide_partner(org, form.decision.data or "", current_user, form.note.data)
        except DomainError as exc:
            _failed(form, exc)
            org = db.get_or_404(PartnerOrganisation, partner_id)
        else:
            db.session.commit()
            flash(f"{org.name}: {org.status_name.lower()}", "success")
            return redirect(url_for("voices.partner", partner_id=org.id))
    subs = queries.voices_submissions(org)
    # The page shows the partner's contact details: every read is logged.
    record_audit(current_user, "voices.partner.read", {"partner_id": org.id}, 1)
    db.session.commit()
    return render_template(
        "voices/partner.html", organisation=org, form=form, submissions=subs, **NAMES
    ), 400 if form.errors else 200


@bp.get("/feedback")
@roles_required("officer")
def feedback():
    subs = queries.voices_submissions()
    record_audit(current_user, "voices.feedback", {}, len(subs))
    db.session.commit()
    return render_template(
        "voices/feedback.html", submissions=subs, views=queries.views_of(subs), **NAMES
    )
