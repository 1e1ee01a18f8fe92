"""The shell's browser tests: the fixtures (browser, phone, desktop, reseeded_afterwards) are the project's
(the root conftest loads danvan.org.tests.browser); the helpers are re-exported for the tests that import
them from here."""

from danvan.org.tests.browser import CHROMIUM, SHOTS, authenticator_code, new_page, reference_data_restore, shot

__all__ = ["CHROMIUM", "SHOTS", "authenticator_code", "new_page", "reference_data_restore", "shot"]
