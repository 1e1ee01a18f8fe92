"""The clerk's routing choice and the rollback of a model version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class RouteChoiceForm(forms.Form):
    topic = forms.SlugField(label=_("Topic"), max_length=60)
    organization = forms.IntegerField(label=_("Body"), min_value=1)


class VersionUseForm(forms.Form):
    """Which version to put in use: chosen among the versions not in use (``numbers``), with the reason."""

    number = forms.TypedChoiceField(label=_("Version"), coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, numbers: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].choices = [("", "—"), *((n, f"v{n}") for n in numbers)]  # type: ignore[attr-defined]
