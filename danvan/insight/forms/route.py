"""The clerk's routing choice and the rollback of a model version."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RouteChoiceForm(forms.Form):
    topic = forms.SlugField(label=_("Topic"), max_length=60)
    organization = forms.IntegerField(label=_("Body"), min_value=1)


class VersionUseForm(forms.Form):
    number = forms.IntegerField(label=_("Version"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=500)
