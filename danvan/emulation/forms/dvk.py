"""The dvk part's forms: they only parse (the services decide; ``refused`` puts a refusal beside its
field)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.emulation.models.dvk import ExemplarKindChoices, FieldChoices, LevelChoices
from danvan.emulation.services.dvk import CriterionInput, DvkInput
from danvan.ui.forms import RefusalMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_D_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
_LINES_HELP = _("One per line.")


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=_DATE, input_formats=_D_FORMATS, required=required)


def _text(label: Any, required: bool = False, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=5000, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))  # fmt: skip


def _count(label: Any, maximum: int = 10_000_000) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=maximum, required=False,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()][:30]


class ModelForm(RefusalMixin, forms.Form):
    """The registration of a model: §7's ten fields, numbered as in the template."""

    organization: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Registering unit"), queryset=None)
    field = forms.ChoiceField(label=_("Field"), choices=[("", "—"), *FieldChoices.choices], required=False)
    place: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Place (commune or ward)"), queryset=None,
                                                           required=False)  # fmt: skip
    name = forms.CharField(label=_("(1) Name of the model"), max_length=300)
    situation = _text(_("(2) Current situation and reason"))
    goals = _text(_("(3) Goals and evaluation criteria"))
    content = _text(_("(4) Content and method"))
    area = _text(_("(5) Area and target group"), rows=2)
    forces_in_charge = _text(_("(6) Forces in charge"), rows=2, help_text=_LINES_HELP)
    forces_coordinating = _text(_("(6) Coordinating forces"), rows=2, help_text=_LINES_HELP)
    forces_participating = _text(_("(6) Participating forces"), rows=2, help_text=_LINES_HELP)
    money_vnd = _count(_("(7) Money (VND)"), maximum=10**13)
    working_days = _count(_("(7) Working days"))
    facilities = forms.CharField(label=_("(7) Facilities"), max_length=500, required=False)
    social_contributions = forms.CharField(label=_("(7) Social contributions"), max_length=500, required=False)
    start_on = _date(_("(8) Start date"), required=False)
    milestones = _text(_("(8) Milestones"), rows=2, help_text=_("One per line: date (dd/mm/yyyy) then what."))
    evaluation_on = _date(_("(8) Evaluation date"), required=False)
    outputs = _text(_("(9) Verifiable outputs"))
    sustainability = _text(_("(10) Sustainability and replicability"))
    participants_people = _count(_("Participating people"))
    participants_households = _count(_("Participating households"))

    def __init__(self, *args: Any, units: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
        self.fields["place"].queryset = places  # type: ignore[attr-defined]

    def clean_milestones(self) -> list[dict[str, str]]:
        rows = []
        for line in _lines(self.cleaned_data.get("milestones", "")):
            head, _sep, what = line.partition(" ")
            try:
                d, m, y = head.strip(":").split("/")
                day = dt.date(int(y), int(m), int(d))
            except ValueError:
                raise forms.ValidationError(_("Begin each milestone with its date (dd/mm/yyyy).")) from None
            rows.append({"on": day.isoformat(), "what": what.strip(" :-–")[:300]})
        return rows

    def to_input(self) -> DvkInput:
        d = self.cleaned_data
        forces = [{"name": n[:200], "role": role} for role in ("in_charge", "coordinating", "participating")
                  for n in _lines(d.get(f"forces_{role}", ""))]  # fmt: skip
        return DvkInput(
            name=d["name"], field=d.get("field") or "", situation=d["situation"], goals=d["goals"],
            content=d["content"], area=d["area"], forces=forces, money_vnd=d.get("money_vnd"),
            facilities=d["facilities"], working_days=d.get("working_days"),
            social_contributions=d["social_contributions"], start_on=d.get("start_on"), milestones=d["milestones"],
            evaluation_on=d.get("evaluation_on"), outputs=d["outputs"], sustainability=d["sustainability"],
            place=d.get("place"), participants_people=d.get("participants_people"),
            participants_households=d.get("participants_households"),
        )  # fmt: skip

    @staticmethod
    def initial_from(model: Any) -> dict[str, Any]:
        initial = {name: getattr(model, name) for name in (
            "organization", "field", "place", "name", "situation", "goals", "content", "area", "money_vnd",
            "working_days", "facilities", "social_contributions", "start_on", "evaluation_on", "outputs",
            "sustainability", "participants_people", "participants_households")}  # fmt: skip
        for role in ("in_charge", "coordinating", "participating"):
            initial[f"forces_{role}"] = "\n".join(f["name"] for f in model.forces if f.get("role") == role)
        initial["milestones"] = "\n".join(
            f"{dt.date.fromisoformat(m['on']):%d/%m/%Y} {m.get('what', '')}" for m in model.milestones
        )
        return initial


class LaunchForm(RefusalMixin, forms.Form):
    launched_on = _date(_("Launched on"))
    commitments = _text(_("Commitments made at the launch"), rows=2)


class IndicatorForm(RefusalMixin, forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit of measure"), max_length=40)
    baseline = forms.DecimalField(label=_("Before (baseline)"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False, initial=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReportForm(RefusalMixin, forms.Form):
    reported_on = _date(_("Reported on"))
    text = _text(_("What was done"), required=True, rows=5)
    photos = MultipleFileField(label=_("Photos (JPEG, PNG or WebP)"), required=False)

    def __init__(self, *args: Any, indicators: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator_ids = []
        for indicator in indicators:
            key = f"indicator_{indicator.pk}"
            self.fields[key] = forms.DecimalField(label=f"{indicator.name} ({indicator.unit})", required=False,
                                                  max_digits=14, decimal_places=2)  # fmt: skip
            self.indicator_ids.append(indicator.pk)

    def measurements(self) -> dict[int, Any]:
        return {pk: self.cleaned_data[f"indicator_{pk}"] for pk in self.indicator_ids
                if self.cleaned_data.get(f"indicator_{pk}") is not None}  # fmt: skip

    def photo_files(self) -> list[tuple[str, bytes]]:
        return [(f.name, f.read()) for f in self.cleaned_data.get("photos") or []]


class SeatForm(RefusalMixin, forms.Form):
    seat = forms.ChoiceField(label=_("Evaluator (from another unit)"))

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [("", "—"), *candidates]  # type: ignore[attr-defined]


def _weight(value: Any) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ScoreForm(RefusalMixin, forms.Form):
    def __init__(self, *args: Any, criteria: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.code}"] = forms.IntegerField(
                label=f"{c.name} ({_('weight')} {_weight(c.weight)})", min_value=0, max_value=10, help_text=c.description,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )  # fmt: skip
            self.fields[f"reason_{c.code}"] = forms.CharField(label=_("Reason"), max_length=2000,
                                                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def scores(self) -> dict[str, tuple[int, str]]:
        d = self.cleaned_data
        return {c.code: (d[f"score_{c.code}"], d[f"reason_{c.code}"]) for c in self.criteria}


class RecogniseForm(RefusalMixin, forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=LevelChoices.choices)
    decision = forms.CharField(label=_("Recognition decision (number)"), max_length=60, required=False)
    recognised_on = _date(_("Recognised on"))


class ReasonForm(RefusalMixin, forms.Form):
    reason = _text(_("Reason"), rows=2)


class ReplicateForm(RefusalMixin, forms.Form):
    organization: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Replicating unit"), queryset=None)
    name = forms.CharField(label=_("Name of the replication (optional)"), max_length=300, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]


class CloseForm(RefusalMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("sustained", _("Sustained")), ("archived", _("Archived"))]
    )
    reason = _text(_("Reason"), rows=2)


class ExemplarForm(RefusalMixin, forms.Form):
    organization: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ExemplarKindChoices.choices)
    field = forms.ChoiceField(label=_("Field"), choices=FieldChoices.choices)
    achievement = _text(_("Achievement"), required=True)
    model: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Model (optional)"), queryset=None, required=False)

    def __init__(self, *args: Any, units: Any, models: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
        self.fields["model"].queryset = models  # type: ignore[attr-defined]


class ExemplarDecideForm(RefusalMixin, forms.Form):
    recognised = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "1",
                                        choices=[("1", _("Recognised")), ("0", _("Not recognised"))])  # fmt: skip
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *LevelChoices.choices], required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    recognised_on = _date(_("Recognised on"), required=False)


class GalleryForm(forms.Form):
    """The public gallery's search; every field optional, a bad value is ignored."""

    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    linh_vuc = forms.ChoiceField(
        label=_("Field"), choices=[("", _("All fields")), *FieldChoices.choices], required=False
    )
    cap = forms.ChoiceField(label=_("Level"), choices=[("", _("All levels")), *LevelChoices.choices], required=False)
    tinh = forms.TypedChoiceField(label=_("Province"), coerce=int, required=False, empty_value=None)
    xa = forms.IntegerField(label=_("Commune code"), required=False, min_value=1, max_value=99999,
                            widget=forms.HiddenInput)  # fmt: skip

    def __init__(self, *args: Any, provinces: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tinh"].choices = [("", _("All provinces")), *((p.code, p.name) for p in provinces)]  # type: ignore[attr-defined]


class StaffFilterForm(GalleryForm):
    trang_thai = forms.ChoiceField(label=_("Stage"), required=False)

    def __init__(self, *args: Any, stages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trang_thai"].choices = [("", _("All stages")), *stages]  # type: ignore[attr-defined]


class PhotoPublishForm(forms.Form):
    """Make a progress photo public: the attestation is asked here and required by the service
    (``dvk_photo_publish``), so the refusal and its code are the service's."""

    consent = forms.BooleanField(label=_("The people who can be recognised in the photo agreed to make it public."),
                                 required=False)  # fmt: skip


# ------------------------------------------------------------------ exemplars: correct, withdraw


class ExemplarChangeForm(ExemplarForm):
    """A proposed exemplar corrected by its unit (the unit itself stays)."""

    def __init__(self, *args: Any, models: Any, **kwargs: Any) -> None:
        super().__init__(*args, units=None, models=models, **kwargs)
        del self.fields["organization"]


class ExemplarWithdrawForm(RefusalMixin, forms.Form):
    reason = _text(_("Reason for the withdrawal"), required=True, rows=2)


# ------------------------------------------------------------------ the scorecard's versions


class ScorecardForm(RefusalMixin, forms.Form):
    """A draft version's head; its range rules (pass mark 0–100, at least one evaluator) are the service's."""

    name = forms.CharField(label=_("Name"), max_length=200)
    pass_score = forms.DecimalField(label=_("Pass mark (0–100)"), max_digits=6, decimal_places=2,
                                    widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}))  # fmt: skip
    min_evaluators = forms.IntegerField(label=_("Minimum evaluators"), min_value=-1000, max_value=1000,
                                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=60)
    name = forms.CharField(label=_("Criterion"), max_length=200)
    weight = forms.DecimalField(label=_("Weight (out of 100)"), max_digits=6, decimal_places=2,
                                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}))  # fmt: skip
    description = forms.CharField(label=_("Description"), max_length=500, required=False)


CRITERIA_PREFIX = "tieu-chi"
CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=30, validate_max=True)


def criteria_from(formset: Any) -> list[CriterionInput]:
    """The criteria kept in a valid formset, in their order (blank and deleted rows left out)."""
    rows = []
    for form in formset.forms:
        d = form.cleaned_data
        if not d or d.get("DELETE"):
            continue
        rows.append(CriterionInput(code=d["code"], name=d["name"], weight=d["weight"],
                                   description=d.get("description") or ""))  # fmt: skip
    return rows


class PutInForceForm(RefusalMixin, forms.Form):
    valid_from = _date(_("In force from"))
