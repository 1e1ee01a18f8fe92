"""The shell's browser tests use the shared browser fixtures (danvan.org.tests.browser)."""

from danvan.org.tests.browser import (
    CHROMIUM,
    SHOTS,
    authenticator_code,
    browser,
    desktop,
    new_page,
    phone,
    reference_data_restore,
    reseeded_afterwards,
    shot,
)

__all__ = [
    "CHROMIUM", "SHOTS", "authenticator_code", "browser", "desktop", "new_page", "phone",
    "reference_data_restore", "reseeded_afterwards", "shot",
]  # fmt: skip
