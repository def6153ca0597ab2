"""analysis: the rollup of responses by month, district, channel, community group and
label set (analysis_rollups), and the (label, score, response_id) index the summary's quotes walk

Revision ID: scale_0001
Revises: outbox_0003
Create Date: 2026-12-05 19:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = "scale_0001"
down_revision = "outbox_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "analysis_rollups",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("community_group", sa.String(length=64), nullable=False),
        sa.Column("label_set", sa.String(length=800), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month", "district", "channel", "community_group", "label_set",
            name=op.f("pk_analysis_rollups"),
        ),
    )
    with op.batch_alter_table("response_tags", schema=None) as batch_op:
        batch_op.create_index("ix_response_tags_label_score", ["label", "score", "response_id"], unique=False)
    # Existing responses are counted by `flask analysis rebuild-rollups`, which the
    # deployment runs after `db upgrade` (see deploy/README.md).


def downgrade():
    with op.batch_alter_table("response_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_response_tags_label_score")
    op.drop_table("analysis_rollups")
