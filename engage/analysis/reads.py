"""Where analysis reads go. With ANALYSIS_DATABASE_URL set (a PostgreSQL read replica),
the rollup reads, the summary's quotes and exports run there, through the "analysis"
bind, so heavy reading never competes with residents' writes on the primary; without
it they share the request's connection to the primary. Paged lists stay on the
primary: an analyst who has just corrected a tag sees it at once."""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app

from engage.extensions import db

BIND = "analysis"


def replica_configured() -> bool:
    return BIND in (current_app.config.get("SQLALCHEMY_BINDS") or {})


@contextmanager
def analysis_connection() -> Iterator:
    """A connection for reading: the replica's (returned to its pool on exit), or the
    session's own on the primary."""
    if not replica_configured():
        yield db.session.connection()
        return
    with db.engines[BIND].connect() as conn:
        yield conn


def read_all(stmt) -> list:
    with analysis_connection() as conn:
        return conn.execute(stmt).all()
