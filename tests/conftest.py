"""Browser test harness: Playwright (sync API) driving Debian's Chromium.

Fixtures:

- ``browser`` (session): Chromium from ``/usr/bin/chromium``; never a Playwright download.
  Without Chromium the browser tests are skipped, except under CI (``CI`` set), where a
  missing browser is an error.
- ``page`` / ``phone_page``: a fresh context (zh-CN, Asia/Shanghai) and page per test,
  desktop (1280x900) or phone (390x844, touch).
- ``axe_check``: ``axe_check(page)`` runs axe-core on the current page and fails on
  "serious" or "critical" violations.
- ``login``: ``login(page, live_server, username, password)`` signs in at /accounts/login/.

Every test under ``tests/browser/``, and every test that uses the ``browser`` fixture, is
marked ``browser`` (``pytest -m "not browser"`` leaves them out). Browser tests should
use pytest-django's ``live_server`` fixture.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CONTEXT_OPTIONS = {"locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
# Fail fast rather than after Playwright's 30 s default.
TIMEOUT_MS = 10_000
BROWSER_DIR = Path(__file__).parent / "browser"
AXE_FAILING_IMPACTS = ("serious", "critical")


@pytest.hookimpl(tryfirst=True)  # before -m deselects, so "not browser" sees the mark
def pytest_collection_modifyitems(config, items):
    for item in items:
        in_browser_dir = BROWSER_DIR in Path(str(item.path)).parents
        if in_browser_dir or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not installed ({CHROMIUM})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser tests (apt-get install chromium)")
        pytest.skip("Chromium not installed")

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread; without this,
    # Django refuses ORM calls (SynchronousOnlyOperation) while a browser is open, which
    # is exactly when tests set up or check data. Only for as long as the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _open_page(browser, device):
    context = browser.new_context(**CONTEXT_OPTIONS, **device)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, page = _open_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _open_page(browser, PHONE)
    yield page
    context.close()


def _format_violations(violations):
    lines = [f"{len(violations)} serious/critical accessibility violation(s) (axe-core):"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation.get('helpUrl', '')})"
        )
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node.get("target", []))
            html = " ".join((node.get("html") or "").split())
            lines.append(f"    at {target}: {html[:200]}")
            summary = (node.get("failureSummary") or "").strip()
            for summary_line in summary.splitlines():
                lines.append(f"      {summary_line.strip()}")
    return "\n".join(lines)


@pytest.fixture
def axe_check():
    """``axe_check(page, context=None, options=None)`` asserts no serious/critical issues.

    ``context`` and ``options`` go to ``axe.run`` (e.g. ``options={"rules": {...}}``).
    Returns the full axe results for further checks.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context=None, options=None):
        run_options = {"resultTypes": ["violations"], **(options or {})}
        results = axe.run(page, context=context, options=run_options)
        failing = [
            v for v in results.response["violations"] if v.get("impact") in AXE_FAILING_IMPACTS
        ]
        if failing:
            report = _format_violations(failing)
            print(f"\naxe-core on {page.url}\n{report}")
            pytest.fail(f"axe-core on {page.url}\n{report}", pytrace=False)
        return results

    return check


@pytest.fixture
def login():
    """``login(page, live_server, username, password)`` signs in through the login form."""

    def do_login(page, live_server, username, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="登录").click()
        from django.conf import settings

        # Django only starts a session (cookie "sessionid") once someone has logged in.
        cookie = settings.SESSION_COOKIE_NAME
        if not any(c["name"] == cookie for c in page.context.cookies()):
            alert = page.locator("[role=alert]")
            detail = alert.first.inner_text() if alert.count() else page.url
            pytest.fail(f"login as {username!r} failed: {detail}", pytrace=False)
        response = navigation.value
        if response is not None and response.status >= 500:
            pytest.fail(
                f"logged in as {username!r}, but {response.url} answered {response.status}",
                pytrace=False,
            )
        return page

    return do_login
