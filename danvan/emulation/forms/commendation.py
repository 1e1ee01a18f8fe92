"""Commendation's forms: a proposal, a council seat, an opinion, the decision (or not commended), and a
criticism or discipline record. Choices are set per user from the selectors; the rules (a decision number,
a member's own unit …) are the services', whose refusals the views show on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import clock, parsing
from danvan.emulation.models.commendation import FamilyChoices, OpinionChoices, SubjectKindChoices
from danvan.emulation.models.dvk import LevelChoices
from danvan.emulation.rules.commendation import Family
from danvan.emulation.rules.dvk import COMMENDABLE
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.selectors import dvk as dvk_selectors
from danvan.org.models import Organization, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _person_label(user: User) -> str:
    return user.full_name or user.get_username()


class ProposalForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Proposing unit"), queryset=Organization.objects.none())
    subject_kind = forms.ChoiceField(label=_("Proposed for"), choices=SubjectKindChoices.choices,
                                     widget=forms.RadioSelect)  # fmt: skip
    model = forms.ModelChoiceField(label=_("Dân vận khéo model"), required=False, queryset=Organization.objects.none(),
                                   help_text=_("A model recognised at a level."))  # fmt: skip
    exemplar = forms.ModelChoiceField(label=_("Exemplar"), required=False, queryset=Organization.objects.none())
    person = forms.ModelChoiceField(label=_("Person"), required=False, queryset=User.objects.none())
    person_organization = forms.ModelChoiceField(label=_("The person's body"), required=False,
                                                 queryset=Organization.objects.none())  # fmt: skip
    collective = forms.ModelChoiceField(label=_("Collective"), required=False, queryset=Organization.objects.none())
    form = forms.ModelChoiceField(label=_("Form proposed"), queryset=selectors.forms(Family.COMMENDATION))
    level = forms.ChoiceField(label=_("Level proposed"), choices=LevelChoices.choices)
    achievements = forms.CharField(label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = selectors.proposing_units_for(user)
        f = self.fields
        f["organization"].queryset = units  # type: ignore[attr-defined]
        f["collective"].queryset = units  # type: ignore[attr-defined]
        f["person_organization"].queryset = units  # type: ignore[attr-defined]
        commendable = dvk_selectors.dvk_models_for(user).filter(stage__in=COMMENDABLE, commendation_decision_number="")
        f["model"].queryset = commendable.order_by("name")  # type: ignore[attr-defined]
        f["exemplar"].queryset = dvk_selectors.dvk_exemplars_for(user).order_by("name")  # type: ignore[attr-defined]
        f["person"].queryset = selectors.people_for(user)  # type: ignore[attr-defined]
        f["person"].label_from_instance = _person_label  # type: ignore[attr-defined]

    def prefill_model(self, value: str) -> None:
        """Pre-fill the proposal for one recognised model of the user's units (dvk's model page links here)."""
        pk = parsing.object_id(value)
        model = self.fields["model"].queryset.filter(pk=pk).first() if pk is not None else None  # type: ignore[attr-defined]
        if model is not None:
            self.initial.update(subject_kind="model", model=model.pk, organization=model.organization_id)

    def subject(self) -> dict[str, Any]:
        """Only the subject of the chosen kind goes to the service (the others may be left filled in)."""
        data, kind = self.cleaned_data, self.cleaned_data["subject_kind"]
        out = {k: None for k in ("model", "exemplar", "person", "collective", "person_organization")}
        out[kind] = data.get(kind)
        if kind == "person":
            out["person_organization"] = data.get("person_organization")
        return out


class SeatForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Council member"), queryset=User.objects.none())
    organization = forms.ModelChoiceField(label=_("Sits for"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = selectors.council_candidates_for(user)  # type: ignore[attr-defined]
        self.fields["member"].label_from_instance = _person_label  # type: ignore[attr-defined]
        self.fields["organization"].queryset = selectors.council_bodies_for(user)  # type: ignore[attr-defined]


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(label=_("Opinion"), choices=OpinionChoices.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=TEXT, max_length=3000)


class DecisionForm(forms.Form):
    deciding_organization = forms.ModelChoiceField(label=_("Deciding body"), queryset=Organization.objects.none())
    # Not required here: the service's rule (a commendation needs its number) answers, with its code.
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=60,
                                      help_text=_("For example 215/QĐ-UBND or 215-QĐ/ĐU."))  # fmt: skip
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE, initial=clock.today)
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, help_text=_("For example Chủ tịch."))
    form = forms.ModelChoiceField(label=_("Form"), queryset=selectors.forms(Family.COMMENDATION))
    level = forms.ChoiceField(label=_("Level"), choices=LevelChoices.choices)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deciding_organization"].queryset = selectors.deciding_units_for(user)  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    prefix = "decline"  # on the same page as the decision form: distinct ids
    deciding_organization = forms.ModelChoiceField(label=_("Deciding body"), queryset=Organization.objects.none())
    reason = forms.CharField(label=_("Why not commended"), widget=TEXT, max_length=3000, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deciding_organization"].queryset = selectors.deciding_units_for(user)  # type: ignore[attr-defined]


class DisciplineForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Unit"), queryset=Organization.objects.none(),
                                          help_text=_("The person's body, or the collective concerned."))  # fmt: skip
    person = forms.ModelChoiceField(label=_("Person"), required=False, queryset=User.objects.none(),
                                    help_text=_("Leave empty for the collective."))  # fmt: skip
    form = forms.ModelChoiceField(label=_("Form"), queryset=selectors.forms(Family.DISCIPLINE))
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE, initial=clock.today)
    deciding_organization = forms.ModelChoiceField(label=_("Deciding body"), queryset=Organization.objects.none())
    ground = forms.CharField(label=_("Ground"), widget=TEXT, max_length=3000)
    case_tracking_code = forms.CharField(label=_("Case tracking code"), required=False, max_length=40,
                                         help_text=_("The petition whose complaint was upheld, if any."))  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = selectors.discipline_units_for(user)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
        self.fields["deciding_organization"].queryset = units  # type: ignore[attr-defined]
        self.fields["person"].queryset = selectors.discipline_people_for(user)  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = _person_label  # type: ignore[attr-defined]


class DisciplineCorrectForm(forms.Form):
    """A correction: the record's content again (pre-filled), and why it is corrected."""

    form = forms.ModelChoiceField(label=_("Form"), queryset=selectors.forms(Family.DISCIPLINE))
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE)
    deciding_organization = forms.ModelChoiceField(label=_("Deciding body"), queryset=Organization.objects.none())
    ground = forms.CharField(label=_("Ground"), widget=TEXT, max_length=3000)
    case_tracking_code = forms.CharField(label=_("Case tracking code"), required=False, max_length=40)
    # Not required here: the service's rule (a correction has its reason) answers, with its code.
    reason = forms.CharField(label=_("Why corrected"), widget=TEXT, max_length=3000, required=False)

    def __init__(self, *args: Any, user: Any, record: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deciding_organization"].queryset = selectors.discipline_units_for(user)  # type: ignore[attr-defined]
        # the record's own form stays choosable even when retired since
        forms_in_use = selectors.forms(Family.DISCIPLINE) | type(record.form).objects.filter(pk=record.form_id)
        self.fields["form"].queryset = forms_in_use.distinct()  # type: ignore[attr-defined]


class DisciplineWithdrawForm(forms.Form):
    prefix = "withdraw"
    reason = forms.CharField(label=_("Why withdrawn"), widget=TEXT, max_length=3000, required=False)


LEVELS = forms.MultipleChoiceField(label=_("Levels that give it"), choices=LevelChoices.choices, required=False,
                                   widget=forms.CheckboxSelectMultiple, help_text=_("None: any level."))  # fmt: skip


class CommendationFormAddForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(label=_("Code"), max_length=60, help_text=_("For example huy-hieu (letters, digits, -)."))
    family = forms.ChoiceField(label=_("Family"), choices=FamilyChoices.choices)
    levels = LEVELS
    source = forms.CharField(label=_("Source"), max_length=300)
    verified = forms.BooleanField(label=_("Confirmed by the text of its source"), required=False)


class CommendationFormRenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=200)


