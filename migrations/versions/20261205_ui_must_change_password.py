"""users: a temporary password must be changed at first sign-in (users.must_change_password)

Revision ID: ui_0002
Revises: ui_0001
Create Date: 2026-12-05 20:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = "ui_0002"
down_revision = "ui_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
