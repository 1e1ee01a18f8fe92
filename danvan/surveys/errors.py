"""The machine codes of the surveys app's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them, so a test expecting a validation refusal
cannot be satisfied by a permission refusal (``core.errors``: ``forbidden``, ``not_found``). The
values reach the REST API's error body: never change one; add a new name.
"""

from __future__ import annotations

from typing import Final

UNKNOWN_QUESTION: Final = "unknown_question"
BAD_VALUE: Final = "bad_value"
MISSING_ANSWERS: Final = "missing_answers"
TOO_LONG: Final = "too_long"
HTML: Final = "html"
CLOSED: Final = "closed"
EXPIRED: Final = "expired"
CAMPAIGN_CLOSED: Final = "campaign_closed"
BAD_TARGET: Final = "bad_target"
NO_NONCE: Final = "no_nonce"
NONCE_REUSED: Final = "nonce_reused"
DEVICE_LIMIT: Final = "device_limit"
REQUIRED: Final = "required"
BAD_DATE: Final = "bad_date"
DUPLICATE_FORM: Final = "duplicate_form"
NOT_FLAGGED: Final = "not_flagged"
