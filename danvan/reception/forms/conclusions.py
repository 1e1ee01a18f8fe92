"""Forms of the heads' conclusions: parse only; the rules (owner, due date, numbering) are the service's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from danvan.org.models import Organization, User
from danvan.reception.choices import TaskStatus

TASK_ROWS = 3  # empty task rows on a new notice (no JavaScript: send the form to get more)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class NoticeForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Issuing body"), queryset=Organization.objects.none())
    summary = forms.CharField(label=_("Summary"), max_length=300,
                              help_text=_("One line: what the citizen asked and what was decided. It is shown to the citizen."))  # fmt: skip
    body = forms.CharField(label=_("Conclusions"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("The text of the notice, printed; never shown on the public page."))  # fmt: skip
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200,
                                   help_text=_("For example: CHỦ TỊCH, or KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."))  # fmt: skip
    recipients = forms.CharField(label=_("Recipients (Nơi nhận), one per line"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    session = forms.IntegerField(required=False, widget=forms.HiddenInput)
    visit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    request_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies


class TaskForm(forms.Form):
    description = forms.CharField(label=_("What is to be done"), required=False, max_length=10_000,
                                  help_text=_("Shown on the public follow page: do not name the citizen."),
                                  widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    owner_organization = forms.ModelChoiceField(label=_("Responsible body"), required=False,
                                                queryset=Organization.objects.none())  # fmt: skip
    owner_user = forms.ModelChoiceField(label=_("Responsible officer (optional)"), required=False,
                                        queryset=User.objects.none())  # fmt: skip
    due_on = forms.DateField(label=_("Due on"), required=False, widget=_date_widget())

    def __init__(self, *args: Any, owners: Any = None, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_field = self.fields["owner_organization"]
        user_field = self.fields["owner_user"]
        assert isinstance(org_field, forms.ModelChoiceField) and isinstance(user_field, forms.ModelChoiceField)
        org_field.queryset = owners if owners is not None else Organization.objects.none()
        user_field.queryset = officers if officers is not None else User.objects.none()

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(data.get(name) for name in ("description", "owner_organization", "owner_user", "due_on"))


TaskFormSet = formset_factory(TaskForm, extra=TASK_ROWS, max_num=30, validate_max=True)


class TaskNoteForm(forms.Form):
    """Progress, done or cancel: one text."""

    ACTIONS = (("progress", _("Report progress")), ("done", _("Mark done")), ("cancel", _("Cancel the task")))
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}))


class BoardForm(forms.Form):
    STATES = (
        ("open", _("Open")),
        ("due_soon", _("Due soon")),
        ("overdue", _("Overdue")),
        ("done", TaskStatus.DONE.label),
        ("cancelled", TaskStatus.CANCELLED.label),
        ("all", _("All")),
    )
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
    organization = forms.ModelChoiceField(label=_("Responsible body"), required=False,
                                          queryset=Organization.objects.none())  # fmt: skip
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies


class FollowForm(forms.Form):
    code = forms.CharField(label=_("Follow code"), max_length=40,
                           help_text=_("As printed on the notice or sent by SMS, for example KL-7X3K-9QMR."),
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "spellcheck": "false"}))  # fmt: skip
