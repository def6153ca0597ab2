"""A few seconds' memory, per process, of public pages that are the same for everyone
who is not signed in (the home page). Under load most of such a page's cost is its
queries and rendering, and nobody can tell a page five seconds old from a fresh one.
Signed-in people, and anyone with a message waiting to be shown, always get a fresh
page; the page holds no form, so no CSRF token is ever shared."""

import time
from collections.abc import Callable

from flask import current_app, session
from flask_login import current_user


def cached_page(key: str, render: Callable[[], str]) -> str:
    """`render()`'s page, reused for PUBLIC_PAGE_CACHE_SECONDS when it is everyone's."""
    seconds = current_app.config["PUBLIC_PAGE_CACHE_SECONDS"]
    if not seconds or "_flashes" in session or current_user.is_authenticated:
        return render()
    pages = current_app.extensions.setdefault("engage.page_cache", {})
    now = time.monotonic()
    hit = pages.get(key)
    if hit is not None and now - hit[0] < seconds:
        return hit[1]
    page = render()
    pages[key] = (now, page)  # one assignment: threads racing here each store a whole page
    return page
