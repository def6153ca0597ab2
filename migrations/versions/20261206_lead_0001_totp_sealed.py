"""users.totp_secret sealed at rest (Fernet, key from SECRET_KEY): existing secrets sealed

Revision ID: lead_0001
Revises: loop_0003
Create Date: 2026-12-06 00:00:00

"""
import sqlalchemy as sa
from alembic import op
from flask import current_app

from engage.security.sealing import TOKEN_PREFIX, seal, unseal

revision = "lead_0001"
down_revision = "loop_0003"
branch_labels = None
depends_on = None

PURPOSE = b"engage totp v1"  # engage.accounts.models.TOTP_PURPOSE when written
users = sa.table("users", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))


def _rewrite(change) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(users.c.id, users.c.totp_secret).where(
        users.c.totp_secret.is_not(None))).all()
    for user_id, value in rows:
        new = change(value)
        if new != value:
            conn.execute(users.update().where(users.c.id == user_id).values(totp_secret=new))


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("totp_secret", type_=sa.String(length=255),
                              existing_type=sa.String(length=64), existing_nullable=True)
    key = current_app.config["SECRET_KEY"]
    _rewrite(lambda v: v if v.startswith(TOKEN_PREFIX) else seal(v, PURPOSE, key))


def downgrade():
    key = current_app.config["SECRET_KEY"]
    _rewrite(lambda v: unseal(v, PURPOSE, key) if v.startswith(TOKEN_PREFIX) else v)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("totp_secret", type_=sa.String(length=64),
                              existing_type=sa.String(length=255), existing_nullable=True)
