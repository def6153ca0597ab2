"""Responses: text_redacted, the text with personal details redacted, computed once when
the text is stored so exports never redact row by row (filled for existing rows by
`flask privacy redact-texts`; NULL rows are redacted on the fly until then).

Revision ID: gate_0001
Revises: sec_0001
Create Date: 2026-12-05 19:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "gate_0001"
down_revision = "sec_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_redacted", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.drop_column("text_redacted")
