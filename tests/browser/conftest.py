"""Real-browser fixtures: the app served by a real WSGI server on loopback (CSRF on, as
in real use) and headless Chromium driven by Playwright.

The live server always uses its own SQLite file, whatever ENGAGE_TEST_DATABASE_URL says:
the browser sees the server's database, not the suite's. So when the suite runs against
PostgreSQL (the second CI run) these tests are skipped: running them again would prove
nothing new and double the slowest part of CI.
"""

import os
import re
import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.browser import support

CHROMIUM = os.environ.get("ENGAGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a browser test (-m "not browser" leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    """Say how many browser tests ran, so a run that skipped them all cannot pass unnoticed."""
    counts = {outcome: len({r.nodeid for r in terminalreporter.stats.get(outcome, [])
                            if getattr(r, "nodeid", "").startswith("tests/browser/")})
              for outcome in ("passed", "failed", "error", "skipped")}
    if not any(counts.values()):
        return
    terminalreporter.write_line(
        f"Browser tests in Chromium ({CHROMIUM}): {counts['passed']} ran and passed, "
        f"{counts['failed'] + counts['error']} did not pass, {counts['skipped']} were skipped")


@pytest.fixture(scope="session")
def browser_possible():
    if os.environ.get("ENGAGE_TEST_DATABASE_URL"):
        pytest.skip("browser tests run once, in the SQLite run: the live server has its own "
                    "database, whatever ENGAGE_TEST_DATABASE_URL says")
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):  # CI must run them, never skip them quietly
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright (Python) is not installed")


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # one line per request would drown the output
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_app(browser_possible, tmp_path_factory):
    """The app on a fresh SQLite file built by the migrations and seeded with demo data."""
    from flask_migrate import upgrade

    from engage import create_app

    tmp = tmp_path_factory.mktemp("live")
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'live.sqlite'}",
        "WTF_CSRF_ENABLED": True, "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
        "RATELIMIT_ENABLED": False, "MAIL_SERVER": None,
        "TWO_FACTOR_REQUIRED_ROLES": ()})  # test_two_factor.py turns it on for its accounts
    app.instance_path = str(tmp / "instance")
    with app.app_context():
        upgrade(revision="heads")
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output + repr(result.exception)
        support.seed_extras(app)
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """Base URL of the app served by werkzeug in a thread on a free loopback port."""
    port = _free_port()
    server = make_server("127.0.0.1", port, live_app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    live_app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def browser(browser_possible):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _console_problem(page, msg) -> None:
    # A 4xx page (a form with errors is a 400) logs "Failed to load resource"; assets
    # that fail are caught by _asset_problem instead.
    if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
        page.problems.append(f"console error: {msg.text}")


def _asset_problem(page, resp) -> None:
    assets = ("stylesheet", "script", "image", "font")
    if resp.request.resource_type in assets and resp.status >= 400:
        page.problems.append(f"asset {resp.url} answered {resp.status}")


@pytest.fixture(scope="session")
def signed_in_state(browser, live_server):
    """Cookies of a signed-in session per role, made once: signing in costs a password
    hash and three page loads, too much to repeat in every test."""
    states = {}

    def _state(role: str) -> dict:
        if role not in states:
            context = browser.new_context(base_url=live_server)
            support.sign_in(context.new_page(), role)
            states[role] = context.storage_state()
            context.close()
        return states[role]

    return _state


@pytest.fixture
def open_page(browser, live_server, signed_in_state, request):
    """open_page(role=None, js=True, axe=False): a page in a fresh browser context.
    With JS on, the test fails if the page logged a script error or a CSP violation, or
    an asset failed to load. axe=True ignores the CSP so axe-core can be injected."""
    opened = []

    def _open(role: str | None = None, js: bool = True, axe: bool = False):
        if axe and not support.AXE.exists():
            pytest.skip(f"axe-core not installed at {support.AXE} (run npm ci)")
        context = browser.new_context(
            base_url=live_server, viewport={"width": 1100, "height": 900}, locale="en-GB",
            timezone_id="Europe/London", java_script_enabled=js, bypass_csp=axe,
            storage_state=signed_in_state(role) if role else None)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.problems = []
        if js:
            page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
            page.on("console", lambda msg: _console_problem(page, msg))
        page.on("response", lambda resp: _asset_problem(page, resp))
        page.shots = Shooter(page, request.node.name + ("" if len(opened) == 0 else f"-{role}"))
        opened.append((context, page))
        return page

    yield _open
    problems = [p for _, page in opened for p in page.problems]
    for context, _ in opened:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def nojs_page(open_page):
    return open_page(js=False)


@pytest.fixture
def axe_page(open_page):
    return open_page(axe=True)


class Shooter:
    """Saves full-page screenshots as test-artifacts/screenshots/<test>[-<step>].png."""

    def __init__(self, page, test_name: str):
        self.page = page
        self.base = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")
        self.n = 0

    def path(self, filename: str) -> str:
        """Where to keep a download (a PDF, a CSV) next to the screenshots."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return str(SCREENSHOTS / f"{self.base}-{filename}")

    def __call__(self, step: str | None = None) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.n += 1
        name = self.base if step is None else f"{self.base}-{self.n:02d}-{step}"
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path
