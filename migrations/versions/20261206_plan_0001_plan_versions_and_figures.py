"""plan versions (the active Police and Crime Plan as data) and Key Ambition figures

Revision ID: plan_0001
Revises: lead_0001
Create Date: 2026-12-06 00:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "plan_0001"
down_revision = "lead_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("loaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["loaded_by_id"], ["users.id"], name=op.f("fk_plan_versions_loaded_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
    )
    op.create_table(
        "ambition_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ambition_id", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_ambition_figures_period_order")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_ambition_figures_recorded_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambition_figures")),
    )
    with op.batch_alter_table("ambition_figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambition_figures_ambition_id"), ["ambition_id"], unique=False)


def downgrade():
    with op.batch_alter_table("ambition_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ambition_figures_ambition_id"))
    op.drop_table("ambition_figures")
    op.drop_table("plan_versions")
