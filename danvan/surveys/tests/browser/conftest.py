"""The real-browser fixtures of the shell (danvan/web/tests/conftest.py), for the satisfaction pages' tests."""

from danvan.web.tests.conftest import browser, desktop, phone, reseeded_afterwards  # noqa: F401 - fixtures
