"""outcomes: published consultation and summit outcomes (you said, we did)

Revision ID: loop_0001
Revises: tagger_0001
Create Date: 2026-12-05 20:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = "loop_0001"
down_revision = "tagger_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=True),
        sa.Column("summit_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("heard", sa.Text(), nullable=False),
        sa.Column("will_do", sa.Text(), nullable=False),
        sa.Column("districts", sa.JSON(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"],
                                name=op.f("fk_outcomes_published_by_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["summit_id"], ["summits.id"],
                                name=op.f("fk_outcomes_summit_id_summits"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"],
                                name=op.f("fk_outcomes_survey_id_surveys"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
        sa.UniqueConstraint("summit_id", name=op.f("uq_outcomes_summit_id")),
        sa.UniqueConstraint("survey_id", name=op.f("uq_outcomes_survey_id")),
    )
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcomes_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_outcomes_published_at"), ["published_at"], unique=False)


def downgrade():
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcomes_published_at"))
        batch_op.drop_index(batch_op.f("ix_outcomes_kind"))
    op.drop_table("outcomes")
