"""The machine codes of the partners app's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them, so a test expecting a validation refusal
cannot be satisfied by a permission refusal (``core.errors``: ``forbidden``, ``not_found``). The
values reach the REST API's error body: never change one; add a new name.
"""

from __future__ import annotations

from typing import Final

INVALID_KEY: Final = "invalid_key"
