"""responses: equality_answers, the optional 'About you' answers given with a view at a
session, a summit submission or 'tell us in confidence' (the survey's questions and
values; one row per response, deleted with the response's personal details)

Revision ID: equality_0001
Revises: perf_0001
Create Date: 2026-12-06 02:38:13

"""
import sqlalchemy as sa
from alembic import op

revision = "equality_0001"
down_revision = "perf_0001"
branch_labels = None
depends_on = None

KEYS = ("age_band", "sex", "gender_identity", "ethnicity", "disability", "religion",
        "sexual_orientation", "district", "rural_urban")


def upgrade():
    op.create_table(
        "equality_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        *[sa.Column(key, sa.String(length=32), nullable=True) for key in KEYS],
        sa.ForeignKeyConstraint(["respondent_id"], ["users.id"],
                                name=op.f("fk_equality_answers_respondent_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"],
                                name=op.f("fk_equality_answers_response_id_responses"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_answers")),
        sa.UniqueConstraint("response_id", name=op.f("uq_equality_answers_response_id")),
    )
    with op.batch_alter_table("equality_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equality_answers_answered_at"), ["answered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_equality_answers_respondent_id"), ["respondent_id"], unique=False)


def downgrade():
    with op.batch_alter_table("equality_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equality_answers_respondent_id"))
        batch_op.drop_index(batch_op.f("ix_equality_answers_answered_at"))
    op.drop_table("equality_answers")
