"""Configuration: defaults here, overridden by the environment (ENGAGE_* plus
DATABASE_URL, SECRET_KEY and MAIL_*), so the same code runs in every place."""

import os
from pathlib import Path


class Config:
    # SQLAlchemy URL; the SQLite file under instance/ is the embedded default.
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Signs sessions, CSRF tokens and password reset links.
    SECRET_KEY = None
    # "development" | "production" | "testing"; production refuses a missing SECRET_KEY.
    ENV_NAME = "development"
    # Cookies: Secure is on unless explicitly running plain HTTP in development.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = True
    # Forms: CSRF tokens valid for the life of the session, not one hour.
    WTF_CSRF_TIME_LIMIT = None
    # Largest request body accepted (bytes); larger bodies get 413.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # Outgoing mail, sent by the worker; with no MAIL_SERVER it writes them to instance/mail/.
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "Make Notts Safe Engage <engage@nottinghamshire.pcc.police.uk>"
    # Seconds the worker waits on any one SMTP read or write.
    MAIL_TIMEOUT = 20
    # The outbox worker (`flask worker`): attempts before a message is marked failed, the
    # first retry's delay (doubling each time, up to the max), how long a claimed message is
    # held by one worker before another may take it over, and how often the worker polls.
    OUTBOX_MAX_ATTEMPTS = 8
    OUTBOX_RETRY_BASE_SECONDS = 60
    OUTBOX_RETRY_MAX_SECONDS = 6 * 3600
    OUTBOX_LEASE_SECONDS = 180
    WORKER_POLL_SECONDS = 5
    # Longest wait between tries while the mail server cannot be reached (doubling from 1 s).
    WORKER_UNREACHABLE_MAX_SECONDS = 60
    # Absolute base of links in emails and calendar feeds.
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"
    # Rate limits (Flask-Limiter); memory:// by default, redis://... when configured.
    RATELIMIT_STORAGE_URI = "memory://"
    # Proxies in front of the app that set X-Forwarded-For/-Proto/-Host (nginx: 1). Rate
    # limits key on the client address, so behind a proxy this must be set.
    PROXY_HOPS = 0
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Per client address, on every public form and JSON endpoint that takes a submission.
    RATELIMIT_PUBLIC_SUBMISSIONS = "20/minute;200/hour"
    # Version of the privacy notice residents see; recorded with every response.
    PRIVACY_NOTICE_VERSION = "2026-12"
    # Retention (days; `flask privacy purge` applies them, dry run unless --apply).
    # Names, emails, phones, postcodes and access needs of event registrations, after the session.
    RETENTION_REGISTRATION_DAYS = 90
    # Contact details left with a summit submission (to be invited to speak), after it was sent.
    RETENTION_SUMMIT_CONTACT_DAYS = 365
    # Responses: link to the account, postcode district, contact consent and the personal
    # details in the text (engage.privacy.gate) removed; the text, tags and aggregates kept.
    RETENTION_RESPONSE_DAYS = 730
    # Copies of sent emails in the outbox (they hold names and addresses), deleted after.
    RETENTION_OUTBOX_DAYS = 90
    # Password reset links expire after this many seconds.
    PASSWORD_RESET_MAX_AGE = 3600
    # Bearer tokens for the JSON API stop working after this many days.
    API_TOKEN_DAYS = 90
    # Emails to one address (registration, "save and come back"), per hour, on top of the
    # per-address-of-the-sender limits: nobody can fill a stranger's inbox from many IPs.
    MAIL_PER_RECIPIENT_PER_HOUR = 5
    # Roles that must sign in with a code from an authenticator app (TOTP) as well.
    TWO_FACTOR_REQUIRED_ROLES = ("admin",)
    # Seconds a staff invitation link works (once): a week.
    INVITATION_MAX_AGE = 7 * 24 * 3600
    # Largest free text accepted in any response.
    RESPONSE_TEXT_MAX = 10_000
    # Tag every new response as it is stored (the tests of other layers may turn it off).
    TAG_ON_CREATE = True
    # Seconds each process reuses the home page as rendered for people not signed in
    # (0: render every time). What is on changes rarely; the home page is the busiest.
    PUBLIC_PAGE_CACHE_SECONDS = 5


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    RATELIMIT_ENABLED = False
    PUBLIC_BASE_URL = "http://localhost"
    PUBLIC_PAGE_CACHE_SECONDS = 0  # tests change what is on between requests (tests/core/test_page_cache.py)


def default_sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "engage.sqlite")


def load_secret_key(instance_path: str) -> str:
    """A development key generated once into instance/, so sessions survive restarts."""
    import secrets

    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def env_overrides() -> dict:
    """The conventional unprefixed variables (the ENGAGE_ ones come via from_prefixed_env)."""
    out = {}
    if os.environ.get("DATABASE_URL"):
        out["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(os.environ["DATABASE_URL"])
    if os.environ.get("SECRET_KEY"):
        out["SECRET_KEY"] = os.environ["SECRET_KEY"]
    for key in ("MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_DEFAULT_SENDER"):
        if os.environ.get(key):
            out[key] = os.environ[key]
    if os.environ.get("MAIL_PORT"):
        out["MAIL_PORT"] = int(os.environ["MAIL_PORT"])
    if os.environ.get("MAIL_USE_TLS"):
        out["MAIL_USE_TLS"] = os.environ["MAIL_USE_TLS"].lower() in ("1", "true", "yes")
    if os.environ.get("REDIS_URL"):
        out["RATELIMIT_STORAGE_URI"] = os.environ["REDIS_URL"]
    if os.environ.get("ANALYSIS_DATABASE_URL"):
        # A read replica for the analysis pages, API summaries and exports (engage.analysis.reads).
        out["ANALYSIS_DATABASE_URL"] = normalise_db_url(os.environ["ANALYSIS_DATABASE_URL"])
    return out


def normalise_db_url(url: str) -> str:
    """postgres:// and postgresql:// both mean psycopg 3 here."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
