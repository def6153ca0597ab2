"""alerts: the safeguarding rota; events: the calendar SEQUENCE

Revision ID: outbox_0002
Revises: outbox_0001
Create Date: 2026-12-05 20:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "outbox_0002"
down_revision = "outbox_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "safeguarding_rota",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_safeguarding_rota_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_safeguarding_rota")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("sequence")
    op.drop_table("safeguarding_rota")
