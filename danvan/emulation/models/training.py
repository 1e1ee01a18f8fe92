"""The training part's tables: topics (a course's kind, as data), courses run by a body, their sessions,
the officers enrolled, attendance per session, certificates; and the requirements saying which roles
must be trained in which topic (editable data with its source and dates)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.org.choices import Role

__all__ = ["Course", "Enrolment", "TrainingAttendance", "TrainingCertificate", "TrainingRequirement",
           "TrainingSession", "TrainingTopic"]  # fmt: skip


class TrainingTopic(TimeStampedModel):
    """What a course teaches (kỹ năng dân vận, tiếp công dân, một cửa …): data, seeded by the migration,
    so a province may add its own."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingRequirement(TimeStampedModel):
    """ "Officers holding ``role`` must be trained in ``topic``", in force from ``valid_from`` to
    ``valid_to``, with its source. No text read for the issue sets these ([U] unless ``verified``): the
    seeded rows follow seed 002 (reception officers, one-stop counters) and are meant to be edited."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    topic = models.ForeignKey(TrainingTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("confirmed by the text of its source"), default=False)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        ordering = ["role", "topic__sort_order", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.topic}"


class Course(TimeStampedModel):
    """A course run by a body (the organiser's scope decides who may manage it and whom it may enrol)."""

    organization = models.ForeignKey("org.Organization", verbose_name=_("organising body"),
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    topic = models.ForeignKey(TrainingTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.organization


class TrainingSession(TimeStampedModel):
    """One session of a course: a day, a place, a trainer, a number of seats. Only sessions marked
    ``required`` count towards completion."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255)
    trainer = models.CharField(_("trainer"), max_length=200)
    capacity = models.PositiveIntegerField(_("seats"))
    required = models.BooleanField(_("required for completion"), default=True)
    # Cancelled (with its reason, told to the officers enrolled): no enrolment counts its seats, no
    # attendance is recorded, and it no longer counts towards completion. Kept on record.
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["held_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(capacity__gte=1), name="emulation_session_seats")]

    def __str__(self) -> str:
        return f"{self.course} — {self.held_on:%d/%m/%Y}"

    def permission_organization(self) -> Any:
        return self.course.organization


class Enrolment(TimeStampedModel):
    """An officer enrolled in a course (once)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="emulation_enrolment_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.course}"

    def permission_organization(self) -> Any:
        return self.course.organization


class TrainingAttendance(TimeStampedModel):
    """Whether an enrolled officer was present at a session (recorded once the session was held)."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="emulation_attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrolment.person} @ {self.session}: {self.present}"


class CertificateQuerySet(models.QuerySet["TrainingCertificate"]):
    def counting(self) -> CertificateQuerySet:
        """The certificates that count (coverage, the evaluation's indicator, a frozen attendance): those
        not revoked. The one place this rule is written."""
        return self.filter(revoked_on__isnull=True)


class TrainingCertificate(TimeStampedModel):
    """The certificate of an officer who completed a course, with a unique number anyone may verify
    (the public page shows the holder's initials only)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(_("number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"), db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Revoked by the issuing side (issued in error …), with its reason: the public check says so and it no
    # longer counts towards coverage. Kept on record, never deleted.
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("training certificate")
        verbose_name_plural = _("training certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number

    def permission_organization(self) -> Any:
        return self.enrolment.course.organization

    def permission_owner_id(self) -> Any:
        return self.enrolment.person_id
