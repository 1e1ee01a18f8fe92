"""Satisfaction data: methodologies, templates, campaigns, invitations, responses and stored indices.

Privacy by construction (legal-spec §8.4, §11): who was asked lives in ``Invitation``; what they
answered lives in ``Response``/``Answer``. No column links the two. A response carries only the
hash of an *edit key* derived from the invitation's token, which the citizen holds and the
database does not, so someone reading the tables cannot join answers to a person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.surveys.choices import Aspect, CampaignStatus, Flag, PeriodKind, ScopeKind, Source, TemplateKind
from danvan.surveys.indices import Method


class Methodology(TimeStampedModel):
    """One version of the rules that turn answers into indices (legal-spec §8.1, "configurable formula")."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    mark = models.CharField(_("source mark"), max_length=1, choices=[("V", "V"), ("S", "S"), ("U", "U")], default="U")
    satisfied_values = models.JSONField(_("answers that count as satisfied"), default=list)
    excluded_values = models.JSONField(_("answers left out of the index"), default=list)
    min_sample = models.PositiveIntegerField(_("minimum number of respondents to show an index"), default=30)
    confidence = models.FloatField(_("confidence level of intervals"), default=0.95)
    exclude_flagged = models.BooleanField(_("leave out responses flagged as implausible"), default=True)
    weights = models.JSONField(
        _("weights"), default=dict, blank=True, help_text=_('{"factors": {code: weight}, "criteria": {code: weight}}')
    )

    class Meta:
        verbose_name = _("index methodology")
        verbose_name_plural = _("index methodologies")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="surveys_methodology_version")]
        ordering = ["code", "-version"]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def method(self) -> Method:
        weights = self.weights or {}
        return Method(
            satisfied=frozenset(int(v) for v in self.satisfied_values),
            excluded=frozenset(int(v) for v in self.excluded_values),
            min_sample=self.min_sample,
            confidence=self.confidence,
            factor_weights={str(k): float(v) for k, v in (weights.get("factors") or {}).items()},
            criterion_weights={str(k): float(v) for k, v in (weights.get("criteria") or {}).items()},
        )


class SurveyTemplate(TimeStampedModel):
    """A questionnaire: its factors and criteria are rows, editable by operators."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    mark = models.CharField(_("source mark"), max_length=1, choices=[("V", "V"), ("S", "S"), ("U", "U")], default="S")
    methodology = models.ForeignKey(Methodology, verbose_name=_("methodology"), on_delete=models.PROTECT)
    edit_window_days = models.PositiveSmallIntegerField(
        _("days a respondent may change their answers"), default=0, help_text=_("0: answers cannot be changed.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    # When comments behind low scores may reach a head (selectors.low_score_comments; docs/surveys.md):
    # never while few people answered, nor before the period is well over, so none points to its author.
    comment_min_respondents = models.PositiveIntegerField(
        _("respondents needed before comments are shown"), default=10, validators=[MinValueValidator(2)],
        help_text=_("Comments of a body and period are shown only once at least this many people answered."),
    )  # fmt: skip
    comment_delay_days = models.PositiveIntegerField(
        _("days after the period before comments are shown"), default=7, validators=[MinValueValidator(1)],
        help_text=_("Comments of a period are shown from this many days after its last day."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Factor(models.Model):
    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("survey template"), on_delete=models.CASCADE, related_name="factors"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="surveys_factor_code")]
        ordering = ["template", "sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One question. ``factor`` empty: a question outside the index's factors (the overall question)."""

    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("survey template"), on_delete=models.CASCADE, related_name="criteria"
    )
    factor = models.ForeignKey(
        Factor, verbose_name=_("factor"), null=True, blank=True, on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    aspects = models.JSONField(_("asked as"), default=list, help_text=_("assessment, satisfaction, expectation"))
    tracks = models.JSONField(
        _("case tracks it applies to"), default=list, blank=True, help_text=_("Empty: every track.")
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="surveys_criterion_code")]
        ordering = ["template", "sort_order", "code"]

    def __str__(self) -> str:
        return self.text


