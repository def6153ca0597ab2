"""events: a registration made while signed in is linked to the account (event_registrations.user_id)

Revision ID: ui_0004
Revises: ui_0003
Create Date: 2026-12-05 20:25:00

"""
from alembic import op
import sqlalchemy as sa


revision = "ui_0004"
down_revision = "ui_0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_event_registrations_user_id_users"),
                                    "users", ["user_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_event_registrations_user_id"), ["user_id"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_registrations_user_id"))
        batch_op.drop_constraint(batch_op.f("fk_event_registrations_user_id_users"),
                                 type_="foreignkey")
        batch_op.drop_column("user_id")
