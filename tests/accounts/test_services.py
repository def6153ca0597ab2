from datetime import timedelta

import pytest

from engage.accounts import services
from engage.accounts.models import User
from engage.db import utcnow
from engage.errors import InvalidState, NotFound, ValidationFailed
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
    user.locked_until = utcnow() - timedelta(seconds=1)
    assert services.authenticate(user.email, PASSWORD) == user


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


def test_new_api_token_replaces_the_old_one(create_user, db):
    user = create_user()
    first = services.issue_api_token(user)
    second = services.issue_api_token(user)
    assert first != second
    from engage.accounts.models import hash_token

    assert db.session.get(User, user.id).api_token_hash == hash_token(second)
