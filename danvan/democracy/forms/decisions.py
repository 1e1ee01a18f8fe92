"""The decisions part's forms: they only parse; the services decide (``refused`` puts a refusal next to
its field)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.democracy import choices
from danvan.ui.forms import RefusalMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
_NAMES_HELP = _("One name per line.")


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=_DATE, input_formats=_D_FORMATS, required=required)


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=100_000,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip


def names(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProposeForm(RefusalMixin, forms.Form):
    scope = forms.ChoiceField(label=_("Scope"), choices=choices.Scope.choices)
    village: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Village or residential group"), queryset=None, required=False
    )
    item = forms.TypedChoiceField(label=_("Item of Art. 15"), choices=choices.DecisionItem.choices, coerce=int)
    proposer = forms.ChoiceField(label=_("Proposed by"), choices=[
        (v, label) for v, label in choices.Proposer.choices if v != choices.Proposer.FRONT_ENDORSED])  # fmt: skip
    front_agreed_on = _date(_("Front agreed on"), required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    content = forms.CharField(label=_("Content put to the community"), widget=forms.Textarea(attrs={"rows": 5}))
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(24)


class MeetingOpenForm(RefusalMixin, forms.Form):
    village: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Village or residential group"), queryset=None, required=False
    )
    held_on = _date(_("Meeting day"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if villages is None:  # a village's own matter: the village is the matter's
            del self.fields["village"]
        else:
            self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class MeetingRecordForm(RefusalMixin, forms.Form):
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=200)
    secretary = forms.CharField(label=_("Secretary"), max_length=200)
    present = _count(_("Households present"))
    absent = _count(_("Households absent"))
    method = forms.ChoiceField(label=_("How the meeting voted"), choices=choices.VoteMethod.choices)
    team = forms.CharField(label=_("Counting board (secret ballot: 3 to 5)"), required=False, help_text=_NAMES_HELP,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    yes = _count(_("Households agreeing"))
    no = _count(_("Households disagreeing"))
    blank = _count(_("No choice"))
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BallotOpenForm(RefusalMixin, forms.Form):
    village: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Village or residential group"), queryset=None, required=False
    )
    announced_on = _date(_("Announced on"))
    distribute_on = _date(_("Ballots handed out on"))
    team = forms.CharField(label=_("Ballot team (3 to 5)"), help_text=_NAMES_HELP,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if villages is None:  # a village's own matter: the village is the matter's
            del self.fields["village"]
        else:
            self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class BallotReturnForm(RefusalMixin, forms.Form):
    household: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Household"), queryset=None)
    returned_on = _date(_("Returned on"))

    def __init__(self, *args: Any, households: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households  # type: ignore[attr-defined]


class BallotCountForm(RefusalMixin, forms.Form):
    yes = _count(_("Ballots agreeing"))
    no = _count(_("Ballots disagreeing"))
    blank = _count(_("Ballots without a choice"))
    minutes = forms.CharField(label=_("Minutes of the count"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecordForm(RefusalMixin, forms.Form):
    decision = forms.CharField(label=_("The decision"), widget=forms.Textarea(attrs={"rows": 4}))
    signed_village_head = forms.CharField(label=_("Village head (signed)"), max_length=200, required=False)
    signed_front_head = forms.CharField(label=_("Head of the Front work committee (signed)"), max_length=200,
                                        required=False)  # fmt: skip
    signed_representatives = forms.CharField(label=_("Household representatives (signed, at least 2)"),
                                             required=False, help_text=_NAMES_HELP,
                                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class DayForm(RefusalMixin, forms.Form):
    day = _date(_("Day"))


class RecognitionForm(RefusalMixin, forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=[("recognise", _("Recognise")), ("refuse", _("Refuse"))],
                               widget=forms.RadioSelect)  # fmt: skip
    day = _date(_("Day"))
    reason = forms.CharField(
        label=_("Reasons (when refused)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(RefusalMixin, forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=500)
