"""outbox: one (status, next_attempt_at, id) index for the worker's claim

Revision ID: outbox_0003
Revises: outbox_0002
Create Date: 2026-12-05 20:00:00

"""
from alembic import op

revision = "outbox_0003"
down_revision = "outbox_0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_status")
        batch_op.drop_index("ix_outbox_messages_next_attempt_at")
        batch_op.create_index("ix_outbox_messages_due", ["status", "next_attempt_at", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_due")
        batch_op.create_index("ix_outbox_messages_next_attempt_at", ["next_attempt_at"], unique=False)
        batch_op.create_index("ix_outbox_messages_status", ["status"], unique=False)
