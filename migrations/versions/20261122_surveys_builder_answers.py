"""Surveys: sections, questions, submissions with 'About you' columns, answers.

Revision ID: surveys_0001
Revises: events_0001
Create Date: 2026-11-22 14:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "surveys_0001"
down_revision = "events_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("privacy_notice", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("has_about_you", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))

    op.create_table(
        "survey_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], name=op.f("fk_survey_sections_survey_id_surveys"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_sections")),
    )
    with op.batch_alter_table("survey_sections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_sections_survey_id"), ["survey_id"], unique=False)

    op.create_table(
        "survey_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("help_text", sa.Text(), nullable=False),
        sa.Column("is_required", sa.Boolean(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("statements", sa.JSON(), nullable=False),
        sa.Column("allows_other", sa.Boolean(), nullable=False),
        sa.Column("other_label", sa.String(length=200), nullable=False),
        sa.Column("min_value", sa.Float(), nullable=True),
        sa.Column("max_value", sa.Float(), nullable=True),
        sa.Column("max_length", sa.Integer(), nullable=True),
        sa.Column("show_if_question_id", sa.Integer(), nullable=True),
        sa.Column("show_if_values", sa.JSON(), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=True),
        sa.Column("indicator_values", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["section_id"], ["survey_sections.id"],
                                name=op.f("fk_survey_questions_section_id_survey_sections"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["show_if_question_id"], ["survey_questions.id"],
                                name=op.f("fk_survey_questions_show_if_question_id_survey_questions"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], name=op.f("fk_survey_questions_survey_id_surveys"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_questions")),
    )
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_questions_indicator"), ["indicator"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_questions_section_id"), ["section_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_questions_survey_id"), ["survey_id"], unique=False)

    op.create_table(
        "survey_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=True),
        sa.Column("resume_token_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("consent_to_quote", sa.Boolean(), nullable=True),
        sa.Column("respondent_id", sa.Integer(), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        *[sa.Column(name, sa.String(length=32), nullable=True) for name in (
            "age_band", "sex", "gender_identity", "ethnicity", "disability", "religion",
            "sexual_orientation", "district", "rural_urban")],
        sa.ForeignKeyConstraint(["entered_by_id"], ["users.id"],
                                name=op.f("fk_survey_submissions_entered_by_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["respondent_id"], ["users.id"],
                                name=op.f("fk_survey_submissions_respondent_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"],
                                name=op.f("fk_survey_submissions_survey_id_surveys"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_submissions")),
        sa.UniqueConstraint("reference", name=op.f("uq_survey_submissions_reference")),
        sa.UniqueConstraint("resume_token_hash", name=op.f("uq_survey_submissions_resume_token_hash")),
    )
    with op.batch_alter_table("survey_submissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_submissions_completed_at"), ["completed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_submissions_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_submissions_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_submissions_survey_id"), ["survey_id"], unique=False)

    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["question_id"], ["survey_questions.id"],
                                name=op.f("fk_survey_answers_question_id_survey_questions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"],
                                name=op.f("fk_survey_answers_response_id_responses"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["submission_id"], ["survey_submissions.id"],
                                name=op.f("fk_survey_answers_submission_id_survey_submissions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
        sa.UniqueConstraint("submission_id", "question_id", name="uq_survey_answers_submission_question"),
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_answers_question_id"), ["question_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_answers_submission_id"), ["submission_id"], unique=False)


def downgrade():
    op.drop_table("survey_answers")
    op.drop_table("survey_submissions")
    op.drop_table("survey_questions")
    op.drop_table("survey_sections")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_column("published_at")
        batch_op.drop_column("has_about_you")
        batch_op.drop_column("privacy_notice")