class AuthorityForm(forms.Form):
    form = forms.ModelChoiceField(label=_("Form"), queryset=selectors.forms(Family.COMMENDATION))
    level = forms.ChoiceField(label=_("Level"), choices=LevelChoices.choices)
    kind = forms.ModelChoiceField(label=_("Kind of deciding body"), queryset=selectors.organization_kinds())
    source = forms.CharField(label=_("Source"), max_length=300)
    valid_from = forms.DateField(label=_("In force from"), widget=DATE)
    valid_to = forms.DateField(label=_("In force until"), widget=DATE, required=False)
    verified = forms.BooleanField(label=_("Confirmed by the text of its source"), required=False)


class AuthorityEditForm(forms.Form):
    source = forms.CharField(label=_("Source"), max_length=300)
    valid_from = forms.DateField(label=_("In force from"), widget=DATE)
    valid_to = forms.DateField(label=_("In force until"), widget=DATE, required=False,
                               help_text=_("Set it to end the rule."))  # fmt: skip
    verified = forms.BooleanField(label=_("Confirmed by the text of its source"), required=False)


class YearForm(forms.Form):
    nam = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    trang_thai = forms.ChoiceField(label=_("Status"), required=False,
                                   choices=[("", "—"), ("proposed", _("Under review")), ("decided", _("Commended")),
                                            ("not_commended", _("Not commended"))])  # fmt: skip
