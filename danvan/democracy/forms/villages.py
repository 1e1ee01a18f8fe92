"""The villages part's forms: they only parse; the services decide (``refused`` puts a refusal next
to its field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.democracy import choices
from danvan.democracy.services.villages import MAX_MEMBERS
from danvan.org.models import AdministrativeUnit
from danvan.ui.forms import RefusalMixin


class VillageForm(RefusalMixin, forms.Form):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=AdministrativeUnit.objects.none())
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and '-', e.g. tdp-1."))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.VillageKind.choices)

    def __init__(self, *args: Any, communes: list[AdministrativeUnit] | None = None, editing: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["commune"]
            del self.fields["code"]
        else:
            self.fields["commune"].queryset = AdministrativeUnit.objects.filter(pk__in=[c.pk for c in communes or []])  # type: ignore[attr-defined]
            if communes and len(communes) == 1:
                self.fields["commune"].initial = communes[0].pk


class HouseholdForm(RefusalMixin, forms.Form):
    code = forms.CharField(label=_("Household code"), max_length=40)
    representative_name = forms.CharField(label=_("Representative"), max_length=200,
                                          help_text=_("The adult who speaks and votes for the household."))  # fmt: skip
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))  # fmt: skip
    email = forms.CharField(label=_("Email"), max_length=254, required=False,
                            widget=forms.EmailInput(attrs={"autocomplete": "off"}))  # fmt: skip
    members = forms.IntegerField(label=_("Members"), min_value=1, max_value=MAX_MEMBERS, initial=1)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]


class UncountForm(RefusalMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500,
                             help_text=_("For example: moved away in March, merged with household H012."))  # fmt: skip


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))
    dry_run = forms.BooleanField(label=_("Only check the file, store nothing"), required=False)
    reason = forms.CharField(label=_("Reason (kept in the audit log)"), max_length=300, required=False)
