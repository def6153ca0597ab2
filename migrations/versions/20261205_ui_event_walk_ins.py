"""events: walk-ins counted in attendance (event_walk_ins)

Revision ID: ui_0003
Revises: ui_0002
Create Date: 2026-12-05 20:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = "ui_0003"
down_revision = "ui_0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_walk_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("contact", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_walk_ins_event_id_events"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_walk_ins")),
    )
    with op.batch_alter_table("event_walk_ins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_walk_ins_event_id"), ["event_id"], unique=False)


def downgrade():
    with op.batch_alter_table("event_walk_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_walk_ins_event_id"))
    op.drop_table("event_walk_ins")
