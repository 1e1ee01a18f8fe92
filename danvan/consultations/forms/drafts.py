"""Consultations: the drafts part's forms. They only parse; the services decide (``refused`` puts a
refusal on the field it names)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.consultations import choices
from danvan.ui.forms import RefusalMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class ConsultationForm(RefusalMixin, forms.Form):
    organization = forms.TypedChoiceField(label=_("Consulting body"), coerce=int)
    item = forms.TypedChoiceField(label=_("Subject (Art. 25)"), coerce=int, choices=choices.Item.choices)
    title = forms.CharField(label=_("Title of the draft"), max_length=300)
    summary = forms.CharField(label=_("What is proposed"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    place = forms.TypedChoiceField(label=_("Commune or province consulted"), coerce=int)
    audience = forms.ChoiceField(label=_("Who is consulted"), choices=choices.Audience.choices)
    villages = forms.TypedMultipleChoiceField(label=_("Villages consulted (only for some villages)"), coerce=int,
                                              required=False, widget=forms.CheckboxSelectMultiple)  # fmt: skip
    verification = forms.ChoiceField(label=_("Who may take part"), choices=choices.Verification.choices)
    channels = forms.MultipleChoiceField(label=_("Ways to give views"), choices=choices.Channel.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False)  # fmt: skip
    opens_on = forms.DateField(label=_("Open from"), widget=_DATE, input_formats=_D_FORMATS)
    closes_on = forms.DateField(label=_("Open until"), widget=_DATE, input_formats=_D_FORMATS)
    responsible = forms.TypedMultipleChoiceField(label=_("Officers answering"), coerce=int, required=False,
                                                 widget=forms.CheckboxSelectMultiple)  # fmt: skip
    premoderate = forms.BooleanField(label=_("Check statements before they are shown"), required=False)
    code = forms.SlugField(label=_("Address (optional)"), max_length=60, required=False,
                           help_text=_("Lower-case letters, digits and dashes; made from the title when empty."))  # fmt: skip
    text = forms.CharField(label=_("The draft's text (paste it: it is split into articles and points)"),
                           required=False, widget=forms.Textarea(attrs={"rows": 14}))  # fmt: skip

    def __init__(self, *args: Any, bodies: list[Any], places: list[Any], villages: list[Any], officers: list[Any],
                 with_text: bool = True, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["organization"].choices = [(b.pk, b.name) for b in bodies]
        fields["place"].choices = [(p.pk, p.name) for p in places]
        fields["villages"].choices = [(v.pk, f"{v.name} ({v.commune.name})") for v in villages]
        fields["responsible"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in officers]
        if len(bodies) == 1:
            fields["organization"].initial = bodies[0].pk
        if not with_text:
            del self.fields["text"]


class TextForm(RefusalMixin, forms.Form):
    text = forms.CharField(label=_("The draft's text"), widget=forms.Textarea(attrs={"rows": 14}))


class SectionForm(RefusalMixin, forms.Form):
    key = forms.SlugField(widget=forms.HiddenInput)
    heading = forms.CharField(label=_("Heading"), max_length=300)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5}))


class VersionForm(RefusalMixin, forms.Form):
    prefix = "pb"
    change_note = forms.CharField(label=_("What changed and why"), widget=forms.Textarea(attrs={"rows": 3}))
    text = forms.CharField(label=_("The revised text (whole)"), widget=forms.Textarea(attrs={"rows": 14}))


class DocumentForm(RefusalMixin, forms.Form):
    prefix = "tl"
    title = forms.CharField(label=_("Title of the document"), max_length=300, required=False)
    file = forms.FileField(label=_("File (PDF or photo)"))


class ReasonForm(RefusalMixin, forms.Form):
    prefix = "rut"
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ExtendForm(RefusalMixin, forms.Form):
    prefix = "gh"
    closes_on = forms.DateField(label=_("New last day"), widget=_DATE, input_formats=_D_FORMATS)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AffectedForm(RefusalMixin, forms.Form):
    prefix = "ng"
    name = forms.CharField(label=_("Name of the person"), max_length=200)
    contact = forms.CharField(label=_("Phone or address"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ToldForm(RefusalMixin, forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Told on"), widget=_DATE, input_formats=_D_FORMATS)
    via = forms.ChoiceField(label=_("Told by"), choices=choices.Channel.choices)


class HeardForm(RefusalMixin, forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Heard on"), widget=_DATE, input_formats=_D_FORMATS)
    declined = forms.BooleanField(label=_("Chose not to give a view"), required=False)
