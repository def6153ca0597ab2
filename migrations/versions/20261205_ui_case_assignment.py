"""safeguarding cases: assigned officer and in-progress time (safeguarding_cases)

Revision ID: ui_0001
Revises: scale_0001
Create Date: 2026-12-05 19:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = "ui_0001"
down_revision = "scale_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("safeguarding_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("in_progress_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_safeguarding_cases_assigned_to_id_users"),
                                    "users", ["assigned_to_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_safeguarding_cases_assigned_to_id"),
                              ["assigned_to_id"], unique=False)


def downgrade():
    with op.batch_alter_table("safeguarding_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_cases_assigned_to_id"))
        batch_op.drop_constraint(batch_op.f("fk_safeguarding_cases_assigned_to_id_users"),
                                 type_="foreignkey")
        batch_op.drop_column("in_progress_at")
        batch_op.drop_column("assigned_to_id")
