"""analysis: analysis_marginals (the rollup's cells projected per condition, dimension and
label, for summaries that read hundreds of rows); a partial index on responses whose
text has no stored redaction yet (the export's check for them is then instant); the
index on submitted_at widened to (submitted_at, id, district, channel, community_group)
so deep pages and cut months read the index alone; (channel, source_id) widened the same
way for survey reads

Revision ID: perf_0001
Revises: plan_0001
Create Date: 2026-12-06 00:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "perf_0001"
down_revision = "plan_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "analysis_marginals",
        sa.Column("cond", sa.String(length=80), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("dim", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("cond", "month", "dim", "value", "label", name=op.f("pk_analysis_marginals")),
    )
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.drop_index("ix_responses_channel_source")
        batch_op.create_index(
            "ix_responses_channel_source",
            ["channel", "source_id", "id", "submitted_at", "district", "community_group"], unique=False,
        )
        batch_op.drop_index("ix_responses_submitted_at")
        batch_op.create_index(
            "ix_responses_received", ["submitted_at", "id", "district", "channel", "community_group"], unique=False
        )
        batch_op.create_index(
            "ix_responses_redaction_pending", ["id"], unique=False,
            postgresql_where=sa.text("text_redacted IS NULL"),
            sqlite_where=sa.text("text_redacted IS NULL"),
        )
    # Existing cells are projected by `flask analysis rebuild-rollups`, which the release
    # runs when `flask analysis check-rollups` finds them missing (deploy/README.md).


def downgrade():
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.drop_index("ix_responses_redaction_pending")
        batch_op.drop_index("ix_responses_received")
        batch_op.create_index("ix_responses_submitted_at", ["submitted_at"], unique=False)
        batch_op.drop_index("ix_responses_channel_source")
        batch_op.create_index("ix_responses_channel_source", ["channel", "source_id"], unique=False)
    op.drop_table("analysis_marginals")
