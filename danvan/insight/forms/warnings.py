from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

PERIODS = [(7, _("7 days")), (30, _("30 days")), (90, _("90 days"))]


class HotspotFilterForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Period"), choices=PERIODS, coerce=int, initial=7, required=False)


class HotspotCellForm(forms.Form):
    """One cell of the hotspots: a commune (blank: unplaced) × a topic (blank: none), over dates."""

    xa = forms.IntegerField(required=False, min_value=1)
    chu_de = forms.IntegerField(required=False, min_value=1)
    tu = forms.DateField()
    den = forms.DateField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end and (end < start or (end - start) > dt.timedelta(days=366)):
            raise forms.ValidationError(_("Choose a period of at most a year."))
        return data


class DigestForm(forms.Form):
    co_quan = forms.TypedChoiceField(label=_("Body"), coerce=int, required=False)
    tuan = forms.DateField(label=_("Week of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, bodies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["co_quan"]).choices = bodies
