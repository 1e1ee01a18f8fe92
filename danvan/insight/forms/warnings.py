from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

PERIODS = [(7, _("7 days")), (30, _("30 days")), (90, _("90 days"))]
LARGEST_ID = 2**31 - 1  # a primary key's largest value: a larger number is refused, not sent to the database
FIRST_YEAR, LAST_YEAR = 2000, 2100  # dates outside are refused (a week's arithmetic would overflow at the ends)


class IdField(forms.IntegerField):
    """A row's id from the query string: a whole number 1 … 2³¹−1 (``²`` or 5,000 digits are an error)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(**kwargs)


class SaneDateField(forms.DateField):
    """A date in the years 2000 … 2100."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s."), code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )  # fmt: skip


class HotspotFilterForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Period"), choices=PERIODS, coerce=int, initial=7, required=False)


class HotspotQueryForm(HotspotFilterForm):
    """The hotspots asked through the REST API: the period's length and its last day (default today)."""

    end = SaneDateField(required=False)


class HotspotCellForm(forms.Form):
    """One cell of the hotspots: a commune (blank: unplaced) × a topic (blank: none), over dates."""

    xa = IdField(required=False)
    chu_de = IdField(required=False)
    tu = SaneDateField()
    den = SaneDateField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end and (end < start or (end - start) > dt.timedelta(days=366)):
            raise forms.ValidationError(_("Choose a period of at most a year."))
        return data


class DigestForm(forms.Form):
    """The body (any id: one outside the reader's scope is "not found", answered by the view) and the week."""

    co_quan = IdField(label=_("Body"), required=False, widget=forms.Select)
    tuan = SaneDateField(label=_("Week of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, bodies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.Select, self.fields["co_quan"].widget).choices = bodies
