"""The machine codes of emulation's refusals (``DomainError.code``), named once; one block per part."""

from typing import Final  # noqa: F401  (each part's block uses it)

# ---------------------------------------------------------------- dvk


# ---------------------------------------------------------------- commitments


# ---------------------------------------------------------------- training


# ---------------------------------------------------------------- evaluation
YEAR_NOT_ENDED: Final = "evaluation_year_not_ended"  # a year is evaluated once it is over
NO_METHODOLOGY: Final = "evaluation_no_methodology"  # no confirmed methodology applies to the year
NO_UNITS: Final = "evaluation_no_units"  # a run for no unit at all
UNKNOWN_GRADE: Final = "evaluation_unknown_grade"
REASON_REQUIRED: Final = "evaluation_reason_required"  # a change of the proposed or confirmed grade
NOT_CURRENT: Final = "evaluation_not_current"  # an older (superseded) version cannot be confirmed or changed
NOTHING_CHANGED: Final = "evaluation_nothing_changed"  # "changing" a confirmed grade to itself
METHODOLOGY_FROZEN: Final = "evaluation_methodology_frozen"  # a confirmed version is not edited in place
BAD_WEIGHT: Final = "evaluation_bad_weight"
BAD_THRESHOLDS: Final = "evaluation_bad_thresholds"
BAD_GRADE_MINIMUMS: Final = "evaluation_bad_grade_minimums"


# ----------------------------------------------------------------
