"""The satisfaction API's request and response bodies (documented in the OpenAPI schema).

The class names are the schema's component names: kept as they were when they lived in ``rest.schemas``.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from danvan.rest.schemas import MAX_ID, TEXT_LIMIT, Input, Page
from danvan.surveys.choices import Aspect


class Methodology(Schema):
    """The versioned rules that turn answers into an index."""

    code: str
    version: int
    name: str
    mark: str = Field(..., description="Source mark of the formula: V verified, S single source, U unverified")
    satisfied_values: list[int] = Field(..., description="Answers that count as satisfied")
    excluded_values: list[int] = Field(..., description="Answers left out of the index (0: no opinion)")
    min_sample: int = Field(..., description="Fewer respondents than this: no index is published")
    confidence: float = Field(..., description="Confidence level of the intervals")


class SurveyFactor(Schema):
    code: str
    name: str
    name_en: str


class SurveyCriterion(Schema):
    """One question, asked in each of its aspects."""

    code: str
    text: str
    text_en: str
    aspects: list[str] = Field(..., description="assessment, satisfaction (required) and/or expectation (a tick)")
    factor: str | None = Field(..., description="The factor's code; null: the overall question")
    tracks: list[str] = Field(..., description="Case tracks the question applies to; empty: every track")


class ScaleValue(Schema):
    value: int
    label: str


class SurveyTemplateOut(Schema):
    code: str
    kind: str
    name: str
    name_en: str
    mark: str
    edit_window_days: int = Field(..., description="Days a respondent may change a case rating; 0: never")
    is_active: bool
    methodology: Methodology
    factors: list[SurveyFactor]
    criteria: list[SurveyCriterion]
    scale: list[ScaleValue] = Field(
        ..., description="Values of assessment and satisfaction; expectation takes 1 (chosen) or 0 (not chosen)"
    )


class AnswerIn(Input):
    criterion: str = Field(..., max_length=40, description="The criterion's code")
    aspect: Aspect
    value: int = Field(..., strict=True, description="0–5 (0: no opinion); expectation: 1 chosen, 0 not")


class RatingIn(Input):
    token: str = Field(..., min_length=1, max_length=100, description="The secret of the citizen's rating link")
    answers: list[AnswerIn] = Field(..., max_length=500)
    comment: str = Field("", max_length=TEXT_LIMIT)


class RatingOut(Schema):
    created: bool = Field(..., description="false: an existing rating was changed within its edit window")
    editable_until: dt.datetime | None = Field(..., description="Until when the rating may be changed; null: never")


class CampaignResponseIn(Input):
    organization_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The body answered about: one the campaign covers (if it covers bodies)"
    )
    unit_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The place answered about: one the campaign covers (if it covers places)"
    )
    answers: list[AnswerIn] = Field(..., max_length=500)
    comment: str = Field("", max_length=TEXT_LIMIT)
    idempotency_key: str = Field(
        ..., min_length=1, max_length=80, description="The partner's id of this answer; a retry sends the same"
    )
    device_id: str = Field(
        "", max_length=200, description="An opaque id of the device (kiosk, tablet): the campaign's per-device limit"
    )


class CampaignResponseOut(Schema):
    id: int
    created: bool = Field(..., description="false: the answer with this idempotency_key was already stored")


class Period(Schema):
    kind: str
    start: dt.date
    end: dt.date
    label: str


class FactorScore(Schema):
    code: str
    index: float | None
    lower: float | None
    upper: float | None
    n: int = Field(..., description="Valid answers behind the score (the smallest among its criteria)")


class IndexRow(Schema):
    """One body or place. With too few respondents (``too_few``) no number is published: not the index,
    not its interval, not the factors."""

    scope: str
    id: int
    name: str
    rank: int | None = Field(..., description="Ties share a rank; null: too few respondents to rank")
    rank_best: int | None = Field(..., description="The best rank the confidence intervals allow")
    rank_worst: int | None = Field(..., description="The worst rank the confidence intervals allow")
    index: float | None
    lower: float | None
    upper: float | None
    respondents: int
    too_few: bool
    factors: list[FactorScore] | None


class IndexPage(Page):
    template: str
    methodology: Methodology
    period: Period
    results: list[IndexRow]


class TrendPoint(Schema):
    period: Period
    index: float | None
    lower: float | None
    upper: float | None
    respondents: int
    too_few: bool


class OrganizationIndex(Schema):
    id: int
    name: str
    template: str
    methodology: Methodology
    period: Period
    current: TrendPoint | None = Field(..., description="The chosen period; null when it has no answers")
    factors: list[FactorScore] | None = Field(..., description="The chosen period's factors; null when too few")
    trend: list[TrendPoint] = Field(..., description="The last 12 months with answers, oldest first")
