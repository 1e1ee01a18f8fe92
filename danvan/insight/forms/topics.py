from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.insight.forms.warnings import IdField, SaneDateField
from danvan.insight.models import Tone
from danvan.ui.forms import RefusalMixin


class TopicFilterForm(forms.Form):
    """Which run (period) and which place: ids (a run or place not offered is the view's default); the
    choices shown are given by the view (the runs, then the places in scope of the run read)."""

    run = IdField(label=_("Period"), required=False, widget=forms.Select)
    place = IdField(label=_("Place"), required=False, widget=forms.Select)

    def __init__(self, *args: object, runs: list[tuple[int, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.Select, self.fields["run"].widget).choices = runs
        self.offer_places([])

    def offer_places(self, places: list[tuple[int, str]]) -> None:
        cast(forms.Select, self.fields["place"].widget).choices = [("", _("Everywhere in my scope")), *places]


class TopicRenameForm(RefusalMixin, forms.Form):
    label = forms.CharField(label=_("Label used by officials"), max_length=200, required=False,
                            help_text=_("Empty: back to the suggested label."))  # fmt: skip


class ToneLabelForm(RefusalMixin, forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput)
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices)


class WorstFilterForm(forms.Form):
    start = SaneDateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = SaneDateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
