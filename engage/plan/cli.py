"""Operators' commands for the plan: load a plan file (validated, audited, made active)
and show the active plan."""

from pathlib import Path

import click
from flask.cli import AppGroup

from engage.extensions import db

plan_cli = AppGroup("plan", help="The Police and Crime Plan the platform reports against.")


@plan_cli.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load_command(path: Path):
    """Validate PATH and make it the active plan; nothing is saved if it has a problem."""
    from engage.plan.schema import PlanFileError
    from engage.plan.services import load_plan

    try:
        version = load_plan(path.read_bytes(), path.name, None)
    except PlanFileError as exc:
        db.session.rollback()
        click.echo(f"{path.name} was not loaded; the active plan is unchanged:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        raise SystemExit(1) from None
    db.session.commit()
    click.echo(f"Loaded {version.title} ({version.period}) as plan version {version.id}: now active.")


@plan_cli.command("show")
def show_command():
    """Print the active plan: objectives, priority areas with their tagger labels, ambitions."""
    from engage.plan.active import active_plan

    plan = active_plan()
    where = f"plan version {plan.version_id}" if plan.version_id else "the plan file shipped with the app"
    click.echo(f"{plan.title} ({plan.period}), from {where}")
    click.echo("Objectives:")
    for o in plan.objectives:
        click.echo(f"  {o['id']}: {o['title']}")
    click.echo("Priority areas (tagger labels):")
    for a in plan.areas:
        click.echo(f"  {a['id']}: {a['name']} [{', '.join(a['labels'])}] -> {', '.join(a['objectives'])}")
    click.echo("Key Ambitions:")
    for a in plan.ambitions:
        click.echo(f"  {a['id']} ({a['objective']}): {a['target_text']}, baseline {a['baseline']}")
