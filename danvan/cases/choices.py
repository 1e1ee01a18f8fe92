"""The cases app's enumerations as Django choices: the values of ``enums`` with their translated labels.

The values are written once, in ``enums`` (pure, for ``transitions`` and ``rules``); each class here
takes them member by member and adds the label forms and pages show. The legal enums cite their
article there and here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.cases import enums


class Track(models.TextChoices):
    """The three legal tracks, plus "not yet classified" for a citizen who did not know."""

    PAKN = enums.Track.PAKN.value, _("Feedback or petition (phản ánh, kiến nghị)")
    KHIEU_NAI = enums.Track.KHIEU_NAI.value, _("Complaint (khiếu nại)")
    TO_CAO = enums.Track.TO_CAO.value, _("Denunciation (tố cáo)")
    UNCLASSIFIED = enums.Track.UNCLASSIFIED.value, _("Not classified yet")


class Channel(models.TextChoices):
    WEB = enums.Channel.WEB.value, _("Web form")
    COUNTER = enums.Channel.COUNTER.value, _("At the counter")
    API = enums.Channel.API.value, _("REST API")
    OPEN311 = enums.Channel.OPEN311.value, _("Open311")
    RECEPTION = enums.Channel.RECEPTION.value, _("Citizen reception session")
    MAIL = enums.Channel.MAIL.value, _("Post or email")


class Status(models.TextChoices):
    """Every state of every track; which moves are allowed per track is in ``transitions``."""

    RECEIVED = enums.Status.RECEIVED.value, _("Received")
    REGISTERED = enums.Status.REGISTERED.value, _("Registered")
    UNDER_STUDY = enums.Status.UNDER_STUDY.value, _("Under study")
    ACCEPTED = enums.Status.ACCEPTED.value, _("Accepted (thụ lý)")
    VERIFYING = enums.Status.VERIFYING.value, _("Verifying")
    DIALOGUE = enums.Status.DIALOGUE.value, _("Dialogue held")
    SUSPENDED = enums.Status.SUSPENDED.value, _("Suspended")
    DECIDED = enums.Status.DECIDED.value, _("Decided")
    CONCLUDED = enums.Status.CONCLUDED.value, _("Concluded")
    NOTIFIED = enums.Status.NOTIFIED.value, _("Decision sent")
    ANSWERED = enums.Status.ANSWERED.value, _("Answered")
    FINAL = enums.Status.FINAL.value, _("In legal effect")
    INFO_ONLY = enums.Status.INFO_ONLY.value, _("Handled as information (Art. 25)")
    REJECTED = enums.Status.REJECTED.value, _("Not accepted")
    TERMINATED = enums.Status.TERMINATED.value, _("Terminated (đình chỉ)")
    CLOSED_COURT = enums.Status.CLOSED_COURT.value, _("Closed: before a court")
    SPLIT = enums.Status.SPLIT.value, _("Split into several cases")
    CLOSED = enums.Status.CLOSED.value, _("Closed")


class KhieuNaiRejectReason(models.TextChoices):
    """Grounds for not accepting a complaint — Luật Khiếu nại 2011, Điều 11."""

    NOT_ADMINISTRATIVE = (
        enums.KhieuNaiRejectReason.NOT_ADMINISTRATIVE.value,
        _("Internal, directive, normative or state-secret act (Art. 11(1))"),
    )
    NO_DIRECT_INTEREST = (
        enums.KhieuNaiRejectReason.NO_DIRECT_INTEREST.value,
        _("No direct link to the complainant's rights (Art. 11(2))"),
    )
    NO_CAPACITY = (
        enums.KhieuNaiRejectReason.NO_CAPACITY.value,
        _("The complainant lacks civil capacity and has no legal representative (Art. 11(3))"),
    )
    UNLAWFUL_REPRESENTATIVE = (
        enums.KhieuNaiRejectReason.UNLAWFUL_REPRESENTATIVE.value,
        _("The representative is not lawful (Art. 11(4))"),
    )
    UNSIGNED = enums.KhieuNaiRejectReason.UNSIGNED.value, _("The petition is not signed or fingerprinted (Art. 11(5))")
    TIME_BARRED = (
        enums.KhieuNaiRejectReason.TIME_BARRED.value,
        _("The time limit to complain has passed without a valid reason (Art. 11(6))"),
    )
    SECOND_DECISION_EXISTS = (
        enums.KhieuNaiRejectReason.SECOND_DECISION_EXISTS.value,
        _("A second-time decision already exists (Art. 11(7))"),
    )
    TERMINATED_NOT_CONTINUED = (
        enums.KhieuNaiRejectReason.TERMINATED_NOT_CONTINUED.value,
        _("Terminated and not continued within 30 days (Art. 11(8))"),
    )
    COURT = enums.KhieuNaiRejectReason.COURT.value, _("A court has accepted or decided the case (Art. 11(9))")


class ToCaoRejectReason(models.TextChoices):
    """Grounds for not accepting a denunciation — Luật Tố cáo 2018, Điều 29 (conditions not met)."""

    FORM = enums.ToCaoRejectReason.FORM.value, _("The petition does not meet the form of Art. 23")
    NO_CAPACITY = (
        enums.ToCaoRejectReason.NO_CAPACITY.value,
        _("The denouncer lacks civil capacity and has no legal representative"),
    )
    NOT_COMPETENT = enums.ToCaoRejectReason.NOT_COMPETENT.value, _("This body is not competent (transferred instead)")
    UNIDENTIFIABLE = (
        enums.ToCaoRejectReason.UNIDENTIFIABLE.value,
        _("The violator or the violation cannot be identified"),
    )
    ALREADY_RESOLVED = (
        enums.ToCaoRejectReason.ALREADY_RESOLVED.value,
        _("Already resolved lawfully, with no new evidence (Art. 29(2))"),
    )


class PaknRejectReason(models.TextChoices):
    """A feedback item that cannot be received (NĐ 20/2008/NĐ-CP, Art. 9)."""

    NOT_VIETNAMESE = enums.PaknRejectReason.NOT_VIETNAMESE.value, _("Not written in Vietnamese")
    NO_CONTACT = enums.PaknRejectReason.NO_CONTACT.value, _("No name, address or contact to answer")
    NOT_IN_SCOPE = enums.PaknRejectReason.NOT_IN_SCOPE.value, _("Not about an administrative matter")
    DUPLICATE = enums.PaknRejectReason.DUPLICATE.value, _("The same item was already received")


class Criterion(models.TextChoices):
    """Complexity criteria — NĐ 31/2019/NĐ-CP, Điều 3 (also for complaints from 1/7/2026, [S])."""

    A = enums.Criterion.A.value, _("(a) one item to verify at two or more places")
    B = enums.Criterion.B.value, _("(b) two or more items to verify")
    C = enums.Criterion.C.value, _("(c) many petitioners, or many people's interests affected")
    D = enums.Criterion.D.value, _("(d) a foreign element")
    DD = enums.Criterion.DD.value, _("(đ) the management responsibility of several bodies")
    E = enums.Criterion.E.value, _("(e) the bodies involved disagree")
    G = enums.Criterion.G.value, _("(g) conflicting evidence that needs expert time")


class DecisionOutcome(models.TextChoices):
    """Luật Khiếu nại 2011, Điều 31(2) and 40(2); Luật Tố cáo 2018, Điều 35."""

    RIGHT = enums.DecisionOutcome.RIGHT.value, _("Right (đúng)")
    PARTLY_RIGHT = enums.DecisionOutcome.PARTLY_RIGHT.value, _("Partly right (đúng một phần)")
    WRONG = enums.DecisionOutcome.WRONG.value, _("Wrong (sai toàn bộ)")
    ANSWERED = enums.DecisionOutcome.ANSWERED.value, _("Answered (phản ánh, kiến nghị)")


class EventVisibility(models.TextChoices):
    PUBLIC = enums.EventVisibility.PUBLIC.value, _("Shown to the citizen")
    INTERNAL = enums.EventVisibility.INTERNAL.value, _("Staff only")


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


class PublicHideReason(models.TextChoices):
    """Why a report was taken off the public page: the label is also what its citizen is told."""

    PERSONAL_DATA = enums.PublicHideReason.PERSONAL_DATA.value, _("It contains personal details")
    OFFENSIVE = enums.PublicHideReason.OFFENSIVE.value, _("Its wording is offensive")
    NOT_PUBLIC_MATTER = enums.PublicHideReason.NOT_PUBLIC_MATTER.value, _("It is not a matter of public interest")
    DUPLICATE = enums.PublicHideReason.DUPLICATE.value, _("It repeats another public report")
    OTHER = enums.PublicHideReason.OTHER.value, _("Another reason")
