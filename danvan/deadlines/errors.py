"""The machine codes of the deadlines app's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them, so a test expecting a validation refusal
cannot be satisfied by a permission refusal (``core.errors``: ``forbidden``, ``not_found``). The
values reach the REST API's error body: never change one; add a new name.
"""

from __future__ import annotations

from typing import Final

INVALID_RULE: Final = "invalid_rule"
REASON_REQUIRED: Final = "reason_required"
BAD_YEAR: Final = "bad_year"
BAD_KIND: Final = "bad_kind"
NOTE_REQUIRED: Final = "note_required"
ANNOUNCEMENT_REQUIRED: Final = "announcement_required"
FIELD_NOT_EDITABLE: Final = "field_not_editable"
