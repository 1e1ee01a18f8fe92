"""The values of the cases app's enumerations, with no Django: what pure rules compare against.

``transitions`` and ``rules`` are pure (the import contract says so), so they cannot import
``choices``, whose ``TextChoices`` carry translated labels and therefore Django. The values live
here once; ``choices`` builds each ``TextChoices`` from them and adds the labels (a test proves the
two agree). A ``StrEnum`` member equals, and hashes as, its string value, so ``Track.PAKN``,
``choices.Track.PAKN`` and ``"pakn"`` are interchangeable as dict keys and in comparisons.
"""

from __future__ import annotations

from enum import StrEnum


class Track(StrEnum):
    """The three legal tracks, plus "not yet classified" for a citizen who did not know."""

    PAKN = "pakn"
    KHIEU_NAI = "khieu_nai"
    TO_CAO = "to_cao"
    UNCLASSIFIED = "chua_phan_loai"


class Channel(StrEnum):
    WEB = "web"
    COUNTER = "counter"
    API = "api"
    OPEN311 = "open311"
    RECEPTION = "reception"
    MAIL = "mail"


class Status(StrEnum):
    """Every state of every track; which moves are allowed per track is in ``transitions``."""

    RECEIVED = "received"
    REGISTERED = "registered"
    UNDER_STUDY = "under_study"
    ACCEPTED = "accepted"
    VERIFYING = "verifying"
    DIALOGUE = "dialogue"
    SUSPENDED = "suspended"
    DECIDED = "decided"
    CONCLUDED = "concluded"
    NOTIFIED = "notified"
    ANSWERED = "answered"
    FINAL = "final"
    INFO_ONLY = "info_only"
    REJECTED = "rejected"
    TERMINATED = "terminated"
    CLOSED_COURT = "closed_court"
    SPLIT = "split"
    CLOSED = "closed"


class Action(StrEnum):
    """What a person may do to a case; ``transitions.MACHINES`` says where each is allowed."""

    CLASSIFY = "classify"
    REGISTER = "register"
    START_STUDY = "start_study"
    ACCEPT = "accept"
    REJECT = "reject"
    TRANSFER = "transfer"
    START_VERIFICATION = "start_verification"
    HOLD_DIALOGUE = "hold_dialogue"
    EXTEND = "extend"
    SUSPEND = "suspend"
    RESUME = "resume"
    DECIDE = "decide"
    CONCLUDE = "conclude"
    SEND_DECISION = "send_decision"
    ANSWER = "answer"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    MARK_INFO_ONLY = "mark_info_only"
    COURT_FILED = "court_filed"
    FINALIZE = "finalize"
    SPLIT = "split"
    CLOSE = "close"
    MERGE_DUPLICATE = "merge_duplicate"
    REOPEN = "reopen"  # "still not fixed": the citizen sends an answered feedback item back for review


class KhieuNaiRejectReason(StrEnum):
    """Grounds for not accepting a complaint — Luật Khiếu nại 2011, Điều 11 (the clause number)."""

    NOT_ADMINISTRATIVE = "1"
    NO_DIRECT_INTEREST = "2"
    NO_CAPACITY = "3"
    UNLAWFUL_REPRESENTATIVE = "4"
    UNSIGNED = "5"
    TIME_BARRED = "6"
    SECOND_DECISION_EXISTS = "7"
    TERMINATED_NOT_CONTINUED = "8"
    COURT = "9"


class ToCaoRejectReason(StrEnum):
    """Grounds for not accepting a denunciation — Luật Tố cáo 2018, Điều 29 (conditions not met)."""

    FORM = "form"
    NO_CAPACITY = "capacity"
    NOT_COMPETENT = "competence"
    UNIDENTIFIABLE = "unidentifiable"
    ALREADY_RESOLVED = "resolved"


class PaknRejectReason(StrEnum):
    """A feedback item that cannot be received (NĐ 20/2008/NĐ-CP, Art. 9)."""

    NOT_VIETNAMESE = "language"
    NO_CONTACT = "contact"
    NOT_IN_SCOPE = "scope"
    DUPLICATE = "duplicate"


class Criterion(StrEnum):
    """Complexity criteria — NĐ 31/2019/NĐ-CP, Điều 3 (also for complaints from 1/7/2026, [S])."""

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    DD = "dd"
    E = "e"
    G = "g"


class DecisionOutcome(StrEnum):
    """Luật Khiếu nại 2011, Điều 31(2) and 40(2); Luật Tố cáo 2018, Điều 35."""

    RIGHT = "right"
    PARTLY_RIGHT = "partly_right"
    WRONG = "wrong"
    ANSWERED = "answered"


class EventVisibility(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


class PublicHideReason(StrEnum):
    """Why a handler took a public report off the public page (``services.moderation``)."""

    PERSONAL_DATA = "personal_data"
    OFFENSIVE = "offensive"
    NOT_PUBLIC_MATTER = "not_public"
    DUPLICATE = "duplicate"
    OTHER = "other"
