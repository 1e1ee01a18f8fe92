"""The per-official figures' filters: the unit (those the reader may see, capped) and the year (the evaluation's
years, ``selectors.evaluation.year_choices``: this year so far and the ended ones)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.emulation.selectors.evaluation import year_choices


class PeopleFilterForm(forms.Form):
    don_vi = forms.TypedChoiceField(
        label=_("Unit"), coerce=int,
        error_messages={"invalid_choice": _("Choose a unit from the list: only units whose officials you evaluate.")},
    )  # fmt: skip
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int,
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )  # fmt: skip

    def __init__(self, data: dict[str, Any], *, units: list[Any]) -> None:
        super().__init__(data)
        self.fields["don_vi"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]  # type: ignore[attr-defined]


class SheetYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, error_messages={"invalid_choice": _("Choose a year from the list.")}
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]  # type: ignore[attr-defined]
