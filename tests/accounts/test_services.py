import base64
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.accounts import services
from engage.accounts.models import ApiToken
from engage.accounts.tokens import revoke_token, user_for_api_token
from engage.db import utcnow
from engage.errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from engage.security.throttle import Throttle
from tests.fixtures.users import PASSWORD


def test_email_is_unique_whatever_its_case(create_user, db):
    create_user(email="Someone@Example.org")
    with pytest.raises(InvalidState):
        services.create_user("someone@example.ORG", PASSWORD)


def test_short_password_and_unknown_role_are_refused(db):
    with pytest.raises(ValidationFailed, match="at least 10"):
        services.create_user("a@example.org", "short")
    with pytest.raises(ValidationFailed, match="Role"):
        services.create_user("b@example.org", PASSWORD, role="superuser")


def test_password_is_hashed_with_a_modern_scheme(create_user):
    user = create_user()
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_account_locks_after_repeated_failures(create_user, db):
    user = create_user(email="locked@example.org")
    for _ in range(services.MAX_FAILED_SIGN_INS):
        assert services.authenticate(user.email, "wrong password!") is None
    db.session.commit()
    with pytest.raises(InvalidState, match="Too many"):
        services.authenticate(user.email, PASSWORD)
    db.session.execute(sa.update(Throttle).values(blocked_until=utcnow() - timedelta(seconds=1),
                                                  window_started_at=utcnow() - timedelta(hours=1)))
    assert services.authenticate(user.email, PASSWORD) == user


def test_unknown_emails_lock_with_the_same_message(db):
    for _ in range(services.MAX_FAILED_SIGN_INS):
        assert services.authenticate("nobody@example.org", "wrong password!") is None
    with pytest.raises(InvalidState, match="Too many"):
        services.authenticate("nobody@example.org", "wrong password!")


def test_lock_counters_hold_no_email_in_clear(db):
    services.authenticate("nobody@example.org", "wrong password!")
    db.session.commit()
    assert "nobody" not in str(db.session.scalars(sa.select(Throttle.key)).all())


def test_a_reset_lifts_the_lock(create_user, db):
    user = create_user()
    for _ in range(services.MAX_FAILED_SIGN_INS):
        services.authenticate(user.email, "wrong password!")
    services.set_new_password(user, "a brand new password")
    assert services.authenticate(user.email, "a brand new password") == user


def test_wrong_current_passwords_lock_like_sign_in(create_user, db):
    user = create_user()
    for _ in range(services.MAX_FAILED_SIGN_INS):
        with pytest.raises(ValidationFailed):
            services.change_password(user, "wrong password!", "a brand new password")
    with pytest.raises(InvalidState, match="Too many"):
        services.change_password(user, PASSWORD, "a brand new password")
    with pytest.raises(InvalidState, match="Too many"):
        services.authenticate(user.email, PASSWORD)


def test_reset_token_works_once(create_user, app, db):
    user = create_user()
    with app.test_request_context():
        token = services.make_reset_token(user)
        assert services.user_for_reset_token(token) == user
        services.set_new_password(user, "a brand new password")
        with pytest.raises(NotFound):
            services.user_for_reset_token(token)


def test_reset_token_expires(create_user, app):
    user = create_user()
    with app.test_request_context():
        token = services.make_reset_token(user)
        app.config["PASSWORD_RESET_MAX_AGE"] = -1
        try:
            with pytest.raises(InvalidState, match="expired"):
                services.user_for_reset_token(token)
        finally:
            app.config["PASSWORD_RESET_MAX_AGE"] = 3600


def test_reset_token_payload_carries_nothing_of_the_password_hash(create_user, app):
    user = create_user()
    with app.test_request_context():
        token = services.make_reset_token(user)
    payload = base64.urlsafe_b64decode(token.split(".")[0] + "==").decode()
    assert json.loads(payload).keys() == {"id", "s"}
    for part in user.password_hash.split("$"):
        for i in range(len(part) - 7):
            assert part[i:i + 8] not in token


def test_api_tokens_are_stored_hashed_and_several_can_live(create_user, db):
    user = create_user()
    first = services.issue_api_token(user, "script")
    second = services.issue_api_token(user)
    stored = db.session.scalars(sa.select(ApiToken.token_hash)).all()
    assert first not in str(stored) and second not in str(stored) and len(stored) == 2
    assert user_for_api_token(first) == user_for_api_token(second) == user


def test_api_tokens_expire(create_user, db):
    user = create_user()
    token = services.issue_api_token(user, days=1)
    db.session.execute(sa.update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert user_for_api_token(token) is None


@pytest.mark.parametrize("how", ["sign-out", "change", "reset", "deactivate"])
def test_ending_sessions_revokes_every_token(create_user, db, how):
    user, admin = create_user(), create_user("admin")
    token = services.issue_api_token(user)
    if how == "sign-out":
        services.end_sessions(user)
    elif how == "change":
        services.change_password(user, PASSWORD, "a brand new password")
    elif how == "reset":
        services.set_new_password(user, "a brand new password")
    else:
        services.update_staff_account(user, user.role, False, admin)
    assert user_for_api_token(token) is None


def test_only_the_owner_or_an_admin_revokes_a_token(create_user, db):
    owner, other, admin = create_user("analyst"), create_user("officer"), create_user("admin")
    token = services.issue_api_token(owner)
    row_id = db.session.scalar(sa.select(ApiToken.id))
    with pytest.raises(NotAllowed):
        revoke_token(row_id, other)
    assert user_for_api_token(token) == owner
    revoke_token(row_id, admin)
    assert user_for_api_token(token) is None
