"""The migrations build exactly the models' schema, and go down and up again."""

import os

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from engage import create_app
from engage.extensions import db


def _scratch_urls(tmp_path):
    urls = ["sqlite:///" + str(tmp_path / "migrations.sqlite")]
    pg = os.environ.get("ENGAGE_TEST_DATABASE_URL")
    if pg:
        from engage.config import normalise_db_url

        base = normalise_db_url(pg)
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text("DROP DATABASE IF EXISTS engage_migrations_test"))
            conn.execute(sa.text("CREATE DATABASE engage_migrations_test"))
        admin.dispose()
        urls.append(base.rsplit("/", 1)[0] + "/engage_migrations_test")
    return urls


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch_app(request, tmp_path):
    urls = _scratch_urls(tmp_path)
    if request.param == "postgresql" and len(urls) == 1:
        pytest.skip("ENGAGE_TEST_DATABASE_URL is not set")
    url = urls[0] if request.param == "sqlite" else urls[1]
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        yield app
        db.engine.dispose()


def _diff():
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)


def test_upgrade_down_to_base_and_up_again_matches_the_models(scratch_app):
    upgrade(revision="heads")
    assert _diff() == []
    downgrade(revision="base")
    assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(revision="heads")
    assert _diff() == []


def test_migrations_form_one_line(app):
    """`flask db upgrade` (as operators run it) needs a single head."""
    from alembic.script import ScriptDirectory

    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        assert len(ScriptDirectory.from_config(config).get_heads()) == 1
