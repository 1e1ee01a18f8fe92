"""The forms of dialogues: the public question, and the officers' plan, moderation, answer, minutes and
commitment forms. They only parse; the services decide (``refused`` puts a refusal next to its field)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.org.models import AdministrativeUnit, Organization
from danvan.reception.choices import CommitmentStatus, Convener, QuestionStage
from danvan.reception.services.dialogues import QUESTION_MAX
from danvan.ui.forms import RefusalMixin

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class PublicQuestionForm(RefusalMixin, forms.Form):
    text = forms.CharField(label=_("Your question or view"), max_length=QUESTION_MAX,
                           widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    asker_name = forms.CharField(label=_("Your name (optional, never published)"), max_length=200, required=False)
    asker_contact = forms.CharField(label=_("Phone or email (optional, never published)"), max_length=200,
                                    required=False)  # fmt: skip
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(24)


class PlanForm(RefusalMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Body"), queryset=Organization.objects.none())
    convener = forms.ChoiceField(label=_("Convened by"), choices=Convener.choices)
    head: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Chaired by"), queryset=None, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ModelChoiceField(label=_("Place"), queryset=AdministrativeUnit.objects.none(), required=False)
    audience = forms.CharField(label=_("With whom"), max_length=300, required=False,
                               help_text=_("For example: the people of residential group 5"))  # fmt: skip
    location = forms.CharField(label=_("Where"), max_length=300)
    planned_at = forms.DateTimeField(label=_("When"), widget=_DATETIME, input_formats=_DT_FORMATS)
    questions_until = forms.DateTimeField(label=_("Questions accepted until"), widget=_DATETIME,
                                          input_formats=_DT_FORMATS, required=False)  # fmt: skip

    def __init__(self, *args: Any, organizations: Any, heads: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["head"].queryset = heads  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class PublishForm(RefusalMixin, forms.Form):
    invitation = forms.CharField(label=_("Invitation text"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text=_("Leave empty to use the standard text."))  # fmt: skip


class QuestionRecordForm(RefusalMixin, forms.Form):
    text = forms.CharField(label=_("Question"), max_length=QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    asker_name = forms.CharField(label=_("Asked by (kept for officers only)"), max_length=200, required=False)
    stage = forms.ChoiceField(label=_("When"), choices=QuestionStage.choices, initial=QuestionStage.DURING)
    answer = forms.CharField(label=_("Answer given"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class HideForm(RefusalMixin, forms.Form):
    reason = forms.CharField(label=_("Why hide it"), max_length=300)


class MergeForm(RefusalMixin, forms.Form):
    into = forms.IntegerField(label=_("Same as question no."), min_value=1)


class AnswerForm(RefusalMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class HeldForm(RefusalMixin, forms.Form):
    held_at = forms.DateTimeField(label=_("Held at"), widget=_DATETIME, input_formats=_DT_FORMATS)
    attendance = forms.IntegerField(label=_("People present"), min_value=0, required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("The views of each participant and the outcome."))  # fmt: skip


class CommitmentForm(RefusalMixin, forms.Form):
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 3}))
    owner_organization = forms.ModelChoiceField(label=_("Responsible body"), queryset=Organization.objects.none(),
                                                required=False)  # fmt: skip
    owner_user: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Responsible officer"), queryset=None, required=False
    )
    due_on = forms.DateField(label=_("Due on"), widget=_DATE, input_formats=_D_FORMATS, required=False)

    def __init__(self, *args: Any, organizations: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["owner_user"].queryset = officers  # type: ignore[attr-defined]


class ProgressForm(RefusalMixin, forms.Form):
    note = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}))


class CommitmentCloseForm(RefusalMixin, forms.Form):
    status = forms.ChoiceField(label=_("How it ended"), widget=forms.RadioSelect, choices=[
        (CommitmentStatus.KEPT.value, CommitmentStatus.KEPT.label),
        (CommitmentStatus.NOT_KEPT.value, CommitmentStatus.NOT_KEPT.label),
        (CommitmentStatus.CANCELLED.value, CommitmentStatus.CANCELLED.label)])  # fmt: skip
    note = forms.CharField(label=_("What was done, or why"), widget=forms.Textarea(attrs={"rows": 2}))
