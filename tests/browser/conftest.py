"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright."""

import os
import time
from pathlib import Path

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from handreiking.models import EditingPresence

CHROMIUM = Path("/usr/bin/chromium")
PAGE_TIMEOUT_MS = 30_000
expect.set_options(timeout=PAGE_TIMEOUT_MS)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        pytest.skip("Chromium ontbreekt (/usr/bin/chromium); installeer het pakket chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps connections per context, and Playwright's sync API switches context: hand
    # the database snapshot (serialized_rollback) on to the connection the tests will see.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in these tests
    # are still plain synchronous calls, so Django's async-safety guard does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def _edit_pages_have_said_goodbye(live_server):
    """An edit page sends one last request when it closes (the end of the editor's presence).
    Torn down after the test's pages and before the live server: wait (briefly) for that request
    to be done, so it never reaches the shared test database while it is being flushed."""
    yield
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            if not EditingPresence.objects.exists():
                return
        except OperationalError:
            pass  # SQLite: the table is locked while that last request writes
        time.sleep(0.05)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    # How long a page may take to show what a test waits for: a bound against hanging, not a
    # measure. Generous, because a busy machine (or the other workers) can take seconds.
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def dialogs(page):
    """Every alert/confirm/prompt a page tries to open (none may)."""
    opened: list[str] = []

    def record(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


@pytest.fixture
def login(page):
    def log_in(user, password="correct-horse-battery"):
        page.goto("/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")

    return log_in
