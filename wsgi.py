"""Entry point for `flask --app wsgi` and gunicorn (`gunicorn wsgi:app`)."""

from engage import create_app

app = create_app()
