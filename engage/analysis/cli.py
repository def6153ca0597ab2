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
    from engage.analysis.rollups import recount, stale_marginals, stored

    conn = db.session.connection()
    counts = recount(conn)
    have = stored(conn)
    stale = {k: (have.get(k, 0), counts.get(k, 0)) for k in set(have) | set(counts)
             if have.get(k, 0) != counts.get(k, 0)}
    stale_projected = stale_marginals(conn, counts)
    db.session.rollback()
    if not stale and not stale_projected:
        click.echo("Rollups match a full recount.")
        return
    for key, (had, want) in sorted(stale.items())[:20]:
        click.echo(f"  {key[0]:%Y-%m} {'|'.join(key[1:])}: stored {had}, recounted {want}")
    for key, (had, want) in sorted(stale_projected.items())[:20]:
        click.echo(f"  marginal {key[1]:%Y-%m} {'|'.join(key[:1] + key[2:])}: stored {had}, recounted {want}")
    click.echo(f"{len(stale)} cells and {len(stale_projected)} marginals out of date: "
               "run `flask analysis rebuild-rollups`.", err=True)
    raise SystemExit(1)


@analysis_cli.command("rebuild-rollups")
def rebuild_rollups_command():
    """Recount every cell from the responses and replace the rollup, in one transaction."""
    from engage.analysis.rollups import rebuild_rollups

    cells = rebuild_rollups()
    db.session.commit()
    click.echo(f"Rebuilt the rollup: {cells:,} cells.")
