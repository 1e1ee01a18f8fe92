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
DVK_OWN_UNIT_DECIDER: Final = (
    "dvk_own_unit_decider"  # convening, concluding or deciding on one's own unit's model/exemplar
)
DVK_NOT_ON_COUNCIL: Final = "dvk_not_on_council"  # scoring without a seat on the model's council
DVK_COUNCIL_TOO_SMALL: Final = "dvk_council_too_small"  # fewer evaluators than the scorecard asks
DVK_COUNCIL_FROZEN: Final = "dvk_council_frozen"  # the council has concluded: its result is frozen
DVK_SCORES_INCOMPLETE: Final = "dvk_scores_incomplete"  # a seat has not scored every criterion
DVK_BAD_SCORE: Final = "dvk_bad_score"  # a score outside 0..10, or without its reason
DVK_NO_SCORECARD: Final = "dvk_no_scorecard"  # no scorecard in force
DVK_BELOW_MARK: Final = "dvk_below_mark"  # recognition with a score below the scorecard's pass mark
DVK_LEVEL_ABOVE_AUTHORITY: Final = "dvk_level_above_authority"  # recognising above one's own level
DVK_DECISION_NUMBER_REQUIRED: Final = "dvk_decision_number_required"  # a commendation without its number
DVK_BAD_COMMENDATION: Final = "dvk_bad_commendation"  # a model commended other than by a decided proposal
DVK_NOT_REPLICABLE: Final = "dvk_not_replicable"  # replicating a model that was not recognised
DVK_EMPTY_REPORT: Final = "dvk_empty_report"  # a progress report without text
DVK_BAD_MEASUREMENT: Final = "dvk_bad_measurement"  # a measurement of another model's indicator, or bad
DVK_BAD_INDICATOR: Final = "dvk_bad_indicator"  # an indicator without name or unit
DVK_TOO_MANY_PHOTOS: Final = "dvk_too_many_photos"
DVK_BAD_EXEMPLAR: Final = "dvk_bad_exemplar"  # an exemplar's required field empty
DVK_REASON_REQUIRED: Final = "dvk_reason_required"  # not recognised / archived without a reason
DVK_PHOTO_CONSENT_REQUIRED: Final = "dvk_photo_consent_required"  # a photo made public without the attestation

DVK_SCORECARD_FROZEN: Final = "dvk_scorecard_frozen"  # changing a scorecard version in force
DVK_SCORECARD_CODES: Final = "dvk_scorecard_codes"  # no criterion, one without code or name, a code twice
DVK_SCORECARD_WEIGHTS: Final = "dvk_scorecard_weights"  # a weight not above zero, or weights not summing to 100
DVK_SCORECARD_PASS_MARK: Final = "dvk_scorecard_pass_mark"  # noqa: S105 (a pass mark outside 0..100)
DVK_SCORECARD_MIN_EVALUATORS: Final = "dvk_scorecard_min_evaluators"  # fewer than one evaluator


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
COMMITMENT_YEAR_EXISTS: Final = "commitment_year_exists"  # creating a year that has its row
COMMITMENT_YEAR_FROZEN: Final = "commitment_year_frozen"  # its registration has opened (or would have)
COMMITMENT_YEAR_WINDOWS: Final = "commitment_year_windows_invalid"  # windows outside the year or out of order
COMMITMENT_YEAR_LIMIT: Final = "commitment_year_limit_invalid"  # the per-person limit outside 1–2
COMMITMENT_YEAR_SOURCE: Final = "commitment_year_source_missing"


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
TRAINING_ATTENDANCE_FROZEN: Final = "training_attendance_frozen"  # changing a certificate holder's attendance
TRAINING_REQUIREMENT_INVALID: Final = "training_requirement_invalid"  # no source, or ends before it starts
TRAINING_REASON_REQUIRED: Final = "training_reason_required"  # cancelling a session, revoking a certificate
TRAINING_SESSION_HELD: Final = "training_session_held"  # editing or cancelling a session with attendance
TRAINING_SESSION_CANCELLED: Final = "training_session_cancelled"  # editing, cancelling, attendance on one
TRAINING_CERTIFICATE_REVOKED: Final = "training_certificate_revoked"  # revoking it again

