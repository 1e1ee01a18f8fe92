"""Enumerations of the cases app. The legal enums cite their article."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    """The three legal tracks, plus "not yet classified" for a citizen who did not know."""

    PAKN = "pakn", _("Feedback or petition (phản ánh, kiến nghị)")
    KHIEU_NAI = "khieu_nai", _("Complaint (khiếu nại)")
    TO_CAO = "to_cao", _("Denunciation (tố cáo)")
    UNCLASSIFIED = "chua_phan_loai", _("Not classified yet")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    COUNTER = "counter", _("At the counter")
    API = "api", _("REST API")
    OPEN311 = "open311", _("Open311")
    RECEPTION = "reception", _("Citizen reception session")
    MAIL = "mail", _("Post or email")


class Status(models.TextChoices):
    """Every state of every track; which moves are allowed per track is in ``transitions``."""

    RECEIVED = "received", _("Received")
    REGISTERED = "registered", _("Registered")
    UNDER_STUDY = "under_study", _("Under study")
    ACCEPTED = "accepted", _("Accepted (thụ lý)")
    VERIFYING = "verifying", _("Verifying")
    DIALOGUE = "dialogue", _("Dialogue held")
    SUSPENDED = "suspended", _("Suspended")
    DECIDED = "decided", _("Decided")
    CONCLUDED = "concluded", _("Concluded")
    NOTIFIED = "notified", _("Decision sent")
    ANSWERED = "answered", _("Answered")
    FINAL = "final", _("In legal effect")
    INFO_ONLY = "info_only", _("Handled as information (Art. 25)")
    REJECTED = "rejected", _("Not accepted")
    TERMINATED = "terminated", _("Terminated (đình chỉ)")
    CLOSED_COURT = "closed_court", _("Closed: before a court")
    SPLIT = "split", _("Split into several cases")
    CLOSED = "closed", _("Closed")


class KhieuNaiRejectReason(models.TextChoices):
    """Grounds for not accepting a complaint — Luật Khiếu nại 2011, Điều 11."""

    NOT_ADMINISTRATIVE = "1", _("Internal, directive, normative or state-secret act (Art. 11(1))")
    NO_DIRECT_INTEREST = "2", _("No direct link to the complainant's rights (Art. 11(2))")
    NO_CAPACITY = "3", _("The complainant lacks civil capacity and has no legal representative (Art. 11(3))")
    UNLAWFUL_REPRESENTATIVE = "4", _("The representative is not lawful (Art. 11(4))")
    UNSIGNED = "5", _("The petition is not signed or fingerprinted (Art. 11(5))")
    TIME_BARRED = "6", _("The time limit to complain has passed without a valid reason (Art. 11(6))")
    SECOND_DECISION_EXISTS = "7", _("A second-time decision already exists (Art. 11(7))")
    TERMINATED_NOT_CONTINUED = "8", _("Terminated and not continued within 30 days (Art. 11(8))")
    COURT = "9", _("A court has accepted or decided the case (Art. 11(9))")


class ToCaoRejectReason(models.TextChoices):
    """Grounds for not accepting a denunciation — Luật Tố cáo 2018, Điều 29 (conditions not met)."""

    FORM = "form", _("The petition does not meet the form of Art. 23")
    NO_CAPACITY = "capacity", _("The denouncer lacks civil capacity and has no legal representative")
    NOT_COMPETENT = "competence", _("This body is not competent (transferred instead)")
    UNIDENTIFIABLE = "unidentifiable", _("The violator or the violation cannot be identified")
    ALREADY_RESOLVED = "resolved", _("Already resolved lawfully, with no new evidence (Art. 29(2))")


class PaknRejectReason(models.TextChoices):
    """A feedback item that cannot be received (NĐ 20/2008/NĐ-CP, Art. 9)."""

    NOT_VIETNAMESE = "language", _("Not written in Vietnamese")
    NO_CONTACT = "contact", _("No name, address or contact to answer")
    NOT_IN_SCOPE = "scope", _("Not about an administrative matter")
    DUPLICATE = "duplicate", _("The same item was already received")


class Criterion(models.TextChoices):
    """Complexity criteria — NĐ 31/2019/NĐ-CP, Điều 3 (also for complaints from 1/7/2026, [S])."""

    A = "a", _("(a) one item to verify at two or more places")
    B = "b", _("(b) two or more items to verify")
    C = "c", _("(c) many petitioners, or many people's interests affected")
    D = "d", _("(d) a foreign element")
    DD = "dd", _("(đ) the management responsibility of several bodies")
    E = "e", _("(e) the bodies involved disagree")
    G = "g", _("(g) conflicting evidence that needs expert time")


class DecisionOutcome(models.TextChoices):
    """Luật Khiếu nại 2011, Điều 31(2) and 40(2); Luật Tố cáo 2018, Điều 35."""

    RIGHT = "right", _("Right (đúng)")
    PARTLY_RIGHT = "partly_right", _("Partly right (đúng một phần)")
    WRONG = "wrong", _("Wrong (sai toàn bộ)")
    ANSWERED = "answered", _("Answered (phản ánh, kiến nghị)")


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("Shown to the citizen")
    INTERNAL = "internal", _("Staff only")


# The legal grounds for not accepting a case, per track: THE mapping the reject form offers, the service
# checks, the notice of non-acceptance cites and the synthetic walk draws from.
_REJECT_REASONS: dict[str, type[models.TextChoices]] = {
    Track.KHIEU_NAI: KhieuNaiRejectReason,
    Track.TO_CAO: ToCaoRejectReason,
    Track.PAKN: PaknRejectReason,
}


def reject_reasons_for(track: str) -> type[models.TextChoices] | None:
    """The grounds for not accepting a case on ``track``; ``None`` for a track with none (not yet classified)."""
    return _REJECT_REASONS.get(track)
