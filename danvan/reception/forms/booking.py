"""Forms of booking: the citizen's booking form and the look-up (code and phone).

They only parse; what a booking must hold is ``services.booking.booking_problems``'s to decide (the same
words on the web and in the REST API), and the form shows those messages beside their fields.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.reception import codes


class BookingForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("The confirmation code and the reminder are sent to it by SMS."),
    )  # fmt: skip
    email = forms.CharField(label=_("Email (optional)"), max_length=254, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}))  # fmt: skip
    id_number = forms.CharField(
        label=_("ID card (căn cước) or passport number"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    subject = forms.CharField(
        label=_("What do you want to raise?"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words are enough; bring your documents with you."),
    )  # fmt: skip
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, id_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["request_key"] = uuid.uuid4().hex
        field = self.fields["id_number"]
        field.help_text = (
            _("Required from 1/7/2026 (Decree 154/2026, Art. 12): 12 digits, or a passport number.")
            if id_required
            else _("Optional for this session: 12 digits, or a passport number.")
        )
        if not id_required:
            field.label = _("ID card (căn cước) or passport number (optional)")

    def add_service_errors(self, details: dict[str, str]) -> None:
        for field, message in details.items():
            self.add_error(field if field in self.fields else None, message)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Booking code"), max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("e.g. LH-7K9Q-M4XR"),
    )  # fmt: skip
    phone = forms.CharField(label=_("Phone given when booking"), max_length=20,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))  # fmt: skip

    def clean_code(self) -> str:
        code = codes.code_parse(codes.BOOKING_PREFIX, self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("A booking code looks like LH-7K9Q-M4XR."))
        return code
