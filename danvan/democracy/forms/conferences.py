"""The forms of the yearly community conference: the record (with one status field per decided matter,
prefilled from the village's decided matters) and an item's later update. They only parse; the
service decides (``refused`` puts a refusal next to its field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.democracy.choices import ExecutionStatus
from danvan.ui.forms import RefusalMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

REPORTS = (
    ("village_head", _("Report of the village head: the village's situation and the decided items' execution")),
    ("front", _("Report of the Front work committee: the practice of democracy")),
    ("ttnd", _("Report of the Ban TTND member: supervision")),
)
_REPORT_LABELS = {
    "village_head": (_("Village head's report: title"), _("Village head's report: summary")),
    "front": (_("Front committee's report: title"), _("Front committee's report: summary")),
    "ttnd": (_("Ban TTND's report: title"), _("Ban TTND's report: summary")),
}


class ConferenceForm(RefusalMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    held_on = forms.DateField(label=_("Date of the conference"), widget=_DATE, input_formats=_D_FORMATS)
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=200,
                                 help_text=_("The village head (Art. 33(1))."))  # fmt: skip
    present = forms.IntegerField(label=_("Households present"), min_value=0)
    record = forms.CharField(label=_("Record of the conference"), max_length=20_000,
                             widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip

    def __init__(self, *args: Any, matters: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        for key, _label in REPORTS:
            title, summary = _REPORT_LABELS[key]
            self.fields[f"{key}_title"] = forms.CharField(label=title, max_length=300)
            self.fields[f"{key}_summary"] = forms.CharField(label=summary, max_length=10_000,
                                                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
        self.matters = list(matters)
        for m in self.matters:
            self.fields[f"m{m.pk}_status"] = forms.ChoiceField(
                label=_("Execution of %(code)s") % {"code": m.code},
                choices=ExecutionStatus.choices,
                initial=ExecutionStatus.IN_PROGRESS,
            )
            self.fields[f"m{m.pk}_note"] = forms.CharField(label=_("Note on %(code)s") % {"code": m.code},
                                                           max_length=500, required=False)  # fmt: skip

    def report_groups(self) -> list[tuple[Any, Any, Any]]:
        return [(label, self[f"{key}_title"], self[f"{key}_summary"]) for key, label in REPORTS]

    def matter_rows(self) -> list[tuple[Any, Any, Any]]:
        return [(m, self[f"m{m.pk}_status"], self[f"m{m.pk}_note"]) for m in self.matters]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in ("year", "held_on", "chaired_by", "present", "record")]


class ItemForm(RefusalMixin, forms.Form):
    status = forms.ChoiceField(label=_("Execution"), choices=ExecutionStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
