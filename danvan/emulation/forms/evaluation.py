"""The yearly evaluation's forms: the year shown, the year to run, the committee's grade and reason.
They only parse; the rules (a year not over, a reason for a change) are the service's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.emulation.rules.evaluation import GRADE_ORDER
from danvan.emulation.selectors.evaluation import year_choices

GRADE_LABELS = {
    "xuat_sac": _("Completed tasks excellently (hoàn thành xuất sắc)"),
    "tot": _("Completed tasks well (hoàn thành tốt)"),
    "hoan_thanh": _("Completed tasks (hoàn thành)"),
    "khong_hoan_thanh": _("Did not complete tasks (không hoàn thành)"),
}


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int,
        error_messages={"invalid_choice": _("Choose a year from the list: only years that are over are evaluated.")},
    )  # fmt: skip

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]  # type: ignore[attr-defined]


class RunForm(forms.Form):
    # Any year: a year not yet over is refused by the service with its code and message.
    year = forms.IntegerField(label=_("Year to evaluate"), min_value=2000, max_value=2100)


class ConfirmForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=[(g.value, GRADE_LABELS[g.value]) for g in GRADE_ORDER])
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the grade differs from the proposed one or changes a confirmed one."),
    )  # fmt: skip
