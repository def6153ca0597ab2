from datetime import date

import pytest
import sqlalchemy as sa

from engage.audit.models import AuditEvent
from engage.audit.services import record_audit
from engage.errors import ValidationFailed


def test_record_audit_keeps_who_what_scope_and_rows(db, dummy_analyst):
    event = record_audit(
        dummy_analyst,
        "export.csv",
        {"since": date(2026, 4, 1), "label": "asb", "equality": (("sex", "female"),)},
        1234,
    )
    db.session.commit()
    stored = db.session.get(AuditEvent, event.id)
    assert stored.actor_id == dummy_analyst.id
    assert (stored.actor_email, stored.actor_role) == ("analyst@example.org", "analyst")
    assert stored.scope == {"since": "2026-04-01", "label": "asb", "equality": [["sex", "female"]]}
    assert stored.rows == 1234 and stored.created_at is not None


def test_system_actions_and_free_detail(db):
    event = record_audit(None, "privacy.purge", {}, None, detail="Nightly purge")
    assert (event.actor_id, event.actor_email, event.detail) == (None, "", "Nightly purge")


@pytest.mark.parametrize("action, rows", [("", 1), ("x" * 65, 1), ("export.csv", -1)])
def test_rejects_nonsense(db, dummy_analyst, action, rows):
    with pytest.raises(ValidationFailed):
        record_audit(dummy_analyst, action, {}, rows)


def test_the_line_outlives_the_account(db, create_user):
    analyst = create_user("analyst", "leaver@example.org")
    event_id = record_audit(analyst, "export.json", {}, 3).id
    db.session.commit()
    db.session.execute(sa.delete(type(analyst)).where(type(analyst).id == analyst.id))
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(AuditEvent, event_id)
    assert stored.actor_id is None and stored.actor_email == "leaver@example.org"
