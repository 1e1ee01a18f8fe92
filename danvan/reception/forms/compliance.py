"""The compliance dashboard's and the register's choices: a body (in the reader's scope), whether its
subtree counts, and a month, quarter or year. They only parse; the scope is the selectors'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core import parsing, periods
from danvan.core.periods import Period
from danvan.org.models import Organization
from danvan.surveys.forms.staff import BodyChoiceField, period_choices

SCOPE_TREE, SCOPE_BODY = "tree", "body"


def period_default(today: dt.date) -> Period:
    return Period.holding(periods.MONTH, today)


class ReportForm(forms.Form):
    body = BodyChoiceField(
        label=_("Body"),
        queryset=Organization.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a body from the list: this one is not among those you may see.")},
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[(SCOPE_TREE, _("This body and the bodies under it")), (SCOPE_BODY, _("This body only"))],
    )
    period = forms.ChoiceField(
        label=_("Reporting period"),
        error_messages={"invalid_choice": _("Choose a month, quarter or year from the list (such as 2026-07).")},
    )

    def __init__(self, data: dict[str, Any], *, bodies: QuerySet[Organization], today: dt.date) -> None:
        super().__init__(data)
        body_field: BodyChoiceField = self.fields["body"]  # type: ignore[assignment]
        body_field.queryset = bodies
        body_field.base_depth = bodies.aggregate(top=Min("depth"))["top"] or 0
        # As satisfaction's dashboard: the two highest levels of the reader's bodies (and the body shown);
        # deeper bodies are reached from the "by body" table and chart.
        listed = Q(depth__lte=body_field.base_depth + 1)
        shown = parsing.object_id(str(data.get("body", "")))
        if shown is not None:
            listed |= Q(pk=shown)
        body_field.choices = [(o.pk, body_field.label_from_instance(o)) for o in bodies.filter(listed)]
        self.fields["period"].choices = period_choices(today)  # type: ignore[attr-defined]

    def clean_period(self) -> Period:
        period = periods.parse(self.cleaned_data["period"])
        if period is None:  # the choices already refuse it; kept for the type
            raise forms.ValidationError(_("Choose a month, quarter or year from the list (such as 2026-07)."))
        return period


def month_from(text: str) -> Period | None:
    """``2026-07`` as that month; anything else (a quarter, a year, nonsense) None."""
    period = periods.parse(text)
    return period if period is not None and period.kind == periods.MONTH else None
