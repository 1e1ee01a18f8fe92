"""Fixtures and helpers of the real-browser tests (Debian's chromium through Playwright), for every app.

They sit here, below every app, so that an app's browser tests (``<app>/tests/browser/``) can use them
without importing the shell. The root ``conftest.py`` registers this module once (``pytest_plugins``):
Playwright's sync API allows one running instance, so a second ``browser`` fixture (a conftest that
imported it again) would fail as soon as two apps' browser tests ran in one session. Tests import
only the helpers (``shot``, ``reference_data_restore``, ``login``, ``fits``, ``menu_open``) from here.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
CHROMIUM = os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are not concurrent.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: Any) -> None:
    """The live server of the SQLite run shares the test's one in-memory connection with its request
    threads (pytest-django's live_server): two requests at once — a page's images, voters at the same
    moment — then break each other ("SQL statements in progress", a 503). On SQLite the live server's
    requests are taken one at a time; PostgreSQL keeps real concurrency."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    one_at_a_time = threading.Lock()
    handle = StaticFilesHandler.__call__

    def call(self: Any, environ: Any, start_response: Any) -> Any:
        from django.db import connection

        if connection.vendor != "sqlite":
            return handle(self, environ, start_response)
        with one_at_a_time:
            return handle(self, environ, start_response)

    StaticFilesHandler.__call__ = call  # type: ignore[method-assign]


def reference_data_restore() -> None:
    """Put back what migrations seed (kinds of body, deadline rules, topics …) and the units.

    Every data migration of the project's apps is idempotent (get_or_create), so running their
    RunPython operations again restores exactly what a live-server test's flush took out.
    """
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    for app_label, name in seed_order(loader):
        migration = loader.disk_migrations[(app_label, name)]
        if not migration.__module__.startswith("danvan."):
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython) and app_label != "core":
                # The live registry and no schema editor: these functions only read and write rows.
                operation.code(apps, None)  # type: ignore[arg-type]
    call_command("load_units", stdout=io.StringIO())  # org's command: core does not import org


def seed_order(loader: Any) -> list[tuple[str, str]]:
    """Every migration after the ones it depends on (the order ``migrate`` applies them): a seed reads rows
    another app's seed makes (emulation's commendation authorities need org's kinds of body). In the
    alphabetical order used before, "emulation" ran before "org", found no kinds after a flush and seeded
    nothing."""
    order: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node not in seen:
                seen.add(node)
                order.append(node)
    return [node for node in order if node in loader.disk_migrations]


@pytest.fixture(scope="module")
def reseeded_afterwards(django_db_blocker: Any) -> Iterator[None]:
    """Module-scoped on purpose: a function-scoped fixture is torn down before the live server's
    ``transactional_db`` flushes the database, so it would restore nothing."""
    yield
    with django_db_blocker.unblock():
        reference_data_restore()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        yield chromium
        chromium.close()


def new_page(browser: Any, width: int, height: int) -> Any:
    """A page whose console errors (a CSP violation, a script error) are collected in ``console_errors``."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    return page


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A cheap phone's screen: 360 px wide."""
    page = new_page(browser, 360, 740)
    yield page
    page.context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    page = new_page(browser, 1280, 800)
    yield page
    page.context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def menu_open(page: Any) -> None:
    """Open the main menu as a person does where it is folded (a phone: ui/_main_nav.html); on a desk,
    where its links are always shown, nothing to do."""
    from playwright.sync_api import expect

    menu = page.locator("nav.main-nav details.nav-menu")
    summary = menu.locator("summary")
    if summary.is_visible() and menu.get_attribute("open") is None:
        summary.click()
        expect(menu).to_have_attribute("open", "")


def login(page: Any, base: str, username: str, password: str) -> None:
    """Sign in through the sign-in page as a person does, and wait to have left it (officers land on their work,
    others on the home page or a safe ``next``)."""
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def fits(page: Any, width: int) -> None:
    """Nothing on the page is wider than the screen: no sideways scrolling on a 360-px phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
