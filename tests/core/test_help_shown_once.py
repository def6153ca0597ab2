"""Each confirmation page shows 'Where to get help now' exactly once (the event thank-you
page showed it twice)."""

import pytest
from flask import render_template

from tests.safeguarding.test_confirmation_pages import PAGES


@pytest.mark.parametrize("template", sorted(PAGES))
def test_help_is_shown_once(app, template):
    with app.test_request_context("/"):
        html = render_template(template, **PAGES[template])
    assert html.count("Where to get help now") == 1, template
