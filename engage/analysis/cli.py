"""Operators' commands for the analysis rollup: check it against a full recount, and
rebuild it (after a bulk load, a restore, or anything that wrote around the ORM)."""

import click
from flask.cli import AppGroup

from engage.analysis import rollups  # noqa: F401  (its flush hooks keep the rollup current)
from engage.extensions import db

analysis_cli = AppGroup("analysis", help="The analysis rollup.")


@analysis_cli.command("check-rollups")
def check_rollups_command():
    """Compare the rollup with a full recount; exit 1 when they differ."""
    from engage.analysis.rollups import stale_cells

    stale = stale_cells()
    db.session.rollback()
    if not stale:
        click.echo("Rollups match a full recount.")
        return
    for key, (have, want) in sorted(stale.items())[:20]:
        click.echo(f"  {key[0]:%Y-%m} {'|'.join(key[1:])}: stored {have}, recounted {want}")
    click.echo(f"{len(stale)} cells out of date: run `flask analysis rebuild-rollups`.", err=True)
    raise SystemExit(1)


@analysis_cli.command("rebuild-rollups")
def rebuild_rollups_command():
    """Recount every cell from the responses and replace the rollup, in one transaction."""
    from engage.analysis.rollups import rebuild_rollups

    cells = rebuild_rollups()
    db.session.commit()
    click.echo(f"Rebuilt the rollup: {cells:,} cells.")
