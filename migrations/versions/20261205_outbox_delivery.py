"""outbox: delivery state, sealed sent copy, attempts; worker heartbeats, lock, job runs

Existing rows get a Message-ID and a state, and any private link in their stored body
(password reset, survey resume, a registration's page) is withheld: before this, the
body officers could read was the one sent.

Revision ID: outbox_0001
Revises: gate_0001
Create Date: 2026-12-05 19:40:00

"""
import re

import sqlalchemy as sa
from alembic import op

revision = "outbox_0001"
down_revision = "gate_0001"
branch_labels = None
depends_on = None

PRIVATE = re.compile(r"\S+/(?:account/reset|surveys/resume|events/registrations)/\S+")
WITHHELD = "[private link withheld: only the recipient's copy has it]"


def upgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed_body", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("message_id", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(), nullable=True))
    _backfill()
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.alter_column("message_id", existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column("status", existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column("next_attempt_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.alter_column("attempts", existing_type=sa.Integer(), server_default=None)
        batch_op.drop_column("delivered")
        batch_op.create_unique_constraint(batch_op.f("uq_outbox_messages_message_id"), ["message_id"])
        batch_op.create_index(batch_op.f("ix_outbox_messages_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_messages_next_attempt_at"), ["next_attempt_at"], unique=False)

    op.create_table(
        "outbox_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["message_id"], ["outbox_messages.id"],
                                name=op.f("fk_outbox_attempts_message_id_outbox_messages"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_attempts")),
    )
    with op.batch_alter_table("outbox_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_attempts_message_id"), ["message_id"], unique=False)

    op.create_table(
        "worker_beats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("beat_at", sa.DateTime(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_beats")),
        sa.UniqueConstraint("name", name=op.f("uq_worker_beats_name")),
    )
    with op.batch_alter_table("worker_beats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_beats_beat_at"), ["beat_at"], unique=False)

    op.create_table(
        "worker_locks",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_worker_locks")),
    )
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=40), nullable=False),
        sa.Column("slot", sa.String(length=40), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
        sa.UniqueConstraint("job", "slot", name="uq_job_runs_job_slot"),
    )
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_runs_started_at"), ["started_at"], unique=False)


def _backfill():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, body, delivered, error, created_at FROM outbox_messages")).fetchall()
    for id_, body, delivered, error, created_at in rows:
        conn.execute(
            sa.text("UPDATE outbox_messages SET body = :body, message_id = :mid, status = :status, "
                    "next_attempt_at = :at, sent_at = :sent WHERE id = :id"),
            {"body": PRIVATE.sub(WITHHELD, body), "mid": f"<legacy-{id_}@engage.invalid>",
             "status": "failed" if error and not delivered else "sent", "at": created_at,
             "sent": created_at if delivered else None, "id": id_},
        )


def downgrade():
    op.drop_table("job_runs")
    op.drop_table("worker_locks")
    op.drop_table("worker_beats")
    op.drop_table("outbox_attempts")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_status"))
        batch_op.drop_constraint(batch_op.f("uq_outbox_messages_message_id"), type_="unique")
        for column in ("sent_at", "claimed_by", "lease_until", "next_attempt_at", "attempts",
                       "status", "message_id", "sealed_body"):
            batch_op.drop_column(column)
