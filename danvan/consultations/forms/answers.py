"""Consultations: the answers part's forms. They only parse; the services decide (``refused`` puts a
refusal on the field it names)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.consultations import choices
from danvan.ui.forms import RefusalMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# The answer's words in a consultation (tiếp thu / giải trình / không tiếp thu): "Not accepted" alone is
# already translated for a petition ("không thụ lý"), so these carry their own context.
ANSWER_LABELS = {
    choices.Answer.PENDING.value: pgettext_lazy("consultation answer", "Not answered yet"),
    choices.Answer.ACCEPTED.value: pgettext_lazy("consultation answer", "Accepted"),
    choices.Answer.EXPLAINED.value: pgettext_lazy("consultation answer", "Explained"),
    choices.Answer.NOT_ACCEPTED.value: pgettext_lazy("consultation answer", "Not accepted"),
}
ANSWER_CHOICES = [(a, label) for a, label in ANSWER_LABELS.items() if a != choices.Answer.PENDING]


class GroupForm(RefusalMixin, forms.Form):
    title = forms.CharField(label=_("What the comments say"), max_length=300)


class MoveForm(RefusalMixin, forms.Form):
    group = forms.TypedChoiceField(label=_("Move to group"), coerce=int)

    def __init__(self, *args: object, groups: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["group"].choices = groups  # type: ignore[attr-defined]


class AnswerForm(RefusalMixin, forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=ANSWER_CHOICES, widget=forms.RadioSelect)
    text = forms.CharField(label=_("The authority's answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reason = forms.CharField(label=_("Reason not accepted"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             help_text=_("Required when the comments are not accepted."))  # fmt: skip


class DecisionForm(RefusalMixin, forms.Form):
    decided_on = forms.DateField(label=_("Date of the authority's decision"), widget=_DATE, input_formats=_D_FORMATS)


class PublishForm(RefusalMixin, forms.Form):
    text = forms.CharField(label=_("Summary of the views and the answers"), required=False,
                           widget=forms.Textarea(attrs={"rows": 8}))  # fmt: skip
