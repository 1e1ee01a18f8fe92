"""The commitments part's forms: registering a commitment, a self-review with its evidence, the head's
assessment, a body's public service commitments, and the units' year filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.emulation.models import ReviewPeriod, ReviewRating
from danvan.emulation.selectors import commitments as selectors
from danvan.org.models import Organization
from danvan.ui.forms import RefusalMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CommitmentForm(RefusalMixin, forms.Form):
    # The choices are the bodies where the user is a cadre today (set below).
    organization = forms.ModelChoiceField(label=_("Body"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("What I will do"), max_length=300)
    reason = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    measurable_result = forms.CharField(
        label=_("Measurable result"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A result others can check, e.g. “100% of reception sessions held on schedule”."),
    )  # fmt: skip
    due_on = forms.DateField(label=_("Done by"), widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = selectors.cadre_bodies(user)
        field: Any = self.fields["organization"]
        field.queryset = bodies
        if len(bodies) == 1:
            field.initial = bodies[0].pk


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReviewForm(RefusalMixin, forms.Form):
    period = forms.ChoiceField(label=_("Review"), choices=ReviewPeriod.choices)
    text = forms.CharField(label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    self_rating = forms.ChoiceField(label=_("Self-rating"), choices=ReviewRating.choices, widget=forms.RadioSelect)
    evidence = MultipleFileField(label=_("Evidence (photos or PDF)"), required=False)
    change_reason = forms.CharField(label=_("Reason for the change (once assessed)"), max_length=500, required=False)


class AssessForm(RefusalMixin, forms.Form):
    assessment = forms.ChoiceField(label=_("Assessment"), choices=ReviewRating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class PublicCommitmentForm(RefusalMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Body"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Ba không, ba nên, ba cần”"))
    items = forms.CharField(label=_("The commitments, one per line"), max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organization"]
        field.queryset = selectors.public_commitment_post_bodies(user)


YEAR_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommitmentYearForm(forms.Form):
    """A year's settings: the limit per person and the three windows (``services.commitment_year_*``
    checks them against ``rules.year_settings_problems``)."""

    max_per_person = forms.IntegerField(label=_("Commitments per person at most"), min_value=0, max_value=99)
    registration_opens_on = forms.DateField(label=_("Registration opens on"), widget=YEAR_DATE)
    registration_closes_on = forms.DateField(label=_("Registration closes on"), widget=YEAR_DATE)
    midyear_opens_on = forms.DateField(label=_("Mid-year review opens on"), widget=YEAR_DATE)
    midyear_closes_on = forms.DateField(label=_("Mid-year review closes on"), widget=YEAR_DATE)
    yearend_opens_on = forms.DateField(label=_("Year-end review opens on"), widget=YEAR_DATE)
    yearend_closes_on = forms.DateField(label=_("Year-end review closes on"), widget=YEAR_DATE)
    source = forms.CharField(label=_("Source"), max_length=300,
                             help_text=_("The text or local decision these settings follow."))  # fmt: skip


class CommitmentYearNewForm(CommitmentYearForm):
    year = forms.IntegerField(label=_("Year"), min_value=2025, max_value=2100)

    field_order = ["year"]
