"""The voting part's forms: they only parse (the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.democracy.models import Household, Matter

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def _household_code() -> forms.CharField:
    return forms.CharField(label=_("Household code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
                           help_text=_("As written on the notice the village head gave your household."))  # fmt: skip


class CodeRequestForm(forms.Form):
    household = _household_code()
    phone = forms.CharField(label=_("Phone of the household's representative"), max_length=20,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))  # fmt: skip


class VoteForm(forms.Form):
    household = _household_code()
    code = forms.CharField(label=_("One-time code (6 digits, by SMS)"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))  # fmt: skip
    choice = forms.ChoiceField(choices=[("yes", _("Agree")), ("no", _("Disagree"))], required=False)


class ConsentForm(forms.Form):
    household = _household_code()
    code = forms.CharField(label=_("One-time code (6 digits, by SMS)"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))  # fmt: skip
    agreed = forms.ChoiceField(choices=[("yes", _("Agree to vote online")), ("no", _("Do not agree"))],
                               required=False)  # fmt: skip


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Your receipt code"), max_length=40,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))  # fmt: skip


class ConsentOpenForm(forms.Form):
    matter = forms.ModelChoiceField(label=_("Matter (item 6, one village)"), queryset=Matter.objects.none())
    opens_at = forms.DateTimeField(label=_("Consent opens"), widget=_DATETIME, input_formats=_DT_FORMATS)
    closes_at = forms.DateTimeField(label=_("Consent closes"), widget=_DATETIME, input_formats=_DT_FORMATS)

    def __init__(self, *args: object, matters: list[Matter] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["matter"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Matter.objects.filter(pk__in=[m.pk for m in matters or []]).select_related("village")
        field.label_from_instance = lambda obj: f"{obj.code} — {obj.title} ({obj.village})"  # type: ignore[method-assign]


class VoteOpenForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Vote opens"), widget=_DATETIME, input_formats=_DT_FORMATS)
    closes_at = forms.DateTimeField(label=_("Vote closes"), widget=_DATETIME, input_formats=_DT_FORMATS)


class ConsentRecordForm(forms.Form):
    household = forms.ModelChoiceField(label=_("Household"), queryset=Household.objects.none())
    agreed = forms.TypedChoiceField(label=_("Answer"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("Agrees to vote online")), ("no", _("Does not agree"))])  # fmt: skip

    def __init__(self, *args: object, village_id: int = 0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["household"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Household.objects.filter(village_id=village_id, is_active=True).order_by("code")
        field.label_from_instance = lambda obj: f"{obj.code} — {obj.representative_name}"  # type: ignore[method-assign]
