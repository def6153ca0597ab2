"""users: secret of two-factor sign-in codes (users.totp_secret)

Revision ID: ui_0005
Revises: ui_0004
Create Date: 2026-12-05 20:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = "ui_0005"
down_revision = "ui_0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_secret")
