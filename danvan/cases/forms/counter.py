"""The counter entry: an officer types a petition handed in on paper, on the public form plus its scan."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.forms.public import ACCEPT, PetitionForm

COUNTER_CONSENT_TEXT = _(
    "The citizen was read or shown the text above and agrees to it (the signed petition is attached)."
)


class CounterPetitionForm(PetitionForm):
    """An officer types a petition handed in at the counter and attaches its signed scan."""

    publish_question = False  # a paper petition is not published: the citizen was not asked

    petition_scan = forms.FileField(
        label=_("Scan or photo of the signed or fingerprinted petition"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Required: the petition as the citizen signed or fingerprinted it (PDF or photo)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = COUNTER_CONSENT_TEXT
        self.fields["name"].label = _("Full name of the citizen")
        self.fields["address"].label = _("Address of the citizen")
