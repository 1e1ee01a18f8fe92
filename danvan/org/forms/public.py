"""The form of org's public page: the place look-up."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PlaceResolveForm(forms.Form):
    q = forms.CharField(
        label=_("Address or place name"),
        max_length=300,
        help_text=_("Old or new names, with or without diacritics, e.g. “p thao dien, thu duc, tphcm”."),
    )
