from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    era = forms.ChoiceField(label=_("Map"), choices=UnitEra.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("All levels")), *UnitLevel.choices], required=False)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE).order_by(
            "search_name"
        ),
        required=False,
        empty_label=_("All provinces"),
    )


class OrganizationImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    reason = forms.CharField(label=_("Reason (kept in the audit log)"), max_length=500)


class PlaceResolveForm(forms.Form):
    q = forms.CharField(
        label=_("Address or place name"),
        max_length=300,
        help_text=_("Old or new names, with or without diacritics, e.g. “p thao dien, thu duc, tphcm”."),
    )
