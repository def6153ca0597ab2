"""Sending email. Called after the data it speaks of is flushed; failures are
recorded, never raised into the resident's request."""

import smtplib
from email.message import EmailMessage

from flask import current_app, render_template

from engage.extensions import db
from engage.mail.models import OutboxMessage


def send_email(to: str, subject: str, template: str, **context) -> OutboxMessage:
    """Render templates/emails/<template>.txt and send it (or keep it in the outbox)."""
    body = render_template(f"emails/{template}.txt", **context)
    msg = OutboxMessage(to=to, subject=subject, body=body)
    db.session.add(msg)
    server = current_app.config.get("MAIL_SERVER")
    if server:
        try:
            _deliver(server, to, subject, body)
            msg.delivered = True
        except (OSError, smtplib.SMTPException) as exc:
            current_app.logger.warning("Email to %s failed: %s", to, exc)
            msg.error = str(exc)[:500]
    db.session.flush()
    return msg


def _deliver(server: str, to: str, subject: str, body: str) -> None:
    cfg = current_app.config
    email = EmailMessage()
    email["From"] = cfg["MAIL_DEFAULT_SENDER"]
    email["To"] = to
    email["Subject"] = subject
    email.set_content(body)
    with smtplib.SMTP(server, cfg["MAIL_PORT"], timeout=10) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg.get("MAIL_USERNAME"):
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(email)


def recent_messages(limit: int = 100) -> list[OutboxMessage]:
    return list(db.session.scalars(
        db.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))
