"""Consultations: the dashboards' choices — a province (among those where the reader may read a body), a
year, and the column the places are sorted by. They only parse; the scope and the figures are the
selectors'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.consultations.selectors.dashboards import SORTS, year_choices
from danvan.org.models import AdministrativeUnit

ASC, DESC = "asc", "desc"


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose a year from the list (from 2023, when the law came into force).")},
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]  # type: ignore[attr-defined]


class ProvinceForm(YearForm):
    province = forms.TypedChoiceField(
        label=_("Province"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Choose a province from the list: this one is not among those you may see.")
        },
    )
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in SORTS])
    order = forms.ChoiceField(required=False, choices=[(ASC, ASC), (DESC, DESC)])

    field_order = ("province", "year")

    def __init__(self, data: dict[str, Any], *, provinces: list[AdministrativeUnit]) -> None:
        super().__init__(data)
        self.fields["province"].choices = [(p.code, p.name) for p in provinces]  # type: ignore[attr-defined]
