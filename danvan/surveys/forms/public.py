"""Forms of the public satisfaction screens: the ranking's filters, a rating, a campaign questionnaire.

They parse what the browser sends into types. Every rule about answers (which questions, which
values, what must be answered, what a comment may hold) is checked by ``surveys.services.responses``
so the web, the API and paper entry refuse the same things with the same words; a refusal comes
back here only to be shown next to the question it is about.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from danvan.core import clock, periods
from danvan.core.errors import DomainError
from danvan.core.periods import Period
from danvan.org.models import AdministrativeUnit
from danvan.org.selectors import unit_provinces
from danvan.surveys import selectors
from danvan.surveys.choices import NO_OPINION, Aspect, Likert, PeriodKind, ScopeKind
from danvan.surveys.models import Criterion, Factor, SurveyTemplate
from danvan.surveys.services.responses import COMMENT_MAX, Question

YEARS_BACK = 4  # periods offered: this year and the four before it

SCOPE_CHOICES = [
    (ScopeKind.ORGANIZATION.value, _("Bodies")),
    (ScopeKind.UNIT.value, _("Communes and wards")),
]

# Best first, as on the SIPAS paper form; "no opinion" last.
LIKERT_CHOICES = [(v, Likert(v).label) for v in (5, 4, 3, 2, 1)] + [(NO_OPINION, Likert.NO_OPINION.label)]
# The SIPAS assessment of a statement (not a feeling): the platform's wording of the five levels.
ASSESSMENT_LABELS = {
    5: _("Very good"),
    4: _("Good"),
    3: _("Average"),
    2: _("Poor"),
    1: _("Very poor"),
    NO_OPINION: _("No opinion"),
}
ASSESSMENT_CHOICES = [(v, ASSESSMENT_LABELS[v]) for v in (5, 4, 3, 2, 1, NO_OPINION)]


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def localized_name(obj: Any, attr: str = "name") -> str:
    """A row's Vietnamese name, or its English one when the page is in English and it has one."""
    english = getattr(obj, f"{attr}_en", "")
    return english if _english() and english else getattr(obj, attr)


# Periods ------------------------------------------------------------------------------------------
# A period is written as ``core.periods`` writes it ("2026", "2026-Q1", "2026-02"), in the address too.


def period_text(period: Period) -> str:
    """The period in words, for a heading (``core.periods`` labels are the short ones of tables)."""
    start = period.start
    if period.kind == periods.YEAR:
        return str(_("Year %(year)s") % {"year": start.year})
    if period.kind == periods.QUARTER:
        return str(_("Quarter %(quarter)s/%(year)s") % {"quarter": period.quarter, "year": start.year})
    return str(_("Month %(month)s/%(year)s") % {"month": f"{start.month:02d}", "year": start.year})


def period_choices(kind: str, today: dt.date) -> list[tuple[str, str]]:
    offered = periods.between(kind, dt.date(today.year - YEARS_BACK, 1, 1), today)
    return [(str(period), period_text(period)) for period in reversed(offered)]


# The ranking's filters ----------------------------------------------------------------------------


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized_name(obj)


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


@dataclass(frozen=True)
class PeriodQuery:
    template: SurveyTemplate | None
    period_kind: str
    period_start: dt.date
    province: AdministrativeUnit | None = None
    scope_kind: str = ScopeKind.ORGANIZATION
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def period(self) -> Period:
        return Period(self.period_kind, self.period_start)

    @property
    def period_label(self) -> str:
        return period_text(self.period)

    @property
    def period_end(self) -> dt.date:
        return self.period.end

    def params(self, *, with_place: bool = True) -> dict[str, str]:
        """The query string that shows this selection again (links to a body, the export)."""
        params = {
            "template": self.template.code if self.template else "",
            "kind": self.period_kind,
            "period": str(self.period),
        }
        if with_place:
            params["scope"] = self.scope_kind
            if self.province is not None:
                params["province"] = str(self.province.pk)
        return params


def default_template() -> SurveyTemplate | None:
    return selectors.template_default()


class PeriodForm(forms.Form):
    """A template and a period (GET). Anything unreadable falls back to its default and is said."""

    template = TemplateChoiceField(
        label=_("Survey"),
        queryset=SurveyTemplate.objects.filter(is_active=True).select_related("methodology").order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=None,
    )
    kind = forms.ChoiceField(label=_("Period kind"), choices=PeriodKind.choices, required=False)
    period = forms.CharField(label=_("Reporting period"), required=False, widget=forms.Select)

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or clock.today()
        kind = self.data.get("kind") if self.is_bound else None
        self.chosen_kind = kind if kind in PeriodKind.values else PeriodKind.YEAR
        self.fields["period"].widget.choices = period_choices(self.chosen_kind, self.today)
        self.fields["kind"].initial = PeriodKind.YEAR
        self.fields["period"].initial = str(Period.holding(periods.YEAR, self.today))
        self.fields["template"].initial = default_template()

    def clean_period(self) -> dt.date | None:
        value = self.cleaned_data.get("period") or ""
        if not value:
            return None
        period = periods.parse(value)
        if period is None:
            raise forms.ValidationError(_("Choose a period from the list."), code="invalid")
        # A value of another kind: the reader changed the kind and pressed "Show" without a script to
        # refresh the list.
        return period.narrowed(self.chosen_kind, self.today).start

    def query(self) -> PeriodQuery:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        kind = data.get("kind") or self.chosen_kind
        start = data.get("period") or periods.start_of(kind, self.today)
        # A chosen period that has not begun yet shows nothing; the list never offers one.
        if start > self.today:
            start = periods.start_of(kind, self.today)
        return PeriodQuery(
            template=data.get("template") or default_template(),
            period_kind=kind,
            period_start=start,
            province=data.get("province"),
            scope_kind=data.get("scope") or ScopeKind.ORGANIZATION,
        )


