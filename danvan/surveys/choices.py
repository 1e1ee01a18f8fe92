"""Enumerations of the surveys app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NO_OPINION = 0  # "không ý kiến": stored, shown in counts, never part of an index


class Aspect(models.TextChoices):
    """How a criterion is asked (SIPAS 2017: each criterion as assessment, satisfaction, expectation)."""

    ASSESSMENT = "assessment", _("Assessment")
    SATISFACTION = "satisfaction", _("Satisfaction")
    EXPECTATION = "expectation", _("Priority to improve")


class Likert(models.IntegerChoices):
    """The five-level scale of SIPAS, plus "no opinion"."""

    NO_OPINION = NO_OPINION, _("No opinion")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    NEUTRAL = 3, _("Neither")
    SATISFIED = 4, _("Satisfied")
    VERY_SATISFIED = 5, _("Very satisfied")


class TemplateKind(models.TextChoices):
    CASE_RATING = "case_rating", _("Rating of a handled case")
    SIPAS = "sipas", _("SIPAS-style survey")
    PAPI = "papi", _("PAPI-style survey")
    CUSTOM = "custom", _("Custom survey")


class Source(models.TextChoices):
    """Where a response came from."""

    CASE_RATING = "case_rating", _("Case rating (private link)")
    WEB = "web", _("Web or QR form")
    PAPER = "paper", _("Paper form keyed in by staff")
    API = "api", _("Partner API")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ScopeKind(models.TextChoices):
    """What an index is computed for."""

    ORGANIZATION = "organization", _("Body")
    UNIT = "unit", _("Place (commune)")
    SERVICE = "service", _("Service")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Flag(models.TextChoices):
    """Why a response looks implausible (kept, counted apart, reviewed by staff)."""

    TOO_FAST = "too_fast", _("Answered faster than a person can read the form")
    BURST = "burst", _("Many answers from one device in a short time")
