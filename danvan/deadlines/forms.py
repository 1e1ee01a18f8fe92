"""Forms of the operator screens and the admin: they parse and validate; services do the change."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from danvan.deadlines import choices
from danvan.deadlines.models import CalendarOverride, CalendarYear, DeadlineRule
from danvan.deadlines.rules import InvalidRule
from danvan.deadlines.services import RULE_EDITABLE_FIELDS, RULE_PROBLEM_MESSAGES

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class CalendarOverrideForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), input_formats=DATE_INPUT_FORMATS, help_text=_("As dd/mm/yyyy, e.g. 02/01/2027.")
    )
    kind = forms.ChoiceField(label=_("Make it"), choices=choices.OVERRIDE_KIND_CHOICES)
    note = forms.CharField(
        label=_("Announcement"),
        max_length=300,
        help_text=_("The document behind it, e.g. its number and date."),
    )


class CalendarOverrideRemoveForm(forms.Form):
    on = forms.DateField(widget=forms.HiddenInput, input_formats=DATE_INPUT_FORMATS)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class CalendarYearAnnounceForm(forms.Form):
    announcement = forms.CharField(
        label=_("Announcement"),
        max_length=300,
        help_text=_("The document announcing the year's days off for the civil service."),
    )


class CalendarYearWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class DeadlineRuleAdminForm(forms.ModelForm):
    """The admin's form for a rule row: asks why, and refuses a row the engine could not use."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit log, e.g. the document that corrects this period."),
    )

    class Meta:
        model = DeadlineRule
        fields = list(RULE_EDITABLE_FIELDS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        # Try the row as it would be saved, on a copy: the instance itself is filled in later.
        candidate = construct_instance(self, copy.copy(self.instance), fields=list(RULE_EDITABLE_FIELDS))
        try:
            candidate.to_rule()
        except InvalidRule as error:
            for code in error.problems:
                self.add_error(None, str(RULE_PROBLEM_MESSAGES.get(code, code)))
        return cleaned


class CalendarOverrideAdminForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["on", "kind", "note"]


class CalendarYearAdminForm(forms.ModelForm):
    class Meta:
        model = CalendarYear
        fields = ["year", "announcement"]
