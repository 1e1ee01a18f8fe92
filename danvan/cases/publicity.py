"""What of a case the public may see: the one rule, pure (no Django), used by the intake service when it
stores the public text, by the feed's selectors (as a query) and by the tests.

- Only feedback (phản ánh, kiến nghị) is ever public, and only when the citizen did not say no on the
  form. A complaint (khiếu nại) concerns one person's rights and a denunciation (tố cáo) must not even
  be shown to exist (Luật Tố cáo 2018, Điều 47): never public, whatever was ticked. A petition not yet
  classified is not public until an officer puts it on the feedback track.
- A report that was not accepted, was withdrawn or was split is taken off the feed (spam, a duplicate,
  the citizen's own wish, or its parts stand on their own).
- A handler may take a report off the public page at any time, with a reason (personal data left in it,
  offensive wording, not a public matter, a duplicate, another reason), and show it again
  (``services.moderation``). While it is off, its public text may still be corrected: hiding, correcting
  and showing it again is how a wrongly redacted report is put right.
- The public title and text are the citizen's words with every personal detail replaced by
  ``[đã che]``: the submitter's own name, phone, email, address and ID number in every form people
  write them (``cases.redaction``), and any other phone or ID-like number, email address, or words
  after "tôi là", "nhà tôi ở", "số điện thoại" … (``redaction.review_hints``). Automatic redaction is a
  floor: the handler may still correct the public text.
"""

from __future__ import annotations

import re
from typing import Final

from danvan.cases import redaction
from danvan.cases.enums import Status, Track
from danvan.cases.rules import redact_literal

PUBLIC_TRACKS: Final = frozenset({Track.PAKN})
# Off the feed whatever the citizen wanted.
WITHDRAWN_STATUSES: Final = frozenset({Status.REJECTED, Status.TERMINATED, Status.SPLIT})
# Where the citizen may be offered the choice (an unclassified petition may become feedback).
CHOICE_TRACKS: Final = frozenset({Track.PAKN, Track.UNCLASSIFIED})
# Photos that may be shown (a PDF may be a scan bearing a signature: never public).
PUBLIC_IMAGE_TYPES: Final = frozenset({"image/jpeg", "image/png", "image/webp"})

_DIGITS: Final = re.compile(r"(?<!\d)\+?\d[\d\s.\-]{7,}\d(?!\d)")


def on_public_track(*, track: str, status: str, publish_wanted: bool) -> bool:
    """Would this case be on the public feed, were it not taken off by a handler? Its public text may then
    be corrected, and a report taken off may be shown again."""
    return publish_wanted and track in PUBLIC_TRACKS and status not in WITHDRAWN_STATUSES


def is_public(*, track: str, status: str, publish_wanted: bool, hidden: bool) -> bool:
    """Is this case on the public feed? (The selectors ask the same question as a query.) ``hidden``: a
    handler took it off the public page (``Case.public_hidden_at`` is set)."""
    return on_public_track(track=track, status=status, publish_wanted=publish_wanted) and not hidden


def public_text(text: str, identity: list[str]) -> str:
    """``text`` with every personal detail replaced: ``identity`` is [name, phone, email, address,
    id_number] of the submitter (missing ones empty)."""
    values = [*identity, "", "", "", "", ""][:5]
    who = redaction.Identity(*values)
    result = redaction.redact(redact_literal(text, values), who)
    # Other people's numbers and contacts: every run of 9 or more digits (a phone, a CCCD) goes.
    result = _DIGITS.sub(lambda m: redaction.REDACTED if len(re.sub(r"\D", "", m.group())) >= 9 else m.group(), result)
    # Words after "tôi là", "nhà tôi ở", "địa chỉ" … that were not matched to the identity.
    out, position = [], 0
    for span in redaction.review_hints(result, who):
        out += [result[position : span.start], redaction.REDACTED]
        position = span.end
    out.append(result[position:])
    return "".join(out)


def contact_identity(name: str, phone: str, email: str, address: str) -> list[str]:
    """The identity ``public_text`` removes, from a case's stored contact (a PAKN keeps no ID number)."""
    return [name, phone, email, address, ""]


def names_contact(text: str, identity: list[str]) -> bool:
    """Whether ``text`` still holds one of the petitioner's details as written (case-insensitive)."""
    folded = text.casefold()
    return any(value and len(value.strip()) >= 3 and value.strip().casefold() in folded for value in identity)
