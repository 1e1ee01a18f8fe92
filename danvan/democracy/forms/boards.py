"""The boards part's forms: they parse; ``services.boards`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.enums import Track
from danvan.cases.forms.public import PetitionForm
from danvan.cases.selectors import topic_list_active
from danvan.democracy import choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of board"), choices=choices.BoardKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name (optional)"), max_length=300, required=False)
    established_on = forms.DateField(label=_("Set up on"), widget=DATE)
    term_ends_on = forms.DateField(label=_("Term ends on (People's Inspection Board)"), widget=DATE, required=False)
    project = forms.CharField(label=_("Programme or project (supervision board)"), max_length=300, required=False)
    project_owner = forms.CharField(label=_("Investor or project owner"), max_length=300, required=False)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    village = forms.TypedChoiceField(label=_("Village"), required=False, coerce=int, empty_value=None)
    role = forms.ChoiceField(label=_("Role"), choices=choices.MemberRole.choices, initial=choices.MemberRole.MEMBER)
    is_commune_staff = forms.BooleanField(label=_("Commune official or civil servant"), required=False)
    is_village_official = forms.BooleanField(label=_("Village official"), required=False)
    is_project_related = forms.BooleanField(
        label=_("Related to the investor, contractor, consultant or project manager"), required=False
    )

    def __init__(self, *args: Any, villages: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [  # type: ignore[attr-defined]
            ("", _("— None —")),
            *(villages or []),
        ]


MemberFormSet = forms.formset_factory(MemberForm, extra=0, max_num=60)


class MemberEndForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = forms.DateField(label=_("Seat ends on"), widget=DATE)
    reason = forms.ChoiceField(label=_("Why"), choices=choices.MemberEnd.choices)


class PlanForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=choices.PlanPeriod.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2023, max_value=2100)
    number = forms.IntegerField(label=_("Quarter or half (1–4)"), min_value=1, max_value=4, initial=1)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    approved_on = forms.DateField(label=_("Approved on (optional)"), widget=DATE, required=False)


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=choices.PlanPeriod.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2023, max_value=2100)
    number = forms.IntegerField(label=_("Quarter or half (1–4)"), min_value=1, max_value=4, initial=1)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    sent_on = forms.DateField(label=_("Sent to the Front on"), widget=DATE)


class InspectionForm(forms.Form):
    subject = forms.CharField(label=_("What was inspected"), max_length=300)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until (optional)"), widget=DATE, required=False)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                               max_length=10000)  # fmt: skip


class RecommendationForm(forms.Form):
    to_organization: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("To"), queryset=None)
    content = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    due_on = forms.DateField(
        label=_("Answer due by (optional)"), widget=DATE, required=False,
        help_text=_("Empty: the legal date from the deadline table. The board may ask for an earlier date."),
    )  # fmt: skip

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = bodies  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)


class BoardReportPetitionForm(PetitionForm):
    """Cases' own public form, narrowed to what a citizen tells the commune's Ban TTND: always a PAKN,
    on the board's topic, in the board's commune (``board_report_form`` binds the commune). Cases'
    intake checks it and stores the case; nothing of its rules is repeated here."""

    track = forms.CharField(required=False, widget=forms.HiddenInput)  # type: ignore[assignment]
    topic = forms.CharField(required=False, widget=forms.HiddenInput)  # type: ignore[assignment]
    place_unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    publish_question = False
    commune_id: int = 0
    topic_code: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place_text"].label = _("Where did you see it?")
        self.fields["place_text"].help_text = _("The street, lane or house number, e.g. “kiệt 12 Lê Lợi”.")
        self.fields["content"].label = _("What did you see?")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["track"] = Track.PAKN
        data["topic"] = topic_list_active().filter(code=self.topic_code).first()
        data["place_unit"] = self.commune_id
        return data


def board_report_form(commune_id: int, topic_code: str) -> type[BoardReportPetitionForm]:
    return type("BoardReportPetitionFormFor", (BoardReportPetitionForm,),
                {"commune_id": commune_id, "topic_code": topic_code})  # fmt: skip