class Campaign(TimeStampedModel):
    """A survey run: a template, the bodies or places it covers, and a period."""

    code = models.SlugField(_("code (in the QR link)"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    template = models.ForeignKey(SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    organizations = models.ManyToManyField(
        "org.Organization", verbose_name=_("bodies and one-stop shops surveyed"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "org.AdministrativeUnit", verbose_name=_("places surveyed"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    owner = models.ForeignKey(
        "org.Organization", verbose_name=_("organizing body"), on_delete=models.PROTECT, related_name="+"
    )
    device_limit = models.PositiveSmallIntegerField(
        _("answers allowed per device"), default=3, help_text=_("A kiosk at a counter needs a higher limit.")
    )
    min_seconds = models.PositiveSmallIntegerField(_("fewer seconds than this to answer is flagged"), default=20)

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-starts_on", "code"]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.owner

    def is_open_on(self, day: dt.date) -> bool:
        return self.status == CampaignStatus.OPEN and self.starts_on <= day <= self.ends_on


class Invitation(models.Model):
    """Who was asked to rate what. Holds the link to the person; never the answers."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT)
    subject = models.CharField(max_length=60, unique=True, help_text="e.g. case:123")
    token_hash = models.CharField(max_length=64, unique=True)
    # The facts the response will carry, copied here so the rating never has to read the case.
    organization = models.ForeignKey("org.Organization", null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("org.AdministrativeUnit", null=True, on_delete=models.SET_NULL, related_name="+")
    service = models.CharField(max_length=40, blank=True)
    topic = models.CharField(max_length=60, blank=True)
    official = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    opens_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("rating invitation")
        verbose_name_plural = _("rating invitations")

    def __str__(self) -> str:
        return self.subject


class Response(models.Model):
    """One filled questionnaire. Carries the dimensions an index is cut by, and nothing about who."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="responses")
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="responses")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("place"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    service = models.CharField(_("service"), max_length=40, blank=True)
    topic = models.CharField(_("topic"), max_length=60, blank=True)
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("official rated"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    answered_on = models.DateField(_("answered on"), db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    # sha256 of the edit key; blank for paper forms and campaign answers that cannot be changed.
    edit_key_hash = models.CharField(max_length=64, blank=True)
    editable_until = models.DateTimeField(null=True, blank=True)
    # One rendered form or one API idempotency key stores at most one response.
    form_nonce = models.CharField(max_length=100, null=True, blank=True, unique=True)
    paper_form_number = models.CharField(_("paper form number"), max_length=40, blank=True)
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    flag = models.CharField(_("flag"), max_length=20, choices=Flag.choices, blank=True)
    flag_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("keyed in by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "paper_form_number"],
                condition=~Q(paper_form_number=""),
                name="surveys_paper_form_once",
            ),
            models.UniqueConstraint(
                fields=["edit_key_hash"], condition=~Q(edit_key_hash=""), name="surveys_edit_key_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["template", "answered_on", "organization"], name="surveys_resp_tpl_day_org"),
            # One body's or one commune's answers (the refresh after each rating, a head's subtree):
            # without them SQLite, which keeps no statistics unless told to, walks the whole period
            # through the index above (benchmarks/surveys_indices.py).
            models.Index(fields=["organization", "template", "answered_on"], name="surveys_resp_org_tpl_day"),
            models.Index(fields=["unit", "template", "answered_on"], name="surveys_resp_unit_tpl_day"),
        ]

    def __str__(self) -> str:
        return f"{self.template_id}/{self.pk}"

    def permission_organization(self) -> Any:
        return self.organization

    @property
    def counts_in_index(self) -> bool:
        return not self.flag


class Answer(models.Model):
    """One value for one criterion in one aspect: 1–5 or 0 "no opinion"; for expectation, 1 = chosen."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    aspect = models.CharField(max_length=12, choices=Aspect.choices)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion", "aspect"], name="surveys_answer_once"),
            models.CheckConstraint(condition=Q(value__lte=5), name="surveys_answer_value_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}/{self.aspect}={self.value}"


class IndexSnapshot(models.Model):
    """A computed index, stored so public pages and rankings read one row instead of a million answers."""

    methodology = models.ForeignKey(Methodology, on_delete=models.CASCADE, related_name="+")
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="+")
    scope_kind = models.CharField(max_length=20, choices=ScopeKind.choices)
    scope_key = models.CharField(max_length=80)
    organization = models.ForeignKey(
        "org.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "org.AdministrativeUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    respondents = models.PositiveIntegerField()
    too_few = models.BooleanField()
    index = models.FloatField(null=True)
    lower = models.FloatField(null=True)
    upper = models.FloatField(null=True)
    factors = models.JSONField(default=dict)
    criteria = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["methodology", "template", "scope_kind", "scope_key", "period_kind", "period_start"],
                name="surveys_snapshot_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["template", "scope_kind", "period_kind", "period_start"], name="surveys_snapshot_listing"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope_kind}:{self.scope_key} {self.period_kind} {self.period_start}"
