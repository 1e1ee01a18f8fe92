"""The machine codes of emulation's refusals (``DomainError.code``), named once; one block per part."""

from typing import Final

# ---------------------------------------------------------------- dvk

DVK_MISSING_FIELDS: Final = "dvk_missing_fields"  # a registration field of §7 is empty
DVK_BAD_TIMELINE: Final = "dvk_bad_timeline"  # evaluation date not after the start, milestone outside
DVK_BAD_MOVE: Final = "dvk_bad_move"  # a step the lifecycle does not allow from the current stage
DVK_BAD_FIELD: Final = "dvk_bad_field"  # not one of the four fields
DVK_BAD_UNIT: Final = "dvk_bad_unit"  # the unit or the place is not one the officer registers for
DVK_TOO_EARLY: Final = "dvk_too_early"  # evaluation before the declared evaluation date
DVK_OWN_UNIT_SCORER: Final = "dvk_own_unit_scorer"  # an evaluator from the model's own unit
DVK_NOT_ON_COUNCIL: Final = "dvk_not_on_council"  # scoring without a seat on the model's council
DVK_COUNCIL_TOO_SMALL: Final = "dvk_council_too_small"  # fewer evaluators than the scorecard asks
DVK_COUNCIL_FROZEN: Final = "dvk_council_frozen"  # the council has concluded: its result is frozen
DVK_SCORES_INCOMPLETE: Final = "dvk_scores_incomplete"  # a seat has not scored every criterion
DVK_BAD_SCORE: Final = "dvk_bad_score"  # a score outside 0..10, or without its reason
DVK_NO_SCORECARD: Final = "dvk_no_scorecard"  # no scorecard in force
DVK_BELOW_MARK: Final = "dvk_below_mark"  # recognition with a score below the scorecard's pass mark
DVK_LEVEL_ABOVE_AUTHORITY: Final = "dvk_level_above_authority"  # recognising above one's own level
DVK_DECISION_NUMBER_REQUIRED: Final = "dvk_decision_number_required"  # a commendation without its number
DVK_BAD_COMMENDATION: Final = "dvk_bad_commendation"  # form, level or date missing or wrong
DVK_NOT_REPLICABLE: Final = "dvk_not_replicable"  # replicating a model that was not recognised
DVK_EMPTY_REPORT: Final = "dvk_empty_report"  # a progress report without text
DVK_BAD_MEASUREMENT: Final = "dvk_bad_measurement"  # a measurement of another model's indicator, or bad
DVK_BAD_INDICATOR: Final = "dvk_bad_indicator"  # an indicator without name or unit
DVK_TOO_MANY_PHOTOS: Final = "dvk_too_many_photos"
DVK_BAD_EXEMPLAR: Final = "dvk_bad_exemplar"  # an exemplar's required field empty
DVK_REASON_REQUIRED: Final = "dvk_reason_required"  # not recognised / archived without a reason


# ---------------------------------------------------------------- commitments


# ---------------------------------------------------------------- training


# ---------------------------------------------------------------- evaluation


# ----------------------------------------------------------------
