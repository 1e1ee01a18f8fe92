from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.insight.models import Tone
from danvan.ui.forms import RefusalMixin


class TopicFilterForm(forms.Form):
    """Which run (period) and which place; the choices are given by the view (the runs, the places in scope)."""

    run = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False, choices=[])
    place = forms.TypedChoiceField(label=_("Place"), coerce=int, required=False, empty_value=None, choices=[])

    def __init__(self, *args: object, runs: list[tuple[int, str]], places: list[tuple[int, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["run"].choices = runs  # type: ignore[attr-defined]
        self.fields["place"].choices = [("", _("Everywhere in my scope")), *places]  # type: ignore[attr-defined]


class TopicRenameForm(RefusalMixin, forms.Form):
    label = forms.CharField(label=_("Label used by officials"), max_length=200, required=False,
                            help_text=_("Empty: back to the suggested label."))  # fmt: skip


class ToneLabelForm(RefusalMixin, forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput)
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices)


class WorstFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
