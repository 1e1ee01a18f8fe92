"""The "send me my link again" form: the case's code and the contact given with it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.short_code import short_code_parse
from danvan.citizens.forms.public import ContactField


class LinkAgainForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code or short code"), max_length=40,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("As on your receipt, e.g. PA-2602-7KQ-3XM-B or PA-2602-7KQ3XM; spaces and small letters are fine."),
    )  # fmt: skip
    contact = ContactField(
        label=_("The phone number or email you gave with the petition"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )  # fmt: skip

    def clean_code(self) -> str:
        code = short_code_parse(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("This code has a typo: check each letter and digit against your receipt."), code="code_typo"
            )
        return code
