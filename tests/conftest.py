"""Shared fixtures: a real database built by the migrations (SQLite file by default,
PostgreSQL when ENGAGE_TEST_DATABASE_URL is set), emptied after every test."""

import os

import pytest
import sqlalchemy as sa
from flask import g

from engage import create_app
from engage.extensions import db as _db

pytest_plugins = [
    "tests.fixtures.users",
    "tests.fixtures.analysis",
    "tests.fixtures.events",
    "tests.fixtures.responses",
    "tests.fixtures.summit",
    "tests.fixtures.surveys",
    "tests.fixtures.voices",
]


def _reset_schema(url: str) -> None:
    """Start PostgreSQL test runs from an empty schema (never a production database)."""
    if not url.startswith("postgresql"):
        return
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    from engage.config import normalise_db_url

    url = os.environ.get("ENGAGE_TEST_DATABASE_URL")
    if url:
        return normalise_db_url(url)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "engage-test.sqlite")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    _reset_schema(database_url)
    # Two-factor sign-in is off for admins here (its own tests turn it on): the suite's
    # sign_in helper signs admins in with a password alone.
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False,
                      "TWO_FACTOR_REQUIRED_ROLES": ()})
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(revision="heads")

    @app.before_request
    def _forget_cached_user():
        # Tests keep an app context open, which Flask reuses for each request: drop
        # Flask-Login's cached user so every request authenticates afresh, as in real use.
        g.pop("_login_user", None)

    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app):
    with app.app_context():
        yield _db
        _db.session.remove()
        _empty_tables()


def _empty_tables() -> None:
    tables = [t for t in reversed(_db.metadata.sorted_tables)]
    with _db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for t in tables:
                conn.execute(t.delete())


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF checks on, for the tests that prove they hold."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False
