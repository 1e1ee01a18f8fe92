"""Helpers of the shell's real-browser tests (Debian's chromium through Playwright).

The fixtures (``browser``, ``phone``, ``desktop``, ``reseeded_afterwards``) and the shared helpers live in
``danvan.core.testing.browser``, registered once by the root ``conftest.py``; the helpers are imported here
for the modules that import them from here.
"""

from __future__ import annotations

from danvan.core.testing.browser import CHROMIUM, SHOTS, new_page, reference_data_restore, shot

__all__ = ["CHROMIUM", "SHOTS", "authenticator_code", "new_page", "reference_data_restore", "shot"]


def authenticator_code(username: str) -> str:
    """The current code of ``username``'s authenticator (confirmed or being set up), as the app would show it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.org.second_factor import current_code

    return current_code(TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "pk").first())
