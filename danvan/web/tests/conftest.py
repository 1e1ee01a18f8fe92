"""Helpers of the shell's real-browser tests (Debian's chromium through Playwright).

The fixtures (``browser``, ``phone``, ``desktop``, ``reseeded_afterwards``) and the shared helpers live in
``danvan.core.testing.browser``, registered once by the root ``conftest.py``; the helpers are imported here
for the modules that import them from here.
"""

from danvan.core.testing.browser import CHROMIUM, SHOTS, new_page, reference_data_restore, shot
from danvan.org.tests.browser import authenticator_code

__all__ = ["CHROMIUM", "SHOTS", "authenticator_code", "new_page", "reference_data_restore", "shot"]
