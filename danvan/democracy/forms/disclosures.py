"""The disclosures part's forms: they only parse; the services decide (``refused`` puts a refusal on
the field it names)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.democracy import choices
from danvan.ui.forms import RefusalMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DisclosureForm(RefusalMixin, forms.Form):
    commune = forms.TypedChoiceField(label=_("Commune"), coerce=int)
    item = forms.TypedChoiceField(label=_("Item of Art. 11"), coerce=int, choices=choices.DisclosureItem.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    document_ref = forms.CharField(label=_("Document number and symbol"), max_length=120, required=False)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=_DATE, input_formats=_D_FORMATS)
    document = forms.FileField(label=_("The document (PDF or photo)"), required=False)
    sector_due_on = forms.DateField(label=_("Due date under a sector law (if any)"), required=False, widget=_DATE,
                                    input_formats=_D_FORMATS)  # fmt: skip
    sector_basis = forms.CharField(label=_("The sector law that sets it"), max_length=300, required=False)

    def __init__(self, *args: Any, communes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [(c.pk, c.name) for c in communes]  # type: ignore[attr-defined]
        if len(communes) == 1:
            self.fields["commune"].initial = communes[0].pk


class ChannelForm(RefusalMixin, forms.Form):
    channel = forms.ChoiceField(label=_("Form of publication"), choices=choices.Channel.choices)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("From"), widget=_DATE, input_formats=_D_FORMATS)
    ends_on = forms.DateField(label=_("Until (empty while it runs)"), required=False, widget=_DATE,
                              input_formats=_D_FORMATS)  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ChannelEndForm(RefusalMixin, forms.Form):
    ends_on = forms.DateField(label=_("Ended on"), widget=_DATE, input_formats=_D_FORMATS)


class ProofForm(RefusalMixin, forms.Form):
    prefix = "anh"  # on the same page as the channel form: its fields' ids stay unique
    file = forms.FileField(label=_("Photo or scan"))
    channel = forms.TypedChoiceField(label=_("Of which channel"), coerce=int, required=False, empty_value=None)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    taken_on = forms.DateField(label=_("Taken on"), required=False, widget=_DATE, input_formats=_D_FORMATS)

    def __init__(self, *args: Any, channels: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (c.pk, f"{c.get_channel_display()} {c.starts_on:%d/%m/%Y}") for c in channels
        ]


class WithdrawForm(RefusalMixin, forms.Form):
    prefix = "rut"
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class QuarterForm(RefusalMixin, forms.Form):
    commune = forms.TypedChoiceField(label=_("Commune"), coerce=int)
    year = forms.IntegerField(label=_("Year"), min_value=2023, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in (1, 2, 3, 4)])

    def __init__(self, *args: Any, communes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [(c.pk, c.name) for c in communes]  # type: ignore[attr-defined]


class ListPostForm(RefusalMixin, forms.Form):
    posted_on = forms.DateField(label=_("Posted on"), widget=_DATE, input_formats=_D_FORMATS)
