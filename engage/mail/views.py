from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from engage.accounts.auth import roles_required
from engage.audit.services import record_audit
from engage.errors import DomainError
from engage.extensions import db
from engage.mail.models import OutboxMessage
from engage.mail.services import failed_messages, outbox_counts, recent_messages, retry_message
from engage.worker.queries import worker_summary

bp = Blueprint("mail", __name__, url_prefix="/staff/outbox")


@bp.get("")
@roles_required("officer")
def outbox():
    messages = recent_messages()
    record_audit(current_user, "outbox.read", {}, len(messages))  # addresses are personal data
    db.session.commit()
    return render_template(
        "mail/outbox.html", messages=messages, failed=failed_messages(),
        counts=outbox_counts(), worker=worker_summary(), form=FlaskForm(),
    )


@bp.post("/<int:message_id>/retry")
@roles_required("officer")
def retry(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    if FlaskForm().validate_on_submit():
        try:
            retry_message(message)
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(f"The message to {message.to} will be sent again by the worker.", "success")
    return redirect(url_for("mail.outbox"))
