"""The yearly evaluation's forms: the year shown, the year to run, the committee's grade and reason.
They only parse; the rules (a year not open to evaluation, a reason for a change, an opening day that
exists every year) are the service's."""

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
        error_messages={"invalid_choice": _("Choose a year from the list: the current year and the five before it.")},
    )  # fmt: skip

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]  # type: ignore[attr-defined]


class RunForm(forms.Form):
    # Any year: a year whose evaluation is not open yet is refused by the service with its code and message.
    year = forms.IntegerField(label=_("Year to evaluate"), min_value=2000, max_value=2100)


class ConfirmForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=[(g.value, GRADE_LABELS[g.value]) for g in GRADE_ORDER])
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the grade differs from the proposed one or changes a confirmed one."),
    )  # fmt: skip


def steps_text(thresholds: list[list[float]]) -> str:
    """[[50, 40], [70, 60]] as "50:40; 70:60" (what the form shows and reads back)."""
    return "; ".join(f"{a:g}:{p:g}" for a, p in thresholds)


class MethodologyForm(forms.Form):
    """A methodology's weights, steps and grade minimums. A confirmed version is not changed: the service
    makes a new draft version from what is submitted."""

    min_xuat_sac = forms.FloatField(label=_("Minimum score: excellent"), min_value=0, max_value=100)
    min_tot = forms.FloatField(label=_("Minimum score: good"), min_value=0, max_value=100)
    min_hoan_thanh = forms.FloatField(label=_("Minimum score: completed"), min_value=0, max_value=100)
    opens_day = forms.IntegerField(label=_("The year's evaluation opens: day"), min_value=1, max_value=31)
    opens_month = forms.IntegerField(
        label=_("The year's evaluation opens: month"), min_value=1, max_value=12,
        help_text=_("From that day of the evaluated year, the year may be evaluated; before it, its figures to date "
                    "are shown provisionally."),
    )  # fmt: skip
    note = forms.CharField(label=_("What changed and why"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args: Any, methodology: Any, **kwargs: Any) -> None:
        minimums = methodology.grade_minimums or {}
        initial = {"min_xuat_sac": minimums.get("xuat_sac"), "min_tot": minimums.get("tot"),
                   "min_hoan_thanh": minimums.get("hoan_thanh"), "opens_day": methodology.opens_day,
                   "opens_month": methodology.opens_month}  # fmt: skip
        self.keys = []
        for ind in methodology.indicators.all():
            initial[f"w_{ind.key}"] = ind.weight
            initial[f"s_{ind.key}"] = steps_text(ind.thresholds)
            self.keys.append((ind.key, ind.label))
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for key, label in self.keys:
            self.fields[f"w_{key}"] = forms.FloatField(label=_("Weight: %(label)s") % {"label": label}, min_value=0)
            self.fields[f"s_{key}"] = forms.CharField(
                label=_("Steps: %(label)s") % {"label": label}, max_length=300,
                help_text=_("Pairs figure:points separated by “;”, for example 50:40; 85:80; 95:100."),
            )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, _label in self.keys:
            text = data.get(f"s_{key}")
            if text is None:
                continue
            try:
                data[f"s_{key}"] = [[float(a), float(p)] for a, p in
                                    (part.split(":") for part in text.replace(",", ".").split(";") if part.strip())]  # fmt: skip
            except ValueError:
                self.add_error(f"s_{key}", _("Write pairs figure:points, for example 50:40; 85:80."))
        return data

    def indicators(self) -> dict[str, dict[str, Any]]:
        return {key: {"weight": self.cleaned_data[f"w_{key}"], "thresholds": self.cleaned_data[f"s_{key}"]}
                for key, _label in self.keys}  # fmt: skip

    def opens(self) -> tuple[int, int]:
        return self.cleaned_data["opens_month"], self.cleaned_data["opens_day"]

    def grade_minimums(self) -> dict[str, float]:
        return {"xuat_sac": self.cleaned_data["min_xuat_sac"], "tot": self.cleaned_data["min_tot"],
                "hoan_thanh": self.cleaned_data["min_hoan_thanh"]}  # fmt: skip
