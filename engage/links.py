"""Absolute links for emails, calendar files and printed pages. Built from the one
configured PUBLIC_BASE_URL, never from the request's Host header: a link in an email
must point at this site whoever sent the request that triggered it."""

from flask import current_app


def public_url(path: str) -> str:
    """PUBLIC_BASE_URL joined to a path that starts with '/'."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of an endpoint, as url_for would build it, on PUBLIC_BASE_URL.
    Works outside a request too (the worker and CLI commands)."""
    adapter = current_app.url_map.bind("localhost", url_scheme="http")
    return public_url(adapter.build(endpoint, values, force_external=False))
