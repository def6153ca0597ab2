"""`flask users create EMAIL --role ROLE` and `flask users token EMAIL`."""

import click
from flask.cli import AppGroup

from engage.accounts import services
from engage.accounts.roles import Role
from engage.errors import DomainError
from engage.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email, role, name, password):
    """Create an account with a role."""
    try:
        user = services.create_user(email, password, role, name)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    db.session.commit()
    click.echo(f"Created {user.email} with role {user.role}.")


@users_cli.command("reset-2fa")
@click.argument("email")
def reset_two_factor_command(email):
    """Recovery when a phone is lost: remove the account's two-factor secret (an admin
    sets it up again at the next sign-in). Audited."""
    from engage.accounts import two_factor

    user = services.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    two_factor.reset(user)
    db.session.commit()
    click.echo(f"Two-factor sign-in removed for {user.email}.")


@users_cli.command("token")
@click.argument("email")
@click.option("--label", default="", help="What the token is for, shown in the token list.")
@click.option("--days", type=click.IntRange(1, 366), default=None, help="Days until it expires.")
def token_command(email, label, days):
    """Print a new Bearer token for the JSON API. Only its hash is kept; it expires, and
    its owner (/account/tokens) or an admin can revoke it."""
    user = services.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    token = services.issue_api_token(user, label, days)
    db.session.commit()
    click.echo(token)
