"""The counter entry: a clerk types a petition handed in on paper, on the public form plus its scan.

Every text is addressed to the clerk, who reads the form; the citizen stands across the desk.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.choices import Track
from danvan.cases.forms.public import ACCEPT, PetitionForm, _contact
from danvan.core import id_card

COUNTER_CONSENT_TEXT = _(
    "The citizen was read or shown the text above and agrees to it (the signed petition is attached)."
)

# The public form's words for the citizen, as the clerk reads them.
CLERK_LABELS = {
    "content": _("What the citizen reports, and what they ask for"),
    "place_text": _("Where is it?"),
    "attachments": _("Other documents the citizen hands in (optional)"),
    "name": _("Full name of the citizen"),
    "phone": _("Phone of the citizen"),
    "email": _("Email of the citizen"),
    "address": _("Address of the citizen"),
    "is_anonymous": _("The citizen does not give their name (anonymous)"),
    "people_count": _("How many people sign this petition?"),
}
CLERK_HELP = {
    "content": _("Type it in the citizen's words: when, where, who is involved, what they propose. Plain text."),
    "latitude": _("Only if the citizen gives a map point, e.g. 16.463700. Both numbers or neither."),
    "is_anonymous": _(
        "Tell the citizen: an anonymous denunciation is handled only as information (Luật Tố cáo 2018, Art. 25) "
        "and they will not be told the result; a complaint cannot be anonymous (Luật Khiếu nại 2011, Art. 8)."
    ),
    "people_count": _("1 if only this citizen. For a group, every person signs the petition."),
}

CLERK_KIND_HELP = {
    Track.PAKN.value: _(
        "About a public matter (roads, lighting, waste, procedures, how an official served the citizen…), "
        "with their proposal if they have one."
    ),
    Track.KHIEU_NAI.value: _(
        "The citizen asks for an administrative decision or act that affects their own rights to be reviewed. "
        "A complaint carries their name and is lodged within 90 days (Luật Khiếu nại 2011, Art. 8, 9). "
        "Note their ID card number."
    ),
    Track.TO_CAO.value: _(
        "The citizen reports an unlawful act of an official, a body or a person. Their name, address and "
        "handwriting are kept secret (Luật Tố cáo 2018, Art. 47)."
    ),
    Track.UNCLASSIFIED.value: _("If you cannot tell, the officer who handles it puts it on the right legal track."),
}


class CounterPetitionForm(PetitionForm):
    """A clerk types a petition handed in at the counter, attaches its signed scan and notes the ID card."""

    publish_question = False  # a paper petition is not published: the citizen was not asked

    petition_scan = forms.FileField(
        label=_("Scan or photo of the signed or fingerprinted petition"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Required: the petition as the citizen signed or fingerprinted it (PDF or photo)."),
    )
    # Luật Tiếp công dân 2013, Điều 7: a person who comes to complain shows an identity paper. Of a
    # complaint only its last digits and a keyed digest are kept; of a tố cáo it is sealed; of a
    # feedback item nothing (services.intake).
    id_number = forms.CharField(
        label=_("ID card number of the citizen (CCCD, optional)"), max_length=20, required=False,
        validators=[_contact(id_card.id_number_problem)],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "12 digits, from the card the citizen shows. Needed for a complaint; for a denunciation it is sealed "
            "with the identity; for feedback it is not kept."
        ),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = COUNTER_CONSENT_TEXT
        for name, label in CLERK_LABELS.items():
            self.fields[name].label = label
        for name, text in CLERK_HELP.items():
            self.fields[name].help_text = text

    def kind_options(self) -> list[tuple[Any, Any]]:
        return [(radio, CLERK_KIND_HELP[radio.data["value"]]) for radio in self["track"]]

    def clean_id_number(self) -> str:
        return id_card.id_number_clean(self.cleaned_data.get("id_number") or "")
