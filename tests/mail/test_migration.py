"""Rows stored before the outbox worker held the live links officers could read: the
migration withholds them."""

import sqlalchemy as sa
from flask_migrate import upgrade

from engage.extensions import db
from tests.core.test_migrations import scratch_app  # noqa: F401  (fixture)


def test_old_rows_lose_their_private_links_and_gain_a_state(scratch_app):  # noqa: F811
    upgrade(revision="safeguarding_0001")
    with db.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO outbox_messages (\"to\", subject, body, created_at, delivered, error) VALUES "
            "('admin@example.org', 'Reset your password', "
            "'Open this link:\n\nhttp://127.0.0.1:5000/account/reset/abc.def.ghi\n\nThanks', "
            "'2026-11-30 10:00:00', false, NULL)"))
    upgrade(revision="heads")
    with db.engine.connect() as conn:
        body, status, message_id = conn.execute(sa.text(
            "SELECT body, status, message_id FROM outbox_messages")).one()
    assert "/account/reset/" not in body and "private link withheld" in body and "Thanks" in body
    assert status == "sent" and message_id