# ---------------------------------------------------------------- evaluation
NOT_OPEN: Final = "evaluation_not_open"  # before the methodology's opening day of the year (1 December [U])
BAD_OPENING: Final = "evaluation_bad_opening"  # an opening day that is not a day of every year
NO_METHODOLOGY: Final = "evaluation_no_methodology"  # no confirmed methodology applies to the year
NO_UNITS: Final = "evaluation_no_units"  # a run for no unit at all
UNKNOWN_GRADE: Final = "evaluation_unknown_grade"
REASON_REQUIRED: Final = "evaluation_reason_required"  # a change of the proposed or confirmed grade
NOT_CURRENT: Final = "evaluation_not_current"  # an older (superseded) version cannot be confirmed or changed
NOTHING_CHANGED: Final = "evaluation_nothing_changed"  # "changing" a confirmed grade to itself
NO_EVALUATING_LEVEL: Final = "evaluation_no_evaluating_level"  # a top-level unit: confirmed outside the platform
METHODOLOGY_FROZEN: Final = "evaluation_methodology_frozen"  # a confirmed version is not edited in place
METHODOLOGY_DRAFT_EXISTS: Final = "evaluation_methodology_draft_exists"  # edit the newer draft, not a 2nd one
BAD_WEIGHT: Final = "evaluation_bad_weight"
BAD_THRESHOLDS: Final = "evaluation_bad_thresholds"
BAD_GRADE_MINIMUMS: Final = "evaluation_bad_grade_minimums"


# ---------------------------------------------------------------- commendation

COMMENDATION_BAD_SUBJECT: Final = "commendation_bad_subject"  # no subject, two subjects, or one outside scope
COMMENDATION_EMPTY_ACHIEVEMENTS: Final = "commendation_empty_achievements"
COMMENDATION_BAD_FORM: Final = "commendation_bad_form"  # not a form of this family, or not given at this level
COMMENDATION_OWN_UNIT_MEMBER: Final = "commendation_own_unit_member"  # a member of the proposing or subject's unit
COMMENDATION_NOT_ON_COUNCIL: Final = "commendation_not_on_council"  # an opinion without a seat
COMMENDATION_OPINION_REASON: Final = "commendation_opinion_reason_required"  # an opinion without its reason
COMMENDATION_COUNCIL_INCOMPLETE: Final = "commendation_council_incomplete"  # deciding before the council spoke
COMMENDATION_DECISION_NUMBER_REQUIRED: Final = "commendation_decision_number_required"
COMMENDATION_BAD_DECISION: Final = "commendation_bad_decision"  # date, signer, deciding body missing or wrong
COMMENDATION_OWN_PROPOSAL: Final = "commendation_own_proposal"  # the proposing unit deciding its own proposal
COMMENDATION_FROZEN: Final = "commendation_frozen"  # the proposal is decided: nothing changes
COMMENDATION_REASON_REQUIRED: Final = "commendation_reason_required"  # not commended without a reason
COMMENDATION_MODEL_NOT_READY: Final = "commendation_model_not_ready"  # a model not recognised (dvk's lifecycle)
DISCIPLINE_BAD_SUBJECT: Final = "discipline_bad_subject"
DISCIPLINE_BAD_GROUND: Final = "discipline_bad_ground"  # no ground, or a case not found / not upheld
DISCIPLINE_BAD_DATE: Final = "discipline_bad_date"
# No row of the authority table (CommendationAuthority) in force lets this kind of body, at its level, give
# this form at this level ("Giấy khen … không do … quyết định").
COMMENDATION_NO_AUTHORITY: Final = "commendation_no_authority"
COMMENDATION_FORM_INVALID: Final = "commendation_form_invalid"  # a form without name, a code taken, bad levels
COMMENDATION_AUTHORITY_INVALID: Final = "commendation_authority_invalid"  # no source, ends before it starts …
DISCIPLINE_REASON_REQUIRED: Final = "discipline_reason_required"  # a withdrawal or correction without its reason
DISCIPLINE_NOT_IN_FORCE: Final = "discipline_not_in_force"  # withdrawing or correcting a superseded/withdrawn record


# ----------------------------------------------------------------
