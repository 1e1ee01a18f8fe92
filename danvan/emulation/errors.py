"""The machine codes of emulation's refusals (``DomainError.code``), named once; one block per part."""

from typing import Final

# ---------------------------------------------------------------- dvk


# ---------------------------------------------------------------- commitments

COMMITMENT_LIMIT: Final = "commitment_limit_reached"
COMMITMENT_NOT_CADRE: Final = "commitment_not_cadre"
COMMITMENT_NO_YEAR: Final = "commitment_year_not_open"
COMMITMENT_WINDOW_CLOSED: Final = "commitment_window_closed"
COMMITMENT_DUE_OUTSIDE_YEAR: Final = "commitment_due_outside_year"
COMMITMENT_FIELD_MISSING: Final = "commitment_field_missing"
REVIEW_WINDOW_CLOSED: Final = "commitment_review_window_closed"
REVIEW_FROZEN_NEEDS_REASON: Final = "commitment_review_change_reason_missing"
REVIEW_NOT_SUBMITTED: Final = "commitment_review_not_submitted"
REVIEW_ALREADY_ASSESSED: Final = "commitment_review_already_assessed"
REVIEW_OWN_ASSESSMENT: Final = "commitment_review_own_assessment"
PUBLIC_COMMITMENT_EMPTY: Final = "public_commitment_empty"
REVIEW_TOO_MANY_FILES: Final = "commitment_review_too_many_files"
COMMITMENT_WITHDRAW_CLOSED: Final = "commitment_withdraw_closed"


# ---------------------------------------------------------------- training


# ---------------------------------------------------------------- evaluation


# ----------------------------------------------------------------
