"""Reception's enumerations as Django choices: the values of ``enums`` with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.reception import enums


class HeadKind(models.TextChoices):
    UBND_CHAIR = enums.HeadKind.UBND_CHAIR.value, _("Chair of the People's Committee")
    AGENCY_HEAD = enums.HeadKind.AGENCY_HEAD.value, _("Head of a state agency")
    PARTY_SECRETARY = enums.HeadKind.PARTY_SECRETARY.value, _("Secretary of the Party committee")
    HDND_STANDING = enums.HeadKind.HDND_STANDING.value, _("Standing board of the People's Council")
    SERVICE_UNIT_HEAD = enums.HeadKind.SERVICE_UNIT_HEAD.value, _("Head of a public service unit")


class Level(models.TextChoices):
    PROVINCE = enums.Level.PROVINCE.value, _("Province level")
    DISTRICT = enums.Level.DISTRICT.value, _("District level (abolished 1/7/2025)")
    COMMUNE = enums.Level.COMMUNE.value, _("Commune level")
    ANY = enums.Level.ANY.value, _("Any level")


class Per(models.TextChoices):
    WEEK = enums.Per.WEEK.value, _("per week")
    MONTH = enums.Per.MONTH.value, _("per month")


class Confidence(models.TextChoices):
    VERIFIED = "V", _("Verified against the text")
    SECONDARY = "S", _("From a secondary source")
    UNVERIFIED = "U", _("Not verified")


class SessionKind(models.TextChoices):
    REGULAR = enums.SessionKind.REGULAR.value, _("Regular")
    AD_HOC = enums.SessionKind.AD_HOC.value, _("Ad hoc (đột xuất)")


class Mode(models.TextChoices):
    DIRECT = enums.Mode.DIRECT.value, _("In person")
    ONLINE = enums.Mode.ONLINE.value, _("Online")


class SessionStatus(models.TextChoices):
    PLANNED = enums.SessionStatus.PLANNED.value, _("Planned")
    HELD = enums.SessionStatus.HELD.value, _("Held")
    CANCELLED = enums.SessionStatus.CANCELLED.value, _("Cancelled")


class AdHocTrigger(models.TextChoices):
    ACUTE_COMPLEX_OR_MANY = (
        enums.AdHocTrigger.ACUTE_COMPLEX_OR_MANY.value,
        _("The matter is acute or complex, or many people take part"),
    )
    SEVERAL_BODIES = (
        enums.AdHocTrigger.SEVERAL_BODIES.value,
        _("Several bodies are responsible, or they disagree"),
    )
    SERIOUS_HARM = (
        enums.AdHocTrigger.SERIOUS_HARM.value,
        _("Without a direction at once, serious harm could follow"),
    )


class BookingStatus(models.TextChoices):
    CONFIRMED = enums.BookingStatus.CONFIRMED.value, _("Confirmed")
    WAITING = enums.BookingStatus.WAITING.value, _("On the waiting list")
    CANCELLED = enums.BookingStatus.CANCELLED.value, _("Cancelled")
    ATTENDED = enums.BookingStatus.ATTENDED.value, _("Came")
    NO_SHOW = enums.BookingStatus.NO_SHOW.value, _("Did not come")


class Handling(models.TextChoices):
    RECEIVED = enums.Handling.RECEIVED.value, _("Received (petition taken in)")
    GUIDED = enums.Handling.GUIDED.value, _("Guided to the competent body")
    TRANSFERRED = enums.Handling.TRANSFERRED.value, _("Transferred to the competent body")
    REFUSED = enums.Handling.REFUSED.value, _("Refused (Art. 9)")


class RefusalGround(models.TextChoices):
    INCAPACITY = enums.RefusalGround.INCAPACITY.value, _("Intoxicated, or without capacity for civil acts")
    THREATENING = enums.RefusalGround.THREATENING.value, _("Threatening or insulting, or breaking the reception rules")
    ALREADY_SETTLED = (
        enums.RefusalGround.ALREADY_SETTLED.value,
        _("Already settled lawfully, reviewed and explained, and the visitor persists"),
    )
    OTHER_BY_LAW = enums.RefusalGround.OTHER_BY_LAW.value, _("Another ground set by law")


class Outcome(models.TextChoices):
    ACCEPTED = enums.Outcome.ACCEPTED.value, _("Accepted for resolution (thụ lý)")
    MORE_TIME = enums.Outcome.MORE_TIME.value, _("More time needed to decide on acceptance")
    REFUSED = enums.Outcome.REFUSED.value, _("Not accepted, with the ground")
    TRANSFERRED = enums.Outcome.TRANSFERRED.value, _("Transferred to the competent body")


class TaskStatus(models.TextChoices):
    OPEN = enums.TaskStatus.OPEN.value, _("Open")
    DONE = enums.TaskStatus.DONE.value, _("Done")
    CANCELLED = enums.TaskStatus.CANCELLED.value, _("Cancelled")


class DialogueStatus(models.TextChoices):
    PLANNED = enums.DialogueStatus.PLANNED.value, _("Planned")
    HELD = enums.DialogueStatus.HELD.value, _("Held")
    CLOSED = enums.DialogueStatus.CLOSED.value, _("Closed")
    CANCELLED = enums.DialogueStatus.CANCELLED.value, _("Cancelled")


class Convener(models.TextChoices):
    STATE = enums.Convener.STATE.value, _("Head of a state body")
    PARTY = enums.Convener.PARTY.value, _("Party committee")
    FRONT = enums.Convener.FRONT.value, _("Fatherland Front")


class QuestionStage(models.TextChoices):
    BEFORE = enums.QuestionStage.BEFORE.value, _("Sent before the dialogue")
    DURING = enums.QuestionStage.DURING.value, _("Asked at the dialogue")


class CommitmentStatus(models.TextChoices):
    OPEN = enums.CommitmentStatus.OPEN.value, _("In progress")
    KEPT = enums.CommitmentStatus.KEPT.value, _("Kept")
    NOT_KEPT = enums.CommitmentStatus.NOT_KEPT.value, _("Not kept")
    CANCELLED = enums.CommitmentStatus.CANCELLED.value, _("Withdrawn, with the reason")
