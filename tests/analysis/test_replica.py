"""With ANALYSIS_DATABASE_URL set, summaries and exports read the replica; without it,
the primary."""

import shutil

import pytest
from flask_migrate import upgrade

from engage import create_app
from engage.analysis.exports import iter_export_rows
from engage.analysis.summary import build_summary
from engage.analysis.tally import Tally
from engage.extensions import db
from engage.responses.queries import ResponseFilter
from engage.responses.services import create_response


def _app(primary, replica=None):
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{primary}", "TAG_ON_CREATE": False}
    if replica:
        config["ANALYSIS_DATABASE_URL"] = f"sqlite:///{replica}"
    return create_app(config)


@pytest.fixture
def primary_and_replica(tmp_path):
    """A replica that has caught up with one response, and a primary that has two."""
    primary, replica = tmp_path / "primary.sqlite", tmp_path / "replica.sqlite"
    app = _app(primary)
    with app.app_context():
        upgrade(revision="heads")
        create_response("direct", "Cars race through the village every night", district="gedling")
        db.session.commit()
        db.engine.dispose()
    shutil.copy(primary, replica)
    with app.app_context():
        create_response("direct", "Drug dealing outside the flats all day", district="ashfield")
        db.session.commit()
        db.engine.dispose()
    return primary, replica


def test_analysis_reads_go_to_the_replica_when_it_is_set(primary_and_replica):
    primary, replica = primary_and_replica
    app = _app(primary, replica)
    with app.app_context():
        assert Tally(ResponseFilter()).by("district") == {"gedling": 1}
        assert build_summary(ResponseFilter())["total"] == 1
        assert [row[4] for row in iter_export_rows(ResponseFilter())] == ["gedling"]
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def test_without_a_replica_they_read_the_primary(primary_and_replica):
    primary, _ = primary_and_replica
    app = _app(primary)
    with app.app_context():
        assert Tally(ResponseFilter()).by("district") == {"gedling": 1, "ashfield": 1}
        assert len(list(iter_export_rows(ResponseFilter()))) == 2
        db.session.remove()
        db.engine.dispose()
