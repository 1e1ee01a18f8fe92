"""The machine codes of the org app's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them, so a test expecting a validation refusal
cannot be satisfied by a permission refusal (``core.errors``: ``forbidden``, ``not_found``). The
values reach the REST API's error body: never change one; add a new name.
"""

from __future__ import annotations

from typing import Final

CYCLE: Final = "cycle"
LEGACY_UNIT: Final = "legacy_unit"
INACTIVE_KIND: Final = "inactive_kind"
UNKNOWN_FIELD: Final = "unknown_field"
UNKNOWN_ROLE: Final = "unknown_role"
GRANT_FORBIDDEN: Final = "grant_forbidden"
APPROVAL_REQUIRED: Final = "approval_required"
BAD_DATES: Final = "bad_dates"
REVOKE_FORBIDDEN: Final = "revoke_forbidden"
REASON_REQUIRED: Final = "reason_required"
NO_APPROVAL_NEEDED: Final = "no_approval_needed"
ALREADY_DECIDED: Final = "already_decided"
APPROVE_FORBIDDEN: Final = "approve_forbidden"
SECOND_FACTOR_REQUIRED: Final = "second_factor_required"
NO_DEVICE: Final = "no_device"
SECOND_FACTOR_WRONG: Final = "second_factor_wrong"
SECOND_FACTOR_THROTTLED: Final = "second_factor_throttled"
