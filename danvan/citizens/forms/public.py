"""The citizen's sign-in forms: a contact, then the code sent to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.citizens.contacts import Contact, contact_parse


class ContactForm(forms.Form):
    contact = forms.CharField(
        label=_("Your phone number or email"), max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}),
        help_text=_("e.g. 0912 345 678 or ten@example.vn. We send a one-time code there; no password is needed."),
    )  # fmt: skip

    def clean_contact(self) -> Contact:
        contact = contact_parse(self.cleaned_data["contact"])
        if contact is None:
            raise forms.ValidationError(
                _("Write a phone number (e.g. 0912 345 678) or an email address (e.g. ten@example.vn)."),
                code="contact_invalid",
            )
        return contact


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code"), max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*",
                                      "spellcheck": "false"}),
    )  # fmt: skip

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("The code has 6 digits."), code="code_shape")
        return code
