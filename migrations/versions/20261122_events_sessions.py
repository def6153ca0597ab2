"""Meet the Commissioner: registrations, capacity alerts, registration window,
status notes, the closing report and the "you said, we did" outcome.

Revision ID: events_0001
Revises: responses_0002
Create Date: 2026-11-22 14:40:00

"""

from alembic import op
import sqlalchemy as sa


revision = "events_0001"
down_revision = "responses_0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_alerts_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_alerts")),
        sa.UniqueConstraint("event_id", "level", name="uq_event_alerts_event_level"),
    )
    with op.batch_alter_table("event_alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_alerts_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("access_needs", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("checked_in_at", sa.DateTime(), nullable=True),
        sa.Column("reminder_sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_registrations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("event_id", "email", name="uq_event_registrations_event_email"),
        sa.UniqueConstraint("reference", name=op.f("uq_event_registrations_reference")),
        sa.UniqueConstraint("token", name=op.f("uq_event_registrations_token")),
    )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_registrations_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_registrations_status"), ["status"], unique=False)

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registration_opens_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("registration_closes_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("status_note", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("report_notes", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("organisations_present", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("attendance", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("outcome_summary", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("outcome_published_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("outcome_published_at")
        batch_op.drop_column("outcome_summary")
        batch_op.drop_column("attendance")
        batch_op.drop_column("organisations_present")
        batch_op.drop_column("report_notes")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("published_at")
        batch_op.drop_column("status_note")
        batch_op.drop_column("registration_closes_at")
        batch_op.drop_column("registration_opens_at")

    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_registrations_status"))
        batch_op.drop_index(batch_op.f("ix_event_registrations_event_id"))

    op.drop_table("event_registrations")
    with op.batch_alter_table("event_alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_alerts_event_id"))

    op.drop_table("event_alerts")
