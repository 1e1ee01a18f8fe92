"""The yearly dân vận evaluation's tables: the methodology (versioned data, like the satisfaction
methodology of ``surveys``), its indicators, and each unit's evaluation of a year with its versions.

A confirmed methodology is frozen (``services.evaluation`` refuses to edit it; a revision is a new
version). A confirmed evaluation is frozen too: a change by the committee makes a new version with its
reason and keeps the old one (``SUPERSEDED``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.emulation.rules.evaluation import Direction, EvaluationStatus, Grade, MethodologyStatus, window_opens

__all__ = ["EvaluationIndicator", "EvaluationMethodology", "UnitEvaluation"]

MARKS = [("V", "V"), ("S", "S"), ("U", "U")]


class EvaluationMethodology(TimeStampedModel):
    """One version of how a unit's year is evaluated: its indicators (rows), the minimum score of each
    grade, the share of the weight that must be measured before a grade is proposed, and from when it
    applies. ``mark`` says how sure its ground is (legal-spec §6.3: the grading is [U])."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    mark = models.CharField(_("source mark"), max_length=1, choices=MARKS, default="U")
    valid_from = models.DateField(_("applies to years from"))
    status = models.CharField(
        _("status"), max_length=12, choices=[(s.value, s.value) for s in MethodologyStatus],
        default=MethodologyStatus.DRAFT,
    )  # fmt: skip
    # {"xuat_sac": 90, "tot": 75, "hoan_thanh": 50}: the minimum score of each grade but the last.
    grade_minimums = models.JSONField(_("minimum score of each grade"), default=dict)
    min_measured_share = models.FloatField(_("share of the weight that must be measured"), default=0.5)
    # The day (in the evaluated year) from which the year may be evaluated: rules.evaluation.window_open.
    opens_month = models.PositiveSmallIntegerField(_("evaluation opens: month"), default=12)
    opens_day = models.PositiveSmallIntegerField(_("evaluation opens: day"), default=1)
    note = models.TextField(_("note"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("evaluation methodology")
        verbose_name_plural = _("evaluation methodologies")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="emulation_eval_method_version")]
        ordering = ["code", "-version"]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.status == MethodologyStatus.CONFIRMED

    def opens_on(self, year: int) -> dt.date:
        """The first day ``year`` may be evaluated under this version."""
        return window_opens(year, month=self.opens_month, day=self.opens_day)


class EvaluationIndicator(models.Model):
    """One indicator of a methodology: what is measured (``key``, read from the registry in
    ``selectors.evaluation_indicators``), which way is better, its weight and the steps of its points."""

    methodology = models.ForeignKey(EvaluationMethodology, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(_("key"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    direction = models.CharField(
        _("direction"), max_length=10, choices=[(d.value, d.value) for d in Direction], default=Direction.HIGHER
    )
    weight = models.FloatField(_("weight"), default=1.0)
    # [[at, points], ...]: see rules.evaluation.points.
    thresholds = models.JSONField(_("steps of points"), default=list)
    source = models.CharField(_("source"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("evaluation indicator")
        verbose_name_plural = _("evaluation indicators")
        constraints = [models.UniqueConstraint(fields=["methodology", "key"], name="emulation_eval_indicator_key")]
        ordering = ["methodology", "sort_order", "key"]

    def __str__(self) -> str:
        return self.label


class UnitEvaluation(models.Model):
    """One version of a unit's evaluation for a year. ``lines`` keeps, per indicator, the figure, its
    points and its source as they were computed, so a confirmed evaluation stays what the committee saw."""

    organization = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    methodology = models.ForeignKey(EvaluationMethodology, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=[(s.value, s.value) for s in EvaluationStatus],
        default=EvaluationStatus.PROPOSED,
    )  # fmt: skip
    score = models.FloatField(_("score"), null=True, blank=True)
    measured_share = models.FloatField(_("share of the weight measured"), default=0.0)
    proposed_grade = models.CharField(
        _("proposed grade"), max_length=20, blank=True, choices=[(g.value, g.value) for g in Grade]
    )
    grade = models.CharField(_("grade"), max_length=20, blank=True, choices=[(g.value, g.value) for g in Grade])
    reason = models.TextField(_("reason"), blank=True)
    lines = models.JSONField(_("indicators"), default=list)
    computed_at = models.DateTimeField(_("computed at"), default=clock.now)
    # The day the figures were read (Vietnam time): a year evaluated in December is measured up to that day.
    measured_on = models.DateField(_("figures as of"), default=clock.today)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("unit evaluation")
        verbose_name_plural = _("unit evaluations")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "version"], name="emulation_eval_unit_version"),
        ]
        indexes = [models.Index(fields=["year", "status"], name="emulation_eval_year_status")]
        ordering = ["-year", "organization_id", "-version"]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year} v{self.version}"

    def permission_organization(self) -> Any:
        return self.organization

    @property
    def is_frozen(self) -> bool:
        return self.status != EvaluationStatus.PROPOSED

    @property
    def shown_grade(self) -> str:
        """The committee's grade once confirmed, else the proposal."""
        return self.grade or self.proposed_grade
