"""The browser fixtures (Debian's chromium through Playwright), from the shared test kit."""

from danvan.core.testing.browser import browser, desktop, phone, reseeded_afterwards  # noqa: F401 - fixtures
