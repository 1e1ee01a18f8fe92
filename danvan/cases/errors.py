"""The machine codes of the cases app's refusals (``DomainError.code``), named once.

Services raise with these constants and tests assert them, so a test expecting a validation refusal
cannot be satisfied by a permission refusal (``core.errors``: ``forbidden``, ``not_found``). The
values are part of the REST API's error body and the web messages' keys: never change one; add a
new name. Pure: imported by ``transitions`` too.
"""

from __future__ import annotations

from typing import Final

# Moves along a legal track (``transitions``; ``handling`` passes them on).
TRANSITION_NOT_ALLOWED: Final = "transition_not_allowed"
DIALOGUE_REQUIRED: Final = "dialogue_required"  # Luật Khiếu nại 2011, Điều 39
EXTENSION_NOT_ALLOWED: Final = "extension_not_allowed"  # Luật Tố cáo 2018, Điều 30(2)-(3)
NOTHING_TO_PUBLISH: Final = "nothing_to_publish"
RESUME_UNKNOWN: Final = "resume_unknown"

# Intake.
INVALID_PETITION: Final = "invalid_petition"
IDEMPOTENCY_CONFLICT: Final = "idempotency_conflict"

# What a person typed.
REQUIRED: Final = "required"
HTML: Final = "html"

# Handling.
BAD_TRACK: Final = "bad_track"
SAME_TRACK: Final = "same_track"
NOT_A_HANDLER: Final = "not_a_handler"
CLOSED: Final = "closed"
SAME_BODY: Final = "same_body"
INACTIVE_BODY: Final = "inactive_body"
SPLIT_PARTS: Final = "split_parts"
BAD_REASON: Final = "bad_reason"
BAD_CRITERIA: Final = "bad_criteria"
BAD_OUTCOME: Final = "bad_outcome"
IDENTITY_LEAK: Final = "identity_leak"
NO_ROUND_2: Final = "no_round_2"
ROUND_2_EXISTS: Final = "round_2_exists"

# Parties.
NO_PARTIES: Final = "no_parties"
INVALID_PARTY: Final = "invalid_party"
REPRESENTATIVES: Final = "representatives"

# Protection of a denouncer (Luật Tố cáo 2018, Điều 56).
CONTENT_TOO_SHORT: Final = "content"
REASON_REQUIRED: Final = "reason"
NO_IDENTITY: Final = "no_identity"
NOT_STAFF: Final = "not_staff"

# Steps that are not moves of the state machine (``steps``; the services check them too).
NO_BODY: Final = "no_body"  # assign: a case not yet with a body has nobody who handles it
COMPLEXITY_NOT_POSSIBLE: Final = "complexity_not_possible"
PARTIES_NOT_POSSIBLE: Final = "parties_not_possible"
ASSIGNMENT_REFUSED: Final = "assignment_refused"  # bulk assignment: all or nothing

# Merging a duplicate (``services.duplicates``).
DUPLICATE_UNKNOWN: Final = "duplicate_unknown"  # no such case among those the person handles
DUPLICATE_SELF: Final = "duplicate_self"
DUPLICATE_CHAIN: Final = "duplicate_chain"  # the other case is itself a duplicate: merge into its original
DUPLICATE_TRACK: Final = "duplicate_track"  # the other case is on another legal track
DUPLICATE_HAS_DUPLICATES: Final = "duplicate_has_duplicates"  # others were merged into this one
# Public feedback (``cases.publicity``, ``services.feedback``).
REOPEN_WINDOW_CLOSED: Final = "reopen_window_closed"  # "still not fixed" after the window, or with no answer date
NOT_PUBLIC: Final = "not_public"
# Moderation of the public page (``services.moderation``).
NOT_ON_PUBLIC_TRACK: Final = "not_on_public_track"  # not public feedback: a complaint, an opt-out, withdrawn …
PUBLIC_ALREADY_HIDDEN: Final = "public_already_hidden"
PUBLIC_NOT_HIDDEN: Final = "public_not_hidden"
UNKNOWN_TOPIC: Final = "unknown_topic"  # a topic code that is not (or no longer) in use
