"""`flask privacy purge [--apply]`, `access EMAIL`, `erase EMAIL --yes`, `redact-texts [--all]`."""

import click
from flask.cli import AppGroup

from engage.extensions import db
from engage.privacy.retention import purge

privacy_cli = AppGroup("privacy", help="Retention and personal data.")


@privacy_cli.command("purge")
@click.option("--apply", "apply_", is_flag=True, help="Make the changes (without it: a dry run).")
def purge_command(apply_):
    """Apply the retention periods: delete contact details, anonymise old responses."""
    lines = purge(apply=apply_)
    db.session.commit() if apply_ else db.session.rollback()
    click.echo(
        "Applied:" if apply_ else "Dry run (nothing changed; add --apply to make these changes):"
    )
    for line in lines:
        rows = f"{line.rows} row{'' if line.rows == 1 else 's'}"
        click.echo(f"  {line.name}: {rows} older than {line.days} days: {line.what}")
    click.echo(f"Total: {sum(line.rows for line in lines)} rows.")


@privacy_cli.command("redact-texts")
@click.option("--all", "everything", is_flag=True,
              help="Recompute every response (run after the redaction rules change).")
def redact_texts_command(everything):
    """Store the redacted copy of responses' text that every output reads."""
    from engage.privacy.gate import redact_stored_chunk

    done, last = 0, 0
    while (step := redact_stored_chunk(last, everything)) is not None:
        db.session.commit()
        last, done = step[0], done + step[1]
    click.echo(f"Redacted text stored for {done:,} response{'' if done == 1 else 's'}.")


@privacy_cli.command("access")
@click.argument("email")
def access_command(email):
    """Subject access: everything held about EMAIL, as JSON on stdout (audited)."""
    import json

    from engage.privacy.services import export_subject

    data = _or_fail(lambda: export_subject(email, None))
    db.session.commit()
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@privacy_cli.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_command(email, yes):
    """Right to erasure for EMAIL (audited)."""
    from engage.privacy.services import erase_subject

    if not yes:
        click.confirm(f"Erase everything held about {email}?", abort=True)
    counts = _or_fail(lambda: erase_subject(email, None))
    db.session.commit()
    done = ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in counts.items())
    click.echo(f"Erased. {done or 'Nothing was held'}.")


def _or_fail(call):
    from engage.errors import DomainError

    try:
        return call()
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
