"""an analyst's optional reason on each tag change (confirmations included)

Revision ID: tagger_0001
Revises: ui_0005
Create Date: 2026-12-05 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "tagger_0001"
down_revision = "ui_0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("response_tag_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table("response_tag_changes", schema=None) as batch_op:
        batch_op.drop_column("reason")
