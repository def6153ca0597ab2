"""Every channel's confirmation page shows where to get help now, to everyone, so a
person whose words were flagged sees help without being told they were flagged."""

from types import SimpleNamespace

import pytest
from flask import render_template

HELP = ("999", "101", "0800 304 7575", "0808 2000 247", "116 123")
PAGES = {
    "public/tell_us_sent.html": {"reference": "RABC12345"},
    "events/views_sent.html": {"reference": "RABC12345", "event": SimpleNamespace(id=1)},
    "summit/sent.html": {"reference": "SABC12345"},
    "surveys/done.html": {
        "survey": SimpleNamespace(title="Have your say"),
        "submission": SimpleNamespace(reference="QABC12345"),
    },
    "voices/sent.html": {"reference": "VABC12345"},
}


@pytest.mark.parametrize("template", sorted(PAGES))
def test_confirmation_page_shows_help(app, template):
    with app.test_request_context("/"):
        html = render_template(template, **PAGES[template])
    assert all(number in html for number in HELP), template
    assert "Victim CARE" in html and "Domestic Abuse Helpline" in html and "Samaritans" in html
    assert html.count("Where to get help now") == 1, template  # once, not repeated
    assert "flag" not in html.lower() and "safeguarding" not in html.lower()
