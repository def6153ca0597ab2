"""tag history and the model's own labels

Revision ID: responses_0002
Revises: 98e3e763d558
Create Date: 2026-11-22 14:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "responses_0002"
down_revision = "98e3e763d558"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "response_tag_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("model_version", sa.String(length=80), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"],
                                name=op.f("fk_response_tag_changes_actor_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"],
                                name=op.f("fk_response_tag_changes_response_id_responses"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_tag_changes")),
    )
    with op.batch_alter_table("response_tag_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_response_tag_changes_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_response_tag_changes_response_id"), ["response_id"], unique=False)
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("model_labels", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.drop_column("model_labels")
    with op.batch_alter_table("response_tag_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_response_tag_changes_response_id"))
        batch_op.drop_index(batch_op.f("ix_response_tag_changes_created_at"))
    op.drop_table("response_tag_changes")
