"""The commitments part's tables (Chỉ thị 05): a year's windows and limit (data, with their source), each
cadre's commitments, their self-reviews (versioned once assessed) with evidence, a body's public service
commitments, and the reminders already sent (one per person per window)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.emulation.rules import commitments as rules

__all__ = [
    "Commitment",
    "CommitmentReminder",
    "CommitmentReview",
    "CommitmentYear",
    "PublicCommitment",
    "ReviewEvidence",
    "ReviewPeriod",
    "ReviewRating",
]


class ReviewPeriod(models.TextChoices):
    MIDYEAR = rules.Period.MIDYEAR.value, _("Mid-year")
    YEAREND = rules.Period.YEAREND.value, _("Year-end")


class ReviewRating(models.TextChoices):
    COMPLETED = rules.Rating.COMPLETED.value, _("Completed")
    PARTLY = rules.Rating.PARTLY.value, _("Partly completed")
    NOT_COMPLETED = rules.Rating.NOT_COMPLETED.value, _("Not completed")


class CommitmentYear(TimeStampedModel):
    """A year's registration and review windows and how many commitments one person may register.

    Data, not constants: seed 004 says "one or two" things per cadre under Chỉ thị 05; the directive's
    own text was not read [U], so the limit and the dates carry their ``source`` and may be changed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    registration_opens_on = models.DateField(_("registration opens on"))
    registration_closes_on = models.DateField(_("registration closes on"))
    midyear_opens_on = models.DateField(_("mid-year review opens on"))
    midyear_closes_on = models.DateField(_("mid-year review closes on"))
    yearend_opens_on = models.DateField(_("year-end review opens on"))
    yearend_closes_on = models.DateField(_("year-end review closes on"))
    max_per_person = models.PositiveSmallIntegerField(_("commitments per person at most"), default=2)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("commitment year")
        verbose_name_plural = _("commitment years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def windows(self) -> rules.Windows:
        return rules.Windows(
            year=self.year,
            registration_opens_on=self.registration_opens_on,
            registration_closes_on=self.registration_closes_on,
            midyear_opens_on=self.midyear_opens_on,
            midyear_closes_on=self.midyear_closes_on,
            yearend_opens_on=self.yearend_opens_on,
            yearend_closes_on=self.yearend_closes_on,
        )


class Commitment(TimeStampedModel):
    """One concrete thing a cadre or party member commits to do in a year (Chỉ thị 05): what, why, the
    measurable result, and the day it is done by (inside the year). It belongs to the body where the
    person holds a role; its reviews are seen by the person, their head and the evaluating roles only."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("what I will do"), max_length=300)
    reason = models.TextField(_("why"), max_length=2000)
    measurable_result = models.TextField(_("measurable result"), max_length=2000)
    due_on = models.DateField(_("done by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["year", "person_id", "id"]
        indexes = [models.Index(fields=["organization", "year"], name="emulation_commit_org_year")]

    def __str__(self) -> str:
        return self.title[:80]

    def permission_organization(self) -> Any:
        return self.organization

    def permission_owner_id(self) -> int:
        return self.person_id


class CommitmentReview(models.Model):
    """A self-review of one commitment for one period (mid-year or year-end) with its self-rating, and
    the head's assessment. Frozen once assessed: a change after that is a new version with its reason,
    assessed again; the earlier version stays on record. The latest version counts."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reviews")
    period = models.CharField(_("review period"), max_length=8, choices=ReviewPeriod.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    change_reason = models.CharField(_("reason for the new version"), max_length=500, blank=True)
    text = models.TextField(_("what was done"), max_length=4000)
    self_rating = models.CharField(_("self-rating"), max_length=14, choices=ReviewRating.choices)
    submitted_at = models.DateTimeField(_("submitted at"), default=clock.now)
    assessment = models.CharField(_("assessment"), max_length=14, choices=ReviewRating.choices, blank=True)
    assessment_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-review")
        verbose_name_plural = _("self-reviews")
        ordering = ["commitment_id", "period", "version"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "period", "version"], name="emulation_review_version"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.period} v{self.version}"

    @property
    def frozen(self) -> bool:
        return self.assessed_at is not None

    def permission_organization(self) -> Any:
        return self.commitment.organization

    def permission_owner_id(self) -> int:
        return self.commitment.person_id


def _evidence_path(instance: ReviewEvidence, filename: str) -> str:
    return f"emulation/commitments/{instance.review.commitment_id}/{instance.review_id}/{filename}"


class ReviewEvidence(models.Model):
    """A file proving a self-review (a photo, a scan), checked like every upload (``files.checks``)."""

    review = models.ForeignKey(CommitmentReview, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path, max_length=300)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class PublicCommitment(TimeStampedModel):
    """A body's public service commitments for a year (e.g. "ba không, ba nên, ba cần"), shown publicly."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    items = models.TextField(_("the commitments, one per line"), max_length=4000)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public service commitment")
        verbose_name_plural = _("public service commitments")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.organization

    def lines(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class CommitmentReminder(models.Model):
    """A reminder already sent: one per person, year and window, so a sweep run twice sends nothing new."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    window = models.CharField(max_length=14)
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "window"], name="emulation_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.window}"
