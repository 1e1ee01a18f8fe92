"""Forms of the schedule's staff pages. They only parse; every rule lives in ``services.schedule``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError
from danvan.org.models import Organization
from danvan.reception import choices
from danvan.reception.models import ReceptionPoint
from danvan.reception.selectors import schedule as selectors

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday"))]
WEEKDAY_LABELS = dict(WEEKDAYS)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def errors_to_form(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal next to its field (or at the top when it names none of the form's)."""
    placed = False
    for field, message in error.details.items():
        if field in form.fields:
            form.add_error(field, message)
            placed = True
    if not placed:
        form.add_error(None, str(error.message))


def _no_user() -> Any:
    from danvan.org.models import User

    return User.objects.none()


_NO_USER = _no_user()


def _queryset(form: forms.Form, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class _UserChoice(forms.ModelChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class PointForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=255)
    hours = forms.CharField(label=_("Opening hours"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    officers = forms.ModelMultipleChoiceField[Any](label=_("Officers on duty"), queryset=_NO_USER, required=False,
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.org.models import User

        ids = [u.pk for u in selectors.reception_officers_of(organization)]
        _queryset(self, "officers", User.objects.filter(pk__in=ids).order_by("full_name"))


class DutyForm(forms.Form):
    point = forms.ModelChoiceField[ReceptionPoint](label=_("Reception point"), queryset=ReceptionPoint.objects.none())
    head = _UserChoice(label=_("Head"), queryset=_NO_USER)
    head_kind = forms.ChoiceField(label=_("Receives as"), choices=choices.HeadKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=choices.Level.choices)
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int)
    starts_at = forms.TimeField(label=_("From"), initial=dt.time(7, 30), widget=TIME)
    ends_at = forms.TimeField(label=_("To"), initial=dt.time(11, 30), widget=TIME)
    capacity = forms.IntegerField(label=_("Slots to book per session"), min_value=1, max_value=500, initial=10)
    valid_from = forms.DateField(label=_("From date"), widget=DATE)
    valid_to = forms.DateField(label=_("To date"), required=False, widget=DATE)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.org.models import User

        _queryset(self, "point", ReceptionPoint.objects.filter(organization=organization, is_active=True))
        ids = [u.pk for u in selectors.heads_of(organization)]
        _queryset(self, "head", User.objects.filter(pk__in=ids).order_by("full_name"))


class DutyEndForm(forms.Form):
    valid_to = forms.DateField(label=_("Last day of the duty"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class GenerateForm(forms.Form):
    date_from = forms.DateField(label=_("From date"), widget=DATE)
    date_to = forms.DateField(label=_("To date"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class AdHocForm(forms.Form):
    point = forms.ModelChoiceField[ReceptionPoint](label=_("Reception point"), queryset=ReceptionPoint.objects.none())
    head = _UserChoice(label=_("Head"), queryset=_NO_USER)
    trigger = forms.ChoiceField(label=_("Ground (Art. 18(3))"), choices=choices.AdHocTrigger.choices,
                                widget=forms.RadioSelect, required=False)  # fmt: skip
    reason = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    day = forms.DateField(label=_("Day"), widget=DATE)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("To"), widget=TIME)
    mode = forms.ChoiceField(label=_("Mode"), choices=choices.Mode.choices, initial=choices.Mode.DIRECT)
    video_url = forms.URLField(label=_("Video link"), required=False)
    public_note = forms.CharField(label=_("Note for the public"), max_length=300, required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.org.models import User

        _queryset(self, "point", ReceptionPoint.objects.filter(organization=organization, is_active=True))
        ids = [u.pk for u in selectors.heads_of(organization)]
        _queryset(self, "head", User.objects.filter(pk__in=ids).order_by("full_name"))

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.cleaned_data["day"]
        return (dt.datetime.combine(day, self.cleaned_data["starts_at"], tzinfo=VIETNAM),
                dt.datetime.combine(day, self.cleaned_data["ends_at"], tzinfo=VIETNAM))  # fmt: skip


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled? (shown on the public schedule)"), max_length=300,
                             required=False)  # fmt: skip


class HeldForm(forms.Form):
    held_by = _UserChoice(label=_("Received by"), queryset=_NO_USER)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.org.models import User

        ids = [u.pk for u in selectors.heads_of(organization)]
        _queryset(self, "held_by", User.objects.filter(pk__in=ids).order_by("full_name"))


class OnlineForm(forms.Form):
    online = forms.BooleanField(label=_("Held online"), required=False)
    video_url = forms.URLField(label=_("Video link"), required=False)
    recording_location = forms.CharField(label=_("Where the recording is kept"), max_length=300, required=False)
    recording_keep_until = forms.DateField(label=_("Recording kept until"), required=False, widget=DATE)
    recording_access = forms.CharField(label=_("Who may see the recording"), max_length=300, required=False)

    def __init__(self, *args: Any, recordings: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not recordings:
            for name in ("recording_location", "recording_keep_until", "recording_access"):
                del self.fields[name]


class RuleForm(forms.Form):
    count = forms.IntegerField(label=_("Sessions"), min_value=1, max_value=31)
    per = forms.ChoiceField(label=_("Per"), choices=choices.Per.choices)
    deputy_may_stand_in = forms.BooleanField(label=_("A deputy's session counts"), required=False)
    valid_to = forms.DateField(label=_("In force until"), required=False, widget=DATE)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=choices.Confidence.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)
