"""survey submissions: hear_back (email me when the outcome is published)

Revision ID: loop_0003
Revises: loop_0002
Create Date: 2026-12-05 20:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = "loop_0003"
down_revision = "loop_0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("survey_submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hear_back", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("survey_submissions", schema=None) as batch_op:
        batch_op.drop_column("hear_back")
