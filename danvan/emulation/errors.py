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

TRAINING_EMPTY_TITLE: Final = "training_empty_title"
TRAINING_SESSION_INVALID: Final = "training_session_invalid"  # no place/trainer, or no seat
TRAINING_SEATS_BELOW_ENROLLED: Final = "training_seats_below_enrolled"
TRAINING_COURSE_FULL: Final = "training_course_full"
TRAINING_ALREADY_ENROLLED: Final = "training_already_enrolled"
TRAINING_NOT_AN_OFFICER_IN_SCOPE: Final = "training_not_an_officer_in_scope"
TRAINING_SESSION_NOT_HELD: Final = "training_session_not_held"
TRAINING_NOT_ENROLLED: Final = "training_not_enrolled"
TRAINING_NOT_COMPLETED: Final = "training_not_completed"
TRAINING_ALREADY_CERTIFIED: Final = "training_already_certified"
TRAINING_REQUIREMENT_INVALID: Final = "training_requirement_invalid"  # no source, or ends before it starts

# ---------------------------------------------------------------- evaluation


# ----------------------------------------------------------------
