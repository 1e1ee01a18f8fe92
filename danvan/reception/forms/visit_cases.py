"""Forms of the visit_cases part: split a visit into petitions (one per track), record a crowd and its
meeting. They parse only; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.enums import Track
from danvan.org.choices import Role
from danvan.org.models import User

SLOTS = 3  # one petition per track at most
REPRESENTATIVE_SLOTS = 5  # the most the law allows (Art. 30(1))

TRACK_CHOICES = [
    ("", _("— not used —")),
    (Track.PAKN.value, _("Feedback or recommendation (phản ánh, kiến nghị)")),
    (Track.KHIEU_NAI.value, _("Complaint (khiếu nại)")),
    (Track.TO_CAO.value, _("Denunciation (tố cáo) — the identity will be sealed")),
]


class PetitionPartForm(forms.Form):
    track = forms.ChoiceField(label=_("Track"), choices=TRACK_CHOICES, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=10_000)  # fmt: skip
    place_text = forms.CharField(label=_("Place (commune or ward, province)"), max_length=300, required=False)

    def used(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("track") or (data.get("content") or "").strip())


def petition_forms(data: Any = None, initial: list[dict[str, Any]] | None = None) -> list[PetitionPartForm]:
    initial = initial or []
    return [
        PetitionPartForm(data, prefix=f"p{n}", initial=initial[n] if n < len(initial) else None) for n in range(SLOTS)
    ]


class RequestKeyForm(forms.Form):
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)


class RepresentativeForm(forms.Form):
    name = forms.CharField(label=_("Representative's full name"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)


def representative_forms(data: Any = None, initial: list[dict[str, Any]] | None = None) -> list[RepresentativeForm]:
    initial = initial or []
    return [
        RepresentativeForm(data, prefix=f"r{n}", initial=initial[n] if n < len(initial) else None)
        for n in range(REPRESENTATIVE_SLOTS)
    ]


class CrowdForm(forms.Form):
    appointment_signed = forms.BooleanField(label=_("The document appointing them was signed by all"),
                                            required=False)  # fmt: skip
    statement = forms.CharField(label=_("Their statement, read back to them"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)  # fmt: skip
    statement_signed = forms.BooleanField(label=_("The statement was signed"), required=False)
    matter_key = forms.CharField(
        label=_("Matter (the same words each time it comes)"), max_length=120, required=False,
        help_text=_("For example: “thu hồi đất dự án khu dân cư Phú Xuân”. A crowd on the same matter "
                    "within 90 days, or larger than last time, is shown in the early warnings."),
    )  # fmt: skip


def _person_label(user: Any) -> str:
    return str(user.full_name or user.username)


class MeetingForm(forms.Form):
    met_at = forms.DateTimeField(label=_("Met at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                 format="%Y-%m-%dT%H:%M"), input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"])  # fmt: skip
    met_by = forms.ModelChoiceField(
        label=_("Met by (the head, or the one the head sent)"), queryset=User.objects.none()
    )
    note = forms.CharField(label=_("What was said and decided"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=10_000)  # fmt: skip
    joint_bodies = forms.CharField(label=_("Bodies present with the head"), max_length=500, required=False)
    order_disturbed = forms.BooleanField(label=_("Order was disturbed (police called)"), required=False)

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["met_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                is_active=True,
                role_assignments__organization=organization,
                role_assignments__role__in=[Role.HEAD, Role.RECEPTION_OFFICER],
            )
            .distinct()
            .order_by("full_name", "pk")
        )
        field.label_from_instance = _person_label  # type: ignore[method-assign,assignment]