class RankingForm(PeriodForm):
    province = ProvinceChoiceField(
        label=_("Province or city"),
        queryset=unit_provinces(),
        required=False,
        empty_label=_("Whole country"),
    )
    scope = forms.ChoiceField(label=_("Rank by"), choices=SCOPE_CHOICES, required=False)


# Answers ------------------------------------------------------------------------------------------


def field_name(code: str, aspect: str) -> str:
    return f"{code}__{aspect}"


@dataclass
class QuestionRow:
    """One criterion as the respondent sees it: its text and one input per aspect it is asked in."""

    criterion: Criterion
    text: str
    fields: dict[str, Any]  # aspect -> bound field

    @property
    def satisfaction(self) -> Any:
        return self.fields.get(Aspect.SATISFACTION)

    @property
    def assessment(self) -> Any:
        return self.fields.get(Aspect.ASSESSMENT)

    @property
    def expectation(self) -> Any:
        return self.fields.get(Aspect.EXPECTATION)

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields.values())


@dataclass
class QuestionGroup:
    factor: Factor | None
    name: str
    rows: list[QuestionRow]


class AnswersForm(forms.Form):
    """The questions of a template (or of a case rating's track), built from ``questions_for``.

    Nothing is required here: which answers are missing is the service's rule, and its refusal is
    shown against each question it names.
    """

    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        help_text=_("Plain text, at most 2,000 characters. Do not write your name or phone number here."),
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        error = {"invalid_choice": _("Choose one of the answers shown.")}
        for question in questions:
            name = field_name(question.criterion.code, question.aspect)
            text = localized_name(question.criterion, "text")
            if question.aspect == Aspect.EXPECTATION:
                self.fields[name] = forms.BooleanField(label=_("Needs priority improvement"), required=False)
            else:
                choices = ASSESSMENT_CHOICES if question.aspect == Aspect.ASSESSMENT else LIKERT_CHOICES
                self.fields[name] = forms.TypedChoiceField(
                    label=text, choices=choices, coerce=int, empty_value=None, required=False,
                    widget=forms.RadioSelect, error_messages=error,
                )  # fmt: skip
        # The comment comes last on the page.
        self.order_fields([n for n in self.fields if n != "comment"] + ["comment"])

    def answers(self) -> dict[tuple[str, str], int]:
        result: dict[tuple[str, str], int] = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question.criterion.code, question.aspect))
            if question.aspect == Aspect.EXPECTATION:
                if value:
                    result[(question.criterion.code, question.aspect)] = 1
            elif value is not None:
                result[(question.criterion.code, question.aspect)] = int(value)
        return result

    def refused(self, exc: DomainError) -> None:
        """Show a service's refusal where it belongs: on the questions it names, or on the comment."""
        if exc.code == "missing_answers":
            for code in exc.details.get("missing", []):
                name = field_name(code, Aspect.SATISFACTION)
                if name in self.fields:
                    self.add_error(name, _("Please choose an answer."))
        if exc.code in {"html", "too_long"}:
            self.add_error("comment", str(exc.message))
        else:
            self.add_error(None, str(exc.message))

    def groups(self) -> list[QuestionGroup]:
        """The questions grouped by factor, in the template's order; the overall question stands alone."""
        groups: list[QuestionGroup] = []
        rows: dict[int, QuestionRow] = {}
        for question in self.questions:
            criterion = question.criterion
            row = rows.get(criterion.pk)
            if row is None:
                row = rows[criterion.pk] = QuestionRow(criterion, localized_name(criterion, "text"), {})
                factor = criterion.factor
                if not groups or groups[-1].factor != factor or factor is None:
                    groups.append(QuestionGroup(factor, localized_name(factor) if factor else "", []))
                groups[-1].rows.append(row)
            row.fields[question.aspect] = self[field_name(criterion.code, question.aspect)]
        return groups

    def choice_fields(self) -> Iterator[Any]:
        return (self[name] for name in self.fields if name != "comment")


def answers_initial(answers: Any) -> dict[str, Any]:
    """A stored response's answers as the form's initial values (a rating still within its edit window)."""
    initial: dict[str, Any] = {}
    for answer in answers:
        name = field_name(answer.criterion.code, answer.aspect)
        initial[name] = bool(answer.value) if answer.aspect == Aspect.EXPECTATION else answer.value
    return initial


# The campaign form's one-time token ---------------------------------------------------------------

FORM_SALT = "surveys.form"
FORM_MAX_AGE = 2 * 3600  # seconds a rendered questionnaire stays valid


class FormTokenExpired(Exception):
    """The questionnaire was rendered too long ago, or its token was altered."""


@dataclass(frozen=True)
class FormToken:
    nonce: str
    started_at: dt.datetime


def form_token_new(campaign_code: str) -> str:
    """A signed value carrying a random nonce (one rendered form stores at most one answer) and the
    time the form was rendered (answers given faster than a person reads are flagged)."""
    value = {"c": campaign_code, "n": secrets.token_urlsafe(18), "t": clock.now().isoformat()}
    return signing.TimestampSigner(salt=FORM_SALT).sign_object(value)


def form_token_read(token: str, campaign_code: str) -> FormToken:
    try:
        value = signing.TimestampSigner(salt=FORM_SALT).unsign_object(token or "", max_age=FORM_MAX_AGE)
        if value.get("c") != campaign_code:
            raise FormTokenExpired
        return FormToken(str(value["n"]), dt.datetime.fromisoformat(value["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        raise FormTokenExpired from None


class CampaignForm(AnswersForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
