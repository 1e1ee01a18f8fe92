"""Org's helper for the real-browser tests: the current code of a person's authenticator.

The fixtures and the shared helpers are in ``danvan.core.testing.browser`` (registered once by the root
conftest); this one reads org's second factor, so it lives with org."""

from __future__ import annotations


def authenticator_code(username: str) -> str:
    """The current code of ``username``'s authenticator (confirmed or being set up), as the app would show it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.org.second_factor import current_code

    return current_code(TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "pk").first())
