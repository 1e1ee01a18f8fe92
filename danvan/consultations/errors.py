"""The machine codes of consultations' refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them. The values reach the REST API's error body:
never change one; add a new name. Each part adds its own below its heading.
"""

from __future__ import annotations

from typing import Final

REQUIRED: Final = "required"
BAD_STATE: Final = "bad_state"  # the consultation's status does not allow the step
BAD_DATE: Final = "bad_date"
NOT_IN_SCOPE: Final = "not_in_scope"  # a village or body outside the consultation's place
FORBIDDEN: Final = "forbidden"
# drafts
BAD_AUDIENCE: Final = "bad_audience"  # the audience does not fit the item or the place
BAD_CHANNEL: Final = "bad_channel"
NO_SECTIONS: Final = "no_sections"  # a consultation cannot open on a draft without text
AFFECTED_NOT_HEARD: Final = "affected_not_heard"  # Art. 27: a person affected not yet told (closing)
# participation
NOT_OPEN: Final = "not_open"  # a view before the period or after it
NOT_IN_AUDIENCE: Final = "not_in_audience"  # the participant is not among those consulted
VERIFICATION_REQUIRED: Final = "verification_required"
DEVICE_PENDING: Final = "device_pending"  # a device cookie issued less than a moment ago
ALREADY_VOTED: Final = "already_voted"
UNKNOWN_SECTION: Final = "unknown_section"
UNKNOWN_STATEMENT: Final = "unknown_statement"
TEXT_EMPTY: Final = "text_empty"
TEXT_TOO_LONG: Final = "text_too_long"
TEXT_HAS_MARKUP: Final = "text_has_markup"
BAD_VOTE: Final = "bad_vote"
BAD_CODE: Final = "bad_code"  # a household's one-time code wrong, reused or expired
# maps
BAD_VOTES_FILE: Final = "bad_votes_file"
# answers
UNANSWERED: Final = "unanswered"  # the summary cannot be published while a group is unanswered
REASON_REQUIRED: Final = "reason_required"  # "not accepted" needs its reason
ALREADY_PUBLISHED: Final = "already_published"
# drafts (added by the drafts part)
BAD_VERIFICATION: Final = "bad_verification"  # what a participant must prove does not fit the audience
NO_CHANGE: Final = "no_change"  # a new version of the draft that changes nothing
