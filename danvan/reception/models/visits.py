from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.reception import choices
from danvan.reception.models.booking import Booking
from danvan.reception.models.points import ReceptionPoint
from danvan.reception.models.schedule import ReceptionSession


class Visit(TimeStampedModel):
    """One line of the register (sổ tiếp công dân, Luật Tiếp công dân Art. 25(2); spec §3.2): a visit,
    booked or walk-in, numbered per body and year, with what was asked, how it was handled, and the
    answer due within 10 working days (Art. 28).

    A visit that brought a tố cáo keeps no visitor identity in clear: ``sealed`` is set, the visitor
    fields are empty, and the identity lives sealed (``sealed_identity``, the same Fernet sealing as
    a case's) — opened only as a tố cáo's identity is.
    """

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    point = models.ForeignKey(
        ReceptionPoint,
        verbose_name=_("reception point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    booking = models.OneToOneField(
        Booking, verbose_name=_("booking"), null=True, blank=True, on_delete=models.PROTECT, related_name="visit"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    serial_no = models.PositiveIntegerField(_("number"))
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    receiving_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("receiving officer"), on_delete=models.PROTECT, related_name="+"
    )
    head_present = models.BooleanField(_("the head received in person"), default=False)
    mode = models.CharField(_("mode"), max_length=10, choices=choices.Mode.choices, default=choices.Mode.DIRECT)
    # The visitor (for a crowd, the representatives are on ``Crowd``).
    visitor_name = models.CharField(_("full name"), max_length=200, blank=True)
    visitor_address = models.CharField(_("address"), max_length=255, blank=True)
    visitor_id_number = models.CharField(_("ID card number"), max_length=20, blank=True)
    visitor_phone = models.CharField(_("phone"), max_length=20, blank=True)
    acting_for = models.CharField(_("acting for (power of attorney)"), max_length=255, blank=True)
    sealed = models.BooleanField(_("identity sealed (tố cáo)"), default=False)
    sealed_identity = models.TextField(blank=True, editable=False)
    group_size = models.PositiveSmallIntegerField(_("number of people"), default=1)
    content = models.TextField(_("content of the matter"))
    prior_handling = models.TextField(_("earlier handling by competent bodies"), blank=True)
    requests = models.TextField(_("the visitor's requests"), blank=True)
    visitors_signed = models.BooleanField(_("the visitors signed the register"), default=False)
    handling = models.CharField(_("handling"), max_length=12, choices=choices.Handling.choices)
    refusal_ground = models.CharField(
        _("ground for refusing"), max_length=20, choices=choices.RefusalGround.choices, blank=True
    )
    transferred_to = models.ForeignKey(
        "org.Organization",
        verbose_name=_("transferred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handling_note = models.TextField(_("guidance or note"), blank=True)
    # Art. 28(1): the answer within 10 working days of receipt (deadline engine, procedure tiep_cong_dan).
    outcome_due_on = models.DateField(_("answer due on"), null=True, blank=True)
    outcome = models.CharField(_("answer"), max_length=12, choices=choices.Outcome.choices, blank=True)
    outcome_on = models.DateField(_("answered on"), null=True, blank=True)
    outcome_note = models.TextField(_("ground or note of the answer"), blank=True)
    # The morning sweep (sweeps/register.py) reminds once and flags the overdue answer once.
    outcome_reminded_at = models.DateTimeField(_("answer reminder sent at"), null=True, blank=True, editable=False)
    outcome_overdue_at = models.DateTimeField(_("answer flagged overdue at"), null=True, blank=True, editable=False)
    request_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("register of citizen reception")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "serial_no"], name="reception_visit_serial_unique")
        ]
        indexes = [models.Index(fields=["organization", "received_at"])]

    def __str__(self) -> str:
        return f"{self.serial_no:03d}/{self.year}"

    def permission_organization(self) -> Any:
        return self.organization


def _document_path(instance: VisitDocument, filename: str) -> str:
    return f"reception/{instance.visit.year}/{instance.visit.organization_id}/{instance.visit.serial_no}/{filename}"


class VisitDocument(models.Model):
    """A document the visitor handed in, checked like a case's attachments (``files.checks``);
    never served directly. A sealed visit's documents are stored sealed."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=_document_path, max_length=300)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    sealed = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("document received")
        verbose_name_plural = _("documents received")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class VisitCase(models.Model):
    """A case the visit brought (one per track when a mixed petition is split, Art. 25(3)); the case
    records the visit on its side as its channel "reception" and intake note."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="case_links")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    track = models.CharField(_("track"), max_length=20)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("case from a visit")
        verbose_name_plural = _("cases from visits")
        ordering = ["id"]
        # one case per track of a visit: two concurrent splits cannot both store theirs
        constraints = [models.UniqueConstraint(fields=["visit", "track"], name="reception_visitcase_track_unique")]

    def __str__(self) -> str:
        return f"{self.visit} → {self.case_id}"


class Crowd(TimeStampedModel):
    """A visit of many people about the same content (đông người, Arts. 29–30): the representatives
    they chose (their number within ``rules.representatives_allowed``), the document all signed, the
    head's meeting with them, and the matter key that links a crowd coming back (early warnings)."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="crowd")
    representatives = models.JSONField(_("representatives"), default=list)
    appointment_signed = models.BooleanField(_("the document appointing them was signed by all"), default=False)
    statement = models.TextField(_("their statement, read back and signed"), blank=True)
    statement_signed = models.BooleanField(_("the statement was signed"), default=False)
    met_at = models.DateTimeField(_("met the representatives at"), null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("met by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting_note = models.TextField(_("what was said and decided"), blank=True)
    joint_bodies = models.CharField(_("bodies present with the head"), max_length=500, blank=True)
    order_disturbed = models.BooleanField(_("order was disturbed (police called)"), default=False)
    matter_key = models.CharField(_("same matter as"), max_length=120, blank=True, db_index=True)

    class Meta:
        verbose_name = _("crowd")
        verbose_name_plural = _("crowds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.visit} ({self.visit.group_size})"

    def permission_organization(self) -> Any:
        return self.visit.organization
