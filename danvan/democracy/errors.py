"""The machine codes of grassroots democracy's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them. The values reach the REST API's error
body: never change one; add a new name. Every refusal's message names the article it applies.
"""

from __future__ import annotations

from typing import Final

REQUIRED: Final = "required"
BAD_STATE: Final = "bad_state"
BAD_DATE: Final = "bad_date"
NOT_IN_SCOPE: Final = "not_in_scope"  # a village, household or body outside the matter's commune
# villages and households
BAD_ROWS: Final = "bad_rows"  # an import with rows to correct (nothing stored)
DUPLICATE_CODE: Final = "duplicate_code"
NO_HOUSEHOLDS: Final = "no_households"  # a vote cannot open over a village with no households
# disclosures
POSTING_TOO_SHORT: Final = "posting_too_short"
BROADCAST_TOO_SHORT: Final = "broadcast_too_short"
CHANNEL_MISSING: Final = "channel_missing"
# community decisions
FORM_NOT_ALLOWED: Final = "form_not_allowed"
MEETING_REQUIRED: Final = "meeting_required"
ONLINE_NOT_ALLOWED: Final = "online_not_allowed"
ONLINE_CONSENT_MISSING: Final = "online_consent_missing"
INITIATIVE_SHORT: Final = "initiative_short"  # fewer than 10 % of households agree (in force)
BAD_COUNTS: Final = "bad_counts"  # present + absent ≠ total, votes > present …
QUORUM_NOT_MET: Final = "quorum_not_met"
THRESHOLD_NOT_MET: Final = "threshold_not_met"
BAD_TEAM: Final = "bad_team"  # a counting or ballot team of other than 3–5 members
NOTICE_TOO_SHORT: Final = "notice_too_short"  # a ballot announced less than 2 days before it
UNKNOWN_HOUSEHOLD: Final = "unknown_household"
ALREADY_VOTED: Final = "already_voted"
BAD_CODE: Final = "bad_code"  # a one-time code wrong, reused or expired
VOTING_CLOSED: Final = "voting_closed"
MISSING_SIGNATURES: Final = "missing_signatures"
# boards
BOARD_SIZE: Final = "board_size"
INELIGIBLE_MEMBER: Final = "ineligible_member"
BY_ELECTION_TOO_LATE: Final = "by_election_too_late"
# villages
NO_COMMITTEE: Final = "no_committee"  # the commune has no People's Committee body to put the village under
UNKNOWN_COMMUNE: Final = "unknown_commune"
UNKNOWN_VILLAGE: Final = "unknown_village"
BAD_KIND: Final = "bad_kind"
BAD_PHONE: Final = "bad_phone"
BAD_EMAIL: Final = "bad_email"
BAD_MEMBERS: Final = "bad_members"
BAD_VILLAGE_CODE: Final = "bad_village_code"
FORBIDDEN: Final = "forbidden"  # a row of an import outside the operator's communes (the same code as a refusal)
# conferences
DUPLICATE_CONFERENCE: Final = "duplicate_conference"  # a village's conference for that year is already recorded
DUPLICATE_ITEM: Final = "duplicate_item"  # a matter or a presenter's report given twice in one record
# decisions
SCOPE_NOT_ALLOWED: Final = "scope_not_allowed"  # a commune-wide matter other than items 1–2 (Art. 15)
# boards
NOT_ANSWER_BODY: Final = "not_answer_body"  # a recommendation to a body outside the board's commune and those above it
