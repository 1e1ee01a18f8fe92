"""The machine codes of emulation's refusals (``DomainError.code``), named once; one block per part."""

from typing import Final

# ---------------------------------------------------------------- dvk


# ---------------------------------------------------------------- commitments


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
