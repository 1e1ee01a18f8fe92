"""The register's forms: a visit (spec §3.2), the answer (Art. 28(1)) and the list's filters.

They parse only; every rule (the refusal ground, the transfer body, the identity number from 1/7/2026,
the documents' checks) is the service's, whose per-field messages the view puts back on these fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.forms.public import MultipleFileField
from danvan.reception import choices


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class VisitForm(forms.Form):
    visitor_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    visitor_id_number = forms.CharField(
        label=_("ID card number"), max_length=20, required=False,
        help_text=_("Required from 1/7/2026 (NĐ 154/2026/NĐ-CP, Art. 12)."),
    )  # fmt: skip
    visitor_address = forms.CharField(label=_("Address"), max_length=255, required=False)
    visitor_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    acting_for = forms.CharField(label=_("Acting for (power of attorney)"), max_length=255, required=False)
    group_size = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=10_000, initial=1)
    content = forms.CharField(label=_("Content of the matter"), widget=forms.Textarea(attrs={"rows": 4}))
    prior_handling = forms.CharField(
        label=_("Earlier handling by competent bodies"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requests = forms.CharField(
        label=_("The visitor's requests"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=choices.Mode.choices, initial=choices.Mode.DIRECT)
    head_present = forms.BooleanField(label=_("The head received in person"), required=False)
    handling = forms.ChoiceField(label=_("Handling"), choices=choices.Handling.choices, widget=forms.RadioSelect,
                                 initial=choices.Handling.RECEIVED)  # fmt: skip
    refusal_ground = forms.ChoiceField(
        label=_("Ground for refusing (Art. 9)"), required=False,
        choices=_blank(_("— only when refused —")) + list(choices.RefusalGround.choices),
    )  # fmt: skip
    transferred_to: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Transferred to"), required=False, queryset=None
    )
    handling_note = forms.CharField(
        label=_("Guidance or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    documents = MultipleFileField(label=_("Documents received (photos or PDF)"), required=False)
    visitors_signed = forms.BooleanField(label=_("The visitors signed the register"), required=False)
    sealed = forms.BooleanField(
        label=_("A denunciation (tố cáo): keep the visitor's identity sealed"), required=False,
        help_text=_("The name and documents are stored sealed and never shown on the register."),
    )  # fmt: skip
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transferred_to"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["transferred_to"].empty_label = str(_("— only when transferred —"))  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Answer given"), choices=choices.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Ground or note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when not accepted (the ground) or transferred (the body)."),
    )  # fmt: skip


class RegisterFilterForm(forms.Form):
    body: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Body"), required=False, queryset=None)
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    handling = forms.ChoiceField(label=_("Handling"), required=False,
                                 choices=_blank(_("All")) + list(choices.Handling.choices))  # fmt: skip
    overdue = forms.BooleanField(label=_("Only answers overdue"), required=False)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["body"].empty_label = str(_("All my bodies"))  # type: ignore[attr-defined]
