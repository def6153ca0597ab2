"""safeguarding: cases and officers' actions (safeguarding_cases, safeguarding_actions)

Revision ID: safeguarding_0001
Revises: analysis_0001
Create Date: 2026-11-22 14:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = "safeguarding_0001"
down_revision = "analysis_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "safeguarding_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("detector_version", sa.String(length=40), nullable=True),
        sa.Column("flagged_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"],
                                name=op.f("fk_safeguarding_cases_response_id_responses"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["flagged_by_id"], ["users.id"],
                                name=op.f("fk_safeguarding_cases_flagged_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_cases")),
        sa.UniqueConstraint("response_id", name=op.f("uq_safeguarding_cases_response_id")),
    )
    with op.batch_alter_table("safeguarding_cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safeguarding_cases_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_safeguarding_cases_state"), ["state"], unique=False)
    op.create_table(
        "safeguarding_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["safeguarding_cases.id"],
                                name=op.f("fk_safeguarding_actions_case_id_safeguarding_cases"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"],
                                name=op.f("fk_safeguarding_actions_actor_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_actions")),
    )
    with op.batch_alter_table("safeguarding_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safeguarding_actions_case_id"), ["case_id"], unique=False)


def downgrade():
    with op.batch_alter_table("safeguarding_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_actions_case_id"))
    op.drop_table("safeguarding_actions")
    with op.batch_alter_table("safeguarding_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_cases_state"))
        batch_op.drop_index(batch_op.f("ix_safeguarding_cases_created_at"))
    op.drop_table("safeguarding_cases")
