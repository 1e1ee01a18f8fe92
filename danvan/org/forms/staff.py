"""The forms of org's staff pages: the unit search and the bodies' file import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.org import selectors
from danvan.org.choices import UnitEra, UnitLevel


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    era = forms.ChoiceField(label=_("Map"), choices=UnitEra.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("All levels")), *UnitLevel.choices], required=False)
    # A lazy queryset: nothing is read until a form is shown.
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=selectors.unit_provinces(), required=False, empty_label=_("All provinces")
    )


class OrganizationImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    reason = forms.CharField(label=_("Reason (kept in the audit log)"), max_length=500)
