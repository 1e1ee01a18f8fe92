"""Shared fixtures of the real-browser tests: Debian's chromium through Playwright.

The fixtures themselves live in ``danvan.core.testing.browser`` (so that each app's browser tests can
use them); they are imported here for the shell's tests and the modules that import them from here.
"""

from __future__ import annotations

from danvan.core.testing.browser import (  # noqa: F401 - fixtures and helpers, re-exported
    CHROMIUM,
    SHOTS,
    browser,
    desktop,
    new_page,
    phone,
    reference_data_restore,
    reseeded_afterwards,
    shot,
)


def authenticator_code(username: str) -> str:
    """The current code of ``username``'s authenticator (confirmed or being set up), as the app would show it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.org.second_factor import current_code

    return current_code(TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "pk").first())
