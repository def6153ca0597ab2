"""`flask events send-reminders` and `flask events expire-offers`: the worker runs both on
its schedule (engage/worker/schedule.py); these run them by hand."""

import click
from flask.cli import AppGroup

from engage.events.registrations import expire_offers, send_due_reminders
from engage.extensions import db

events_cli = AppGroup("events", help="Meet the Commissioner sessions.")


@events_cli.command("send-reminders")
def send_reminders_command():
    """Email everyone registered for a session tomorrow. Safe to run repeatedly."""
    sent = send_due_reminders()
    db.session.commit()
    click.echo(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")


@events_cli.command("expire-offers")
def expire_offers_command():
    """Pass waiting-list offers not taken up in time to the next person."""
    expired = expire_offers()
    db.session.commit()
    click.echo(f"Expired {expired} offer{'s' if expired != 1 else ''}.")
