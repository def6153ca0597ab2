"""Unbound extension singletons, initialised in create_app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from engage.db import Base

# One commit per request, just before the redirect or page: expiring every object at that
# commit only made the reads that follow (the reference shown, the next page's URL) go
# back to the database for values the session already holds.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
