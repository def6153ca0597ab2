"""moderation decisions: approve or hide a response for public quoting

Revision ID: loop_0002
Revises: loop_0001
Create Date: 2026-12-05 20:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = "loop_0002"
down_revision = "loop_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "moderation_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"],
                                name=op.f("fk_moderation_decisions_actor_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"],
                                name=op.f("fk_moderation_decisions_response_id_responses"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_decisions")),
    )
    with op.batch_alter_table("moderation_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moderation_decisions_response_id"), ["response_id"], unique=False)


def downgrade():
    with op.batch_alter_table("moderation_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_decisions_response_id"))
    op.drop_table("moderation_decisions")
