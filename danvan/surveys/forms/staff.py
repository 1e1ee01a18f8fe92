"""Forms of the staff satisfaction screens: the dashboard's choices and the paper-form entry.

They only parse. Who may see which body, the sample rule and every check on an answer (the scale,
the required questions, a form number keyed twice) live in ``danvan.surveys``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core import clock, parsing, periods
from danvan.core.periods import Period
from danvan.org.models import Organization
from danvan.surveys.choices import NO_OPINION, Aspect
from danvan.surveys.models import Campaign, Criterion, SurveyTemplate
from danvan.surveys.services.responses import COMMENT_MAX, questions_for

SCOPE_TREE, SCOPE_BODY = "tree", "body"


def period_current(today: dt.date | None = None) -> Period:
    return Period.holding(periods.YEAR, today or clock.today())


def period_choices(today: dt.date) -> list[tuple[Any, list[tuple[str, str]]]]:
    """This year and the two before, their quarters and months up to today, newest first, grouped by kind."""
    first = dt.date(today.year - 2, 1, 1)

    def of_kind(kind: str) -> list[tuple[str, str]]:
        return [(str(period), period.label) for period in reversed(periods.between(kind, first, today))]

    return [
        (_("Year"), of_kind(periods.YEAR)),
        (_("Quarter"), of_kind(periods.QUARTER)),
        (_("Month"), of_kind(periods.MONTH)),
    ]


class BodyChoiceField(forms.ModelChoiceField[Organization]):
    """Bodies in tree order, indented under the highest of them, so a long list reads as the tree it is."""

    base_depth = 0

    def label_from_instance(self, obj: Organization) -> str:
        return "\u00a0\u00a0\u00a0" * max(0, (obj.depth or 0) - self.base_depth) + obj.name


class DashboardForm(forms.Form):
    body = BodyChoiceField(label=_("Body"), queryset=Organization.objects.none(), empty_label=None)
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[(SCOPE_TREE, _("This body and the bodies under it")), (SCOPE_BODY, _("This body only"))],
    )
    template = forms.ModelChoiceField(
        label=_("Survey"), queryset=SurveyTemplate.objects.none(), to_field_name="code", empty_label=None
    )
    period = forms.ChoiceField(label=_("Reporting period"))

    def __init__(self, data: dict[str, Any], *, bodies: QuerySet[Organization], today: dt.date) -> None:
        super().__init__(data)
        body_field: BodyChoiceField = self.fields["body"]  # type: ignore[assignment]
        body_field.queryset = bodies
        body_field.base_depth = bodies.aggregate(top=Min("depth"))["top"] or 0
        # The list offers the two highest levels of the user's bodies (and the body shown); deeper bodies
        # are reached from the "by body" table. A province has hundreds of bodies, the country many more.
        listed = Q(depth__lte=body_field.base_depth + 1)
        shown = parsing.object_id(data.get("body", ""))
        if shown is not None:
            listed |= Q(pk=shown)
        body_field.choices = [(o.pk, body_field.label_from_instance(o)) for o in bodies.filter(listed)]
        self.fields["template"].queryset = (  # type: ignore[attr-defined]
            SurveyTemplate.objects.filter(is_active=True).select_related("methodology").order_by("code")
        )
        # Read the options once: the page renders them, and the field would query again on each use.
        self.fields["template"].choices = list(self.fields["template"].choices)  # type: ignore[attr-defined]
        self.fields["period"].choices = period_choices(today)  # type: ignore[attr-defined]

    def clean_period(self) -> Period:
        period = periods.parse(self.cleaned_data["period"])
        if period is None:  # the choices already refuse it; kept for the type
            raise forms.ValidationError(_("Choose a period."))
        return period


# Paper forms --------------------------------------------------------------------------------------

SCALE = [(str(v), str(v)) for v in range(1, 6)] + [(str(NO_OPINION), _("No opinion"))]


@dataclass(frozen=True)
class QuestionRow:
    number: int  # as printed on the form: 1, 2, 3 … across the factors
    criterion: Criterion
    fields: list[tuple[str, str, forms.BoundField]]  # (aspect, its label, field), in the template's aspect order


@dataclass(frozen=True)
class QuestionGroup:
    title: str
    rows: list[QuestionRow]


def _field_name(criterion: Criterion, aspect: str) -> str:
    return f"q_{criterion.code}_{aspect}"


class PaperForm(forms.Form):
    """One paper questionnaire, keyed in as it is printed: number, body, date, then every question."""

    form_number = forms.CharField(
        label=_("Paper form number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "class": "sv-number"}),
    )
    organization = forms.ModelChoiceField(label=_("Body the form is about"), queryset=Organization.objects.none())
    answered_on = forms.DateField(
        label=_("Date on the form"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        bodies = campaign.organizations.order_by("path")
        self.fields["organization"].queryset = bodies  # type: ignore[attr-defined]
        if len(bodies) == 1:
            self.fields["organization"].empty_label = None  # type: ignore[attr-defined]
        self.questions = questions_for(campaign.template)
        for question in self.questions:
            name = _field_name(question.criterion, question.aspect)
            label = question.criterion.text
            if question.aspect == Aspect.EXPECTATION:
                self.fields[name] = forms.BooleanField(label=_("Priority to improve"), required=False)
            else:
                # "No opinion" is an answer: every satisfaction question must be answered; an
                # assessment left blank on the paper is simply not stored.
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=SCALE,
                    widget=forms.RadioSelect,
                    required=question.aspect == Aspect.SATISFACTION,
                )
        self.fields["comment"] = forms.CharField(
            label=_("Comment written on the form"), required=False, max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
        )  # fmt: skip

    def question_groups(self) -> list[QuestionGroup]:
        groups: list[QuestionGroup] = []
        rows: dict[int, QuestionRow] = {}
        for question in self.questions:
            criterion = question.criterion
            title = criterion.factor.name if criterion.factor else str(_("General question"))
            if not groups or groups[-1].title != title:
                groups.append(QuestionGroup(title, []))
            if criterion.pk not in rows:
                rows[criterion.pk] = QuestionRow(len(rows) + 1, criterion, [])
                groups[-1].rows.append(rows[criterion.pk])
            field = self[_field_name(criterion, question.aspect)]
            rows[criterion.pk].fields.append((question.aspect, str(Aspect(question.aspect).label), field))
        return groups

    def answers(self) -> dict[tuple[str, str], int]:
        """``{(criterion code, aspect): value}`` for ``responses.paper_submit``."""
        result: dict[tuple[str, str], int] = {}
        for question in self.questions:
            value = self.cleaned_data.get(_field_name(question.criterion, question.aspect))
            if question.aspect == Aspect.EXPECTATION:
                if value:
                    result[(question.criterion.code, question.aspect)] = 1
            elif value not in (None, ""):
                result[(question.criterion.code, question.aspect)] = int(value)
        return result


class FlagClearForm(forms.Form):
    response = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
