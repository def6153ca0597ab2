"""Make Notts Safe Engage: the OPCC's engagement and consultation platform."""

import os

from flask import Flask

from engage import config as cfg


def create_app(config: dict | None = None) -> Flask:
    """Defaults -> environment -> explicit overrides (tests), then wire everything up."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    testing = bool(config and config.get("TESTING"))
    app.config.from_object(cfg.TestingConfig if testing else cfg.Config)
    app.config.from_prefixed_env("ENGAGE")
    app.config.update(cfg.env_overrides())
    if config:
        app.config.update(config)
    _finish_config(app)
    if app.config.get("PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    from engage.errors import register_errorhandlers

    register_errorhandlers(app)
    register_commands(app)
    from engage.web import register_web

    register_web(app)
    return app


def _finish_config(app: Flask) -> None:
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = cfg.default_sqlite_url(app.instance_path)
    if not app.config.get("SECRET_KEY"):
        if app.config["ENV_NAME"] == "production":
            raise RuntimeError("SECRET_KEY must be set in production (ENGAGE_ENV_NAME=production).")
        app.config["SECRET_KEY"] = cfg.load_secret_key(app.instance_path)
    if app.config.get("ANALYSIS_DATABASE_URL"):
        # Analysis reads go to this bind (a read replica): engage.analysis.reads.
        app.config["SQLALCHEMY_BINDS"] = {**(app.config.get("SQLALCHEMY_BINDS") or {}),
                                          "analysis": app.config["ANALYSIS_DATABASE_URL"]}
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # SQLite: no pool pre-ping needed; longer busy timeout for concurrent writers.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"timeout": 30}}


def register_extensions(app: Flask) -> None:
    from engage.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    from engage.accounts import auth  # noqa: F401  (user loader)
    from engage.db_events import register_sqlite_pragmas

    register_sqlite_pragmas(app)


def register_blueprints(app: Flask) -> None:
    from engage.accounts.two_factor_views import bp as two_factor_bp
    from engage.accounts.views import admin_bp
    from engage.accounts.views import bp as accounts_bp
    from engage.alerts.views import bp as alerts_bp
    from engage.analysis.views import bp as analysis_bp
    from engage.api import bp as api_bp
    from engage.audit.views import bp as audit_bp
    from engage.events.views import bp as events_bp
    from engage.mail.views import bp as mail_bp
    from engage.outcomes.views import bp as outcomes_bp
    from engage.plan.figure_views import bp as figures_bp
    from engage.plan.views import bp as plan_bp
    from engage.privacy.views import bp as privacy_bp
    from engage.public.views import bp as public_bp
    from engage.responses.views import bp as responses_bp
    from engage.safeguarding.views import bp as safeguarding_bp
    from engage.summit.views import bp as summit_bp
    from engage.surveys.views import bp as surveys_bp
    from engage.voices.views import bp as voices_bp

    for bp in (public_bp, accounts_bp, two_factor_bp, admin_bp, events_bp, surveys_bp, summit_bp,
               voices_bp, responses_bp, analysis_bp, audit_bp, safeguarding_bp, privacy_bp, api_bp,
               mail_bp, alerts_bp, outcomes_bp, plan_bp, figures_bp):
        app.register_blueprint(bp)


def register_hooks(app: Flask) -> None:
    """Safeguarding on every new response; rate limits on every public write endpoint."""
    from engage.responses.services import register_response_hook
    from engage.safeguarding.services import flag_if_at_risk, install_publish_guard
    from engage.security import limit_public_submissions, reject_out_of_range_ids, reject_oversized_bodies
    from engage.security.inputs import clean_inputs

    clean_inputs(app)
    register_response_hook(app, flag_if_at_risk)
    install_publish_guard()
    from engage.privacy.gate import install_text_redaction

    install_text_redaction()
    limit_public_submissions(app)
    reject_oversized_bodies(app)
    reject_out_of_range_ids(app)


def register_commands(app: Flask) -> None:
    from engage.accounts.cli import users_cli
    from engage.analysis.cli import analysis_cli
    from engage.demo import seed_demo_command
    from engage.events.cli import events_cli
    from engage.plan.cli import plan_cli
    from engage.privacy.cli import privacy_cli
    from engage.responses.cli import nlp_cli
    from engage.worker.cli import worker_command

    app.cli.add_command(users_cli)
    app.cli.add_command(nlp_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(events_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(analysis_cli)
    app.cli.add_command(plan_cli)
