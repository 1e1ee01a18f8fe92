"""The machine codes of reception's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them. The values reach the REST API's error
body: never change one; add a new name.
"""

from __future__ import annotations

from typing import Final

REQUIRED: Final = "required"
BAD_DATE: Final = "bad_date"
IN_THE_PAST: Final = "in_the_past"
SESSION_FULL: Final = "session_full"
SESSION_CLOSED: Final = "session_closed"
ALREADY_BOOKED: Final = "already_booked"
DEPUTY_NOT_ALLOWED: Final = "deputy_not_allowed"
NO_TRIGGER: Final = "no_trigger"
BAD_REPRESENTATIVES: Final = "bad_representatives"
NO_REFUSAL_GROUND: Final = "no_refusal_ground"
NO_OWNER: Final = "no_owner"
BAD_STATE: Final = "bad_state"
BAD_CODE: Final = "bad_code"
# Booking (docs/reception/booking.md): a field the citizen must correct (details name each field), and a
# form's request key already used for a booking at another session.
BAD_FIELDS: Final = "bad_fields"
KEY_REUSED: Final = "key_reused"
NOT_A_CROWD: Final = "not_a_crowd"
BAD_PETITIONS: Final = "bad_petitions"
ALREADY_SPLIT: Final = "already_split"
QUESTIONS_CLOSED: Final = "questions_closed"  # a dialogue's question window has ended (or it was never opened)
OWNER_NOT_IN_BODY: Final = "owner_not_in_body"  # the officer named does not work for the owner body
NOT_SETTLED: Final = "not_settled"  # a commitment is closed only as kept, not kept or withdrawn
