"""Translated labels for the pure core's enums, for models, forms and templates.

The pure modules (``calendar``, ``rules``, ``counting``, ``engine``) use plain ``StrEnum`` values so
they never import Django; this module pairs each value with a label marked for translation.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.deadlines import rules_seed
from danvan.deadlines.calendar import DayCategory, OverrideKind
from danvan.deadlines.rules import (
    Complexity,
    Condition,
    Confidence,
    Criterion,
    Kind,
    Reading,
    Regime,
    TransferEffect,
    Unit,
)

Choices = list[tuple[str, Promise | str]]

PROCEDURE_CHOICES: Choices = [
    (rules_seed.KHIEU_NAI, _("Complaint (khiếu nại)")),
    (rules_seed.KHIEU_NAI_KY_LUAT, _("Complaint against a disciplinary decision")),
    (rules_seed.TO_CAO, _("Denunciation (tố cáo)")),
    (rules_seed.TIEP_CONG_DAN, _("Citizen reception (tiếp công dân)")),
    (rules_seed.PAKN, _("Petition and feedback (phản ánh, kiến nghị)")),
    (rules_seed.DAN_CHU_CO_SO, _("Grassroots democracy (dân chủ ở cơ sở)")),
]

REGIME_CHOICES: Choices = [
    (Regime.R2014.value, _("R2014: until 30/06/2025")),
    (Regime.R2025.value, _("R2025: 01/07/2025 to 30/06/2026")),
    (Regime.R2026.value, _("R2026: from 01/07/2026")),
]

UNIT_CHOICES: Choices = [
    (Unit.CALENDAR_DAY.value, _("days")),
    (Unit.WORKING_DAY.value, _("working days")),
    (Unit.OCCURRENCE.value, _("times")),
]

KIND_CHOICES: Choices = [
    (Kind.WITHIN.value, _("within (latest day to act)")),
    (Kind.AT_LEAST.value, _("at least (minimum duration)")),
    (Kind.BEFORE.value, _("before an event (latest day to give notice)")),
    (Kind.REQUIREMENT.value, _("requirement without a date")),
]

CONFIDENCE_CHOICES: Choices = [
    (Confidence.VERIFIED.value, _("[V] verified against the legal text")),
    (Confidence.SECONDARY.value, _("[S] one secondary source")),
    (Confidence.UNVERIFIED.value, _("[U] unverified")),
]

CONDITION_CHOICES: Choices = [
    (Condition.ANY.value, _("either")),
    (Condition.YES.value, _("yes")),
    (Condition.NO.value, _("no")),
]

READING_CHOICES: Choices = [
    (Reading.STRICTER.value, _("the stricter (earlier) of the two")),
    (Reading.PRIMARY.value, _("the first reading")),
    (Reading.ALTERNATIVE.value, _("the other reading")),
]

TRANSFER_CHOICES: Choices = [
    (TransferEffect.RESTART.value, _("restarts the clock")),
    (TransferEffect.KEEP.value, _("keeps the clock running")),
]

COMPLEXITY_CHOICES: Choices = [
    (Complexity.THUONG.value, _("ordinary")),
    (Complexity.PHUC_TAP.value, _("complex")),
    (Complexity.DAC_BIET.value, _("especially complex")),
]

CRITERION_CHOICES: Choices = [(criterion.value, criterion.value) for criterion in Criterion]

OVERRIDE_KIND_CHOICES: Choices = [
    (OverrideKind.DAY_OFF.value, _("day off")),
    (OverrideKind.WORKING_DAY.value, _("working day")),
]

DAY_CATEGORY_LABELS: dict[str, Promise] = {
    DayCategory.WORKING_DAY.value: _("working day"),
    DayCategory.WEEKEND.value: _("weekend"),
    DayCategory.HOLIDAY.value: _("public holiday"),
    DayCategory.OBSERVED_DAY_OFF.value: _("holiday moved off a weekend (nghỉ bù)"),
    DayCategory.SUBSTITUTE_DAY_OFF.value: _("substitute day off"),
    DayCategory.WORKING_WEEKEND.value: _("working Saturday (làm bù)"),
    DayCategory.OVERRIDE_DAY_OFF.value: _("day off set by an operator"),
    DayCategory.OVERRIDE_WORKING_DAY.value: _("working day set by an operator"),
}


def label(choices: Choices, value: str) -> Promise | str:
    """The translated label of ``value`` in ``choices``, or the value itself."""
    return dict(choices).get(value, value)
