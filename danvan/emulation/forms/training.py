"""Training's forms: a course, a session, an enrolment, attendance, the coverage's unit and year, a
requirement, and the public verification of a certificate. Choices are set per user from the selectors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.emulation.selectors import training as selectors
from danvan.org.choices import Role
from danvan.org.models import Organization, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CourseForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organising body"), queryset=Organization.objects.none())
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=selectors.topics().none())
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.bodies_managed_by(user)  # type: ignore[attr-defined]
        self.fields["topic"].queryset = selectors.topics()  # type: ignore[attr-defined]


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Venue"), max_length=255)
    trainer = forms.CharField(label=_("Trainer"), max_length=200)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10_000)
    required = forms.BooleanField(label=_("Required for completion"), required=False, initial=True)


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Officer"), queryset=User.objects.none())

    def __init__(self, *args: Any, user: Any, course: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.officers_enrollable(user=user, course=course)  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = lambda u: u.full_name or u.get_username()  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = choices  # type: ignore[attr-defined]


def year_choices() -> list[tuple[int, int]]:
    this = clock.today().year
    return [(y, y) for y in range(this, 2024, -1)]


class CoverageForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Unit"), queryset=Organization.objects.none())
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.coverage_bodies_for(user)  # type: ignore[attr-defined]
        self.fields["year"].choices = year_choices()  # type: ignore[attr-defined]


class RequirementForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.CITIZEN])
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=selectors.topics().none())
    source = forms.CharField(label=_("Source"), max_length=300,
                             help_text=_("The text that requires it; \"[U]\" and why, when no text was read."))  # fmt: skip
    valid_from = forms.DateField(label=_("In force from"), widget=DATE)
    valid_to = forms.DateField(label=_("In force until"), required=False, widget=DATE)
    verified = forms.BooleanField(label=_("Confirmed by the text of its source"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = selectors.topics()  # type: ignore[attr-defined]


class RequirementEditForm(forms.Form):
    source = RequirementForm.base_fields["source"]
    valid_from = RequirementForm.base_fields["valid_from"]
    valid_to = RequirementForm.base_fields["valid_to"]
    verified = RequirementForm.base_fields["verified"]


class VerifyForm(forms.Form):
    so = forms.CharField(label=_("Certificate number"), max_length=40,
                         widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))  # fmt: skip


class CourseEditForm(forms.Form):
    topic = CourseForm.base_fields["topic"]
    title = CourseForm.base_fields["title"]
    description = CourseForm.base_fields["description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = selectors.topics()  # type: ignore[attr-defined]


class SessionEditForm(forms.Form):
    held_on = SessionForm.base_fields["held_on"]
    place = SessionForm.base_fields["place"]
    trainer = SessionForm.base_fields["trainer"]
    capacity = SessionForm.base_fields["capacity"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
