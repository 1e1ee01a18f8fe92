"""The editable data behind the deadline engine: rule rows, calendar overrides, announced years.

Only ``services`` write these tables (so every change is audited); ``selectors`` turn them into the
pure core's ``RuleBook`` and ``WorkingCalendar``.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.deadlines import choices
from danvan.deadlines.calendar import Override, OverrideKind
from danvan.deadlines.rules import (
    Condition,
    Confidence,
    Kind,
    Reading,
    Regime,
    Rule,
    TransferEffect,
    Unit,
)


class DeadlineRule(TimeStampedModel):
    """One time limit: a step of a procedure under one legal regime and set of conditions.

    (procedure, step, regime, complex_case, remote_area) → (period, unit, legal basis). Where the
    Law and its guidance count differently (spec §0.2) the row keeps both readings, and ``reading``
    says which applies. Seeded from ``rules_seed`` by migration 0002; operators correct rows marked
    [S] or [U] through ``services.deadline_rule_update``, which audits every change.
    """

    procedure = models.CharField(_("procedure"), max_length=40, choices=choices.PROCEDURE_CHOICES)
    step = models.SlugField(_("step"), max_length=80)
    regime = models.CharField(_("regime"), max_length=8, choices=choices.REGIME_CHOICES)
    label = models.CharField(_("description"), max_length=400)
    complex_case = models.CharField(
        _("complex case"), max_length=4, choices=choices.CONDITION_CHOICES, default=Condition.ANY.value
    )
    remote_area = models.CharField(
        _("remote area"), max_length=4, choices=choices.CONDITION_CHOICES, default=Condition.ANY.value
    )
    kind = models.CharField(_("kind"), max_length=12, choices=choices.KIND_CHOICES, default=Kind.WITHIN.value)
    period = models.PositiveIntegerField(_("period"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=14, choices=choices.UNIT_CHOICES, blank=True)
    trigger = models.CharField(
        _("counted from"), max_length=300, blank=True, help_text=_("The event, as the law names it.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    source = models.CharField(_("source"), max_length=200, blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=choices.CONFIDENCE_CHOICES)
    alt_period = models.PositiveIntegerField(_("other reading: period"), null=True, blank=True)
    alt_unit = models.CharField(_("other reading: unit"), max_length=14, choices=choices.UNIT_CHOICES, blank=True)
    alt_legal_basis = models.CharField(_("other reading: legal basis"), max_length=300, blank=True)
    alt_confidence = models.CharField(
        _("other reading: confidence"), max_length=1, choices=choices.CONFIDENCE_CHOICES, blank=True
    )
    reading = models.CharField(
        _("reading applied"), max_length=12, choices=choices.READING_CHOICES, default=Reading.STRICTER.value
    )
    extension_period = models.PositiveIntegerField(_("extension period"), null=True, blank=True)
    max_extensions_normal = models.PositiveSmallIntegerField(_("extensions allowed: ordinary case"), default=0)
    max_extensions_complex = models.PositiveSmallIntegerField(_("extensions allowed: complex case"), default=0)
    max_extensions_especially_complex = models.PositiveSmallIntegerField(
        _("extensions allowed: especially complex case"), default=0
    )
    extension_legal_basis = models.CharField(_("extension: legal basis"), max_length=300, blank=True)
    on_transfer = models.CharField(
        _("on transfer"), max_length=8, choices=choices.TRANSFER_CHOICES, default=TransferEffect.KEEP.value
    )
    warn_percent = models.PositiveSmallIntegerField(
        _("reminder (percentage of the period)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    statutory = models.BooleanField(
        _("statutory"), default=True, help_text=_("Unticked for internal targets that no law sets.")
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["procedure", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "step", "regime", "complex_case", "remote_area"],
                name="deadlines_rule_unique_conditions",
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure}.{self.step} ({self.regime})"

    # For the rules screen -------------------------------------------------------------------------

    def period_display(self) -> str:
        if self.period is None:
            return "—"
        return f"{self.period:02d} {self.get_unit_display()}"

    def alt_display(self) -> str:
        if self.alt_period is None:
            return ""
        return f"{self.alt_period:02d} {self.get_alt_unit_display()}"

    def extensions_display(self) -> str:
        if not self.extension_period:
            return ""
        counts = (self.max_extensions_normal, self.max_extensions_complex, self.max_extensions_especially_complex)
        return _(
            "%(times)s × %(period)s (ordinary / complex / especially complex: %(normal)s / %(complex)s / %(special)s)"
        ) % {
            "times": max(counts),
            "period": f"{self.extension_period:02d} {self.get_unit_display()}",
            "normal": counts[0],
            "complex": counts[1],
            "special": counts[2],
        }

    def conditions_display(self) -> list[str]:
        parts = []
        if self.complex_case != Condition.ANY:
            parts.append(f"{_('complex case')}: {self.get_complex_case_display()}")
        if self.remote_area != Condition.ANY:
            parts.append(f"{_('remote area')}: {self.get_remote_area_display()}")
        return parts

    def to_rule(self) -> Rule:
        """The pure core's view of this row; raises ``ValueError`` if the row is inconsistent."""
        return Rule(
            procedure=self.procedure,
            step=self.step,
            regime=Regime(self.regime),
            label=self.label,
            kind=Kind(self.kind),
            period=self.period,
            unit=Unit(self.unit) if self.unit else None,
            trigger=self.trigger,
            legal_basis=self.legal_basis,
            source=self.source,
            confidence=Confidence(self.confidence),
            complex_case=Condition(self.complex_case),
            remote_area=Condition(self.remote_area),
            alt_period=self.alt_period,
            alt_unit=Unit(self.alt_unit) if self.alt_unit else None,
            alt_legal_basis=self.alt_legal_basis,
            alt_confidence=Confidence(self.alt_confidence) if self.alt_confidence else None,
            reading=Reading(self.reading),
            extension_period=self.extension_period,
            max_extensions_normal=self.max_extensions_normal,
            max_extensions_complex=self.max_extensions_complex,
            max_extensions_especially_complex=self.max_extensions_especially_complex,
            extension_legal_basis=self.extension_legal_basis,
            on_transfer=TransferEffect(self.on_transfer),
            warn_percent=self.warn_percent,
            statutory=self.statutory,
            effective_from=self.effective_from,
            note=self.note,
            pk=self.pk,
        )


class CalendarOverride(TimeStampedModel):
    """An operator's decision for one date, over the ``holidays`` package: a day off or a working day.

    Used when the Government announces the year's schedule for the civil service (usually in the
    fourth quarter of the year before): a weekday given as a day off, a Saturday worked in exchange
    ("ngày làm bù"), or a correction of the package. ``note`` names the announcing document.
    """

    on = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=choices.OVERRIDE_KIND_CHOICES)
    note = models.CharField(
        _("note"), max_length=300, help_text=_("The announcement behind it, e.g. its number and date.")
    )

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.kind}"

    @property
    def year(self) -> int:
        return self.on.year

    def to_override(self) -> Override:
        return Override(on=self.on, kind=OverrideKind(self.kind), note=self.note)


class CalendarYear(TimeStampedModel):
    """A year whose official schedule of days off has been announced and entered.

    Until a year is recorded here, a year the ``holidays`` package only computes by rule is shown
    and reported as "dự kiến" (estimated) wherever a deadline runs through it.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    announcement = models.CharField(
        _("announcement"), max_length=300, help_text=_("The document announcing the year's days off.")
    )

    class Meta:
        verbose_name = _("announced calendar year")
        verbose_name_plural = _("announced calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)
