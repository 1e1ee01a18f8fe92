"""The citizen's sign-in forms: a contact, then the code sent to it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.citizens.contacts import Contact, contact_parse


class ContactField(forms.CharField):
    """A phone number or an email, read into one ``Contact`` (the one way every form reads a contact)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Contact:  # a Contact, not a str
        contact = contact_parse(super().clean(value))
        if contact is None:
            raise forms.ValidationError(
                _("Write a phone number (e.g. 0912 345 678) or an email address (e.g. ten@example.vn)."),
                code="contact_invalid",
            )
        return contact


class ContactForm(forms.Form):
    contact = ContactField(
        label=_("Your phone number or email"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}),
        help_text=_("e.g. 0912 345 678 or ten@example.vn. We send a one-time code there; no password is needed."),
    )  # fmt: skip


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
