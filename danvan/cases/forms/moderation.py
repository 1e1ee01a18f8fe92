"""The forms of the public page's moderation steps (``services.moderation``): their fields are the services'
keyword arguments; every rule is checked again by the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.choices import PublicHideReason
from danvan.cases.models import Case

TEXT_LIMIT = 10_000


class _StepForm(forms.Form):
    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case


class HidePublicForm(_StepForm):
    reason = forms.ChoiceField(label=_("Why"), choices=PublicHideReason.choices, widget=forms.RadioSelect,
                               help_text=_("Its petitioner sees this reason on their own page."))  # fmt: skip
    note = forms.CharField(
        label=_("Note for staff"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for another reason. Never shown to the petitioner or the public."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == PublicHideReason.OTHER and not str(data.get("note", "")).strip():
            self.add_error("note", _("Say why the report is taken off the public page."))
        return data


class ShowPublicForm(_StepForm):
    note = forms.CharField(label=_("Note for staff"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class CorrectPublicForm(_StepForm):
    public_title = forms.CharField(label=_("Public title"), max_length=200)
    public_text = forms.CharField(
        label=_("Public text"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What everyone reads on the public page. The petitioner's own name and contact details are "
                    "removed again automatically."),
    )  # fmt: skip

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["public_title"].initial = case.public_title
        self.fields["public_text"].initial = case.public_text
