"""The public side of satisfaction (legal-spec §8): the ranking, a body's page, rating a case, a survey.

Thin views over ``surveys.selectors`` and ``surveys.services``. Two things are HTTP's and live here:
what may be published — a stored index only when its sample reached the methodology's minimum; never
a comment or a single response — and the secrets in URLs: a rating link carries its token, so its
pages send ``Referrer-Policy: same-origin`` (no other site ever gets the URL) and no log line written here ever holds it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core import clock, periods
from danvan.core.errors import DomainError, NotFound
from danvan.core.periods import Period
from danvan.surveys import selectors
from danvan.surveys.choices import PeriodKind, ScopeKind
from danvan.surveys.forms.public import (
    AnswersForm,
    CampaignForm,
    FormTokenExpired,
    PeriodForm,
    PeriodQuery,
    RankingForm,
    answers_initial,
    form_token_new,
    form_token_read,
    localized_name,
    period_text,
)
from danvan.surveys.models import Campaign, SurveyTemplate
from danvan.surveys.services import invitations, responses
from danvan.ui import charts, limits
from danvan.ui.downloads import require_table_format, table_download

PAGE_SIZE = 50
# Rate limits: the rules "survey_rating" and "survey_form" of ui.limits (settings.DANVAN_RATE_LIMITS).
# The per-device limit of a campaign counts the one device cookie of ui.limits. A browser that still holds
# the questionnaire's former cookie of its own keeps that value (moved into the signed cookie once), so the
# answers it already sent still count.
LEGACY_DEVICE_COOKIE = "dv_device"
_LEGACY_DEVICE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
TREND_MONTHS = 12


def _no_referrer(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The page's URL holds a secret: the browser must not send it to any other site.

    ``same-origin`` rather than ``no-referrer``: under ``no-referrer`` browsers post with
    ``Origin: null``, which CSRF protection (rightly) refuses, and our own server already knows the URL.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _methodology_note(template: SurveyTemplate) -> dict[str, Any]:
    methodology = template.methodology
    return {
        "methodology": methodology,
        "min_sample": methodology.min_sample,
        "confidence_pct": round(methodology.confidence * 100),
        "unverified": methodology.mark == "U" or template.mark == "U",
    }


# The ranking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankingLine:
    """One row as the page and the export show it. ``index`` is None when the sample is too small."""

    rank: int | None
    best: int | None
    worst: int | None
    name: str
    place: str
    href: str
    index: float | None
    lower: float | None
    upper: float | None
    respondents: int

    @property
    def rank_uncertain(self) -> bool:
        return self.rank is not None and self.best != self.worst


def _line(row: selectors.RankingRow, query: PeriodQuery) -> RankingLine:
    snapshot = row.snapshot
    href, place = "", ""
    if snapshot.scope_kind == ScopeKind.ORGANIZATION and snapshot.organization is not None:
        org = snapshot.organization
        name = org.name
        place = org.unit.name if org.unit is not None else ""
        if org.is_active:
            href = f"{reverse('surveys:satisfaction_body', args=[org.pk])}?{urlencode(query.params(with_place=False))}"
    elif snapshot.unit is not None:
        name = snapshot.unit.name
    else:
        name = snapshot.scope_key
    ranked, score = row.ranked, row.score  # under the minimum sample: the count, no rank, no number
    return RankingLine(
        rank=ranked.rank if ranked else None,
        best=ranked.best if ranked else None,
        worst=ranked.worst if ranked else None,
        name=name,
        place=place,
        href=href,
        index=score.index if ranked else None,
        lower=score.lower if ranked else None,
        upper=score.upper if ranked else None,
        respondents=score.n,
    )


def _ranking_query(request: HttpRequest) -> tuple[RankingForm, PeriodQuery]:
    form = RankingForm(request.GET or None, today=clock.today())
    form.is_valid()
    return form, form.query()


def _ranking_rows(query: PeriodQuery) -> selectors.RankingRows:
    assert query.template is not None
    return selectors.ranking(
        query.template,
        query.period_kind,
        query.period_start,
        province_id=query.province.pk if query.province else None,
        scope_kind=query.scope_kind,
    )


def _ranking_lines(query: PeriodQuery) -> list[RankingLine]:
    return [_line(row, query) for row in _ranking_rows(query)]


@require_GET
def satisfaction_ranking(request: HttpRequest) -> HttpResponse:
    """Bodies (or communes) by their satisfaction index, with the uncertainty of each rank."""
    form, query = _ranking_query(request)
    context: dict[str, Any] = {"form": form, "query": query}
    if query.template is None:
        return render(request, "surveys/public/ranking.html", context)
    # The page's rows only are loaded in full (selectors.RankingRows).
    page: Any = Paginator(_ranking_rows(query), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [_line(row, query) for row in page.object_list]
    ranked = [line for line in page if line.index is not None]
    title = _("Satisfaction index, %(period)s") % {"period": query.period_label}
    context |= {
        "page": page,
        "chart": charts.bars_with_intervals(
            [charts.BarRow(line.name, line.index, line.lower, line.upper, line.href) for line in ranked], title=title
        )
        if ranked
        else "",
        "chart_title": title,
        "export_query": urlencode(query.params()),
        "any_too_few": any(line.index is None for line in page),
        **_methodology_note(query.template),
    }
    return render(request, "surveys/public/ranking.html", context)


def _export_table(lines: list[RankingLine]) -> tuple[list[str], list[list[Any]]]:
    header = [_("Rank"), _("Best possible rank"), _("Worst possible rank"), _("Name"), _("Place"),
              _("Index"), _("Lower bound (95%)"), _("Upper bound (95%)"), _("Respondents"), _("Note")]  # fmt: skip
    too_few = _("Too few responses")
    body = [
        [line.rank, line.best, line.worst, line.name, line.place, line.index, line.lower, line.upper,
         line.respondents, "" if line.index is not None else too_few]
        for line in lines
    ]  # fmt: skip
    return header, body


@require_GET
def satisfaction_ranking_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The ranking as a file: the same rows and figures as the page, every page of it, nothing more."""
    require_table_format(fmt)
    _form, query = _ranking_query(request)
    if query.template is None:
        raise Http404
    header, body = _export_table(_ranking_lines(query))
    name = f"hai-long-{query.template.code}-{query.params()['period']}.{fmt}"
    return table_download(fmt, header, body, sheet="hai_long", filename=name)


# A body's page ----------------------------------------------------------------------------------


def _months_ending(last: dt.date, count: int) -> list[Period]:
    months = [Period.holding(periods.MONTH, last)]
    while len(months) < count:
        months.insert(0, months[0].previous())
    return months


@dataclass(frozen=True)
class FactorLine:
    name: str
    index: float | None
    lower: float | None
    upper: float | None
    n: int


@require_GET
def satisfaction_body(request: HttpRequest, pk: int) -> HttpResponse:
    """One body: its index over the last twelve months, and the chosen period's factors."""
    org = selectors.body_public(pk)
    if org is None:
        raise Http404
    form = PeriodForm(request.GET or None, today=clock.today())
    form.is_valid()
    query = form.query()
    context: dict[str, Any] = {"org": org, "form": form, "query": query}
    template = query.template
    if template is None:
        return render(request, "surveys/public/body.html", context)
    key = str(org.pk)
    snapshot = selectors.snapshot_for(template, scope_kind=ScopeKind.ORGANIZATION, scope_key=key,
                                      period_kind=query.period_kind, period_start=query.period_start)  # fmt: skip
    last_day = min(query.period_end, clock.today())
    monthly = selectors.trend(template, scope_kind=ScopeKind.ORGANIZATION, scope_key=key,
                              period_kind=PeriodKind.MONTH, last=TREND_MONTHS, until=last_day)  # fmt: skip
    by_month = {s.period_start: s for s in monthly}
    months = _months_ending(last_day, TREND_MONTHS)
    trend = [(by_month.get(month.start), selectors.published_snapshot(by_month.get(month.start))) for month in months]
    points = [charts.TrendPoint(month.label, score.index, score.lower, score.upper)
              for month, (_s, score) in zip(months, trend, strict=True)]  # fmt: skip
    score = selectors.published_snapshot(snapshot)
    factors: list[FactorLine] = []
    published_factors = selectors.published_factors(snapshot) if score.shown else None
    if published_factors is not None:
        for factor in selectors.template_factors(template):
            part = published_factors.get(factor.code) or selectors.Published(None, None, None, 0)
            factors.append(FactorLine(localized_name(factor), part.index, part.lower, part.upper, part.n))
    context |= {
        "score": score,
        "published": score.shown,
        "respondents": score.n,
        "trend_chart": charts.trend_lines(
            points, title=_("Satisfaction index by month: %(body)s") % {"body": org.name}
        ) if any(p.value is not None for p in points) else "",
        "trend_rows": [
            {"label": period_text(month), "published": score.shown, "stored": s is not None, "score": score}
            for month, (s, score) in zip(months, trend, strict=True)
        ],
        "factors": factors,
        "factor_chart": charts.bars_with_intervals(
            [charts.BarRow(f.name, f.index, f.lower, f.upper) for f in factors],
            title=_("Index by factor, %(period)s") % {"period": query.period_label},
        ) if factors else "",
        "ranking_query": urlencode(query.params(with_place=False)),
        **_methodology_note(template),
    }  # fmt: skip
    return render(request, "surveys/public/body.html", context)


# Rating a case ----------------------------------------------------------------------------------


RATING_LINK = "surveys_rating_link"  # session: the token of the rating link last opened in this browser


def rating_url(case_id: int) -> str:
    """The path of a case's rating link (the token is derived from the case id)."""
    return f"{reverse('surveys:case_rating')}?{urlencode({'k': invitations.rating_token(case_id)})}"


def rating_link_for_case(case_id: int) -> str:
    """The rating link to show on a case's private page, once the case has been answered; else ""."""
    if not selectors.case_rating_offered(case_id):
        return ""
    return rating_url(case_id)


def rating_qr_svg(absolute_url: str, *, title: str) -> SafeString:
    """A small inline SVG QR of a (rating) link, for a printed receipt."""
    import segno

    svg = segno.make(absolute_url, error="m").svg_inline(scale=3, title=title, svgclass="qr-code", omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno escapes the title; the rest is numbers


@never_cache
@_no_referrer
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def case_rating(request: HttpRequest) -> HttpResponse:
    """``/danh-gia/?k=<token>``: the citizen rates how their case was handled. No account needed."""
    if request.method == "POST":
        refused = limits.hit(request, "survey_rating")
        if refused is not None:
            return refused
    from_link = request.method == "GET" and "k" in request.GET
    token = (request.POST.get("k") or request.GET.get("k") or request.session.get(RATING_LINK) or "").strip()[:100]
    state = invitations.rating_state(token) if token else invitations.RatingState("unknown")
    if state.state == "unknown" or state.invitation is None:
        return render(request, "surveys/public/rating_unknown.html", status=404)
    if from_link:
        # The link (email, SMS, QR) holds the token: kept in the session, and the page is shown at
        # /danh-gia/ without it, so that it leaves the address bar, the history and the access logs.
        request.session[RATING_LINK] = token
        return HttpResponseRedirect(reverse("surveys:case_rating"), status=303)
    invitation = state.invitation
    context: dict[str, Any] = {"invitation": invitation, "body": invitation.organization, "token": token}
    if state.state == "expired":
        return render(request, "surveys/public/rating_closed.html", {**context, "expired": True}, status=410)
    if state.state == "closed":
        return render(request, "surveys/public/rating_closed.html", context)
    questions = responses.questions_for(invitation.template, track=invitation.service)
    editable_until = state.response.editable_until if state.response is not None else None
    if request.method != "POST":
        initial: dict[str, Any] = {}
        if state.response is not None:
            initial = answers_initial(state.response.answers.select_related("criterion"))
            initial["comment"] = state.response.comment
        form = AnswersForm(questions=questions, initial=initial)
        return render(
            request, "surveys/public/rating.html", {**context, "form": form, "editable_until": editable_until}
        )
    form = AnswersForm(request.POST, questions=questions)
    if form.is_valid():
        try:
            response = responses.rating_submit(token=token, answers=form.answers(),
                                               comment=form.cleaned_data["comment"])  # fmt: skip
        except NotFound:
            return render(request, "surveys/public/rating_unknown.html", status=404)
        except DomainError as exc:
            form.refused(exc)
        else:
            return render(request, "surveys/public/rating_thanks.html",
                          {**context, "changed": state.state == "editable",
                           "editable_until": response.editable_until})  # fmt: skip
    return render(request, "surveys/public/rating.html", {**context, "form": form, "editable_until": editable_until},
                  status=400)  # fmt: skip


# A campaign's questionnaire ----------------------------------------------------------------------


def _campaign(code: str) -> Campaign:
    campaign = selectors.campaign_public(code)
    if campaign is None:
        raise Http404
    return campaign


def _device(request: HttpRequest) -> tuple[str, bool]:
    """This browser's device id (``ui.limits``' signed cookie), and whether it must be set."""
    device = limits.device_of(request)
    if device:
        return device, False
    legacy = request.COOKIES.get(LEGACY_DEVICE_COOKIE, "")
    return (legacy if _LEGACY_DEVICE.match(legacy) else limits.device_new()), True


def _with_device(request: HttpRequest, response: HttpResponse, device: str, new: bool) -> HttpResponse:
    if new:
        limits.device_cookie_set(request, response, device)
        if LEGACY_DEVICE_COOKIE in request.COOKIES:
            response.delete_cookie(LEGACY_DEVICE_COOKIE, samesite="Lax")
    return response


def _survey_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "surveys/public/survey_form.html", context, status=status)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def survey_form(request: HttpRequest, code: str, org_id: int | None = None) -> HttpResponse:
    """``/khao-sat/<code>/[<body>/]``: a campaign's questionnaire, reached by its QR code."""
    campaign = _campaign(code)
    if not campaign.is_open_on(clock.today()):
        return render(request, "surveys/public/survey_closed.html", {"campaign": campaign})
    bodies = selectors.campaign_bodies(campaign)
    if org_id is None and len(bodies) > 1:
        return render(request, "surveys/public/survey_choose.html", {"campaign": campaign, "bodies": bodies})
    body = next((b for b in bodies if b.pk == org_id), None) if org_id is not None else next(iter(bodies), None)
    if org_id is not None and body is None:
        raise Http404
    device, new_device = _device(request)
    questions = responses.questions_for(campaign.template)
    context: dict[str, Any] = {"campaign": campaign, "body": body}
    if request.method != "POST":
        form = CampaignForm(questions=questions, initial={"form_token": form_token_new(campaign.code)})
        return _with_device(request, _survey_page(request, {**context, "form": form}), device, new_device)
    refused = limits.hit(request, "survey_form", body=body)
    if refused is not None:
        return refused
    data = request.POST.copy()
    try:
        token = form_token_read(data.get("form_token", ""), campaign.code)
    except FormTokenExpired:
        token = None
        data["form_token"] = form_token_new(campaign.code)  # so the kept answers can be sent again
    form = CampaignForm(data, questions=questions)
    if form.is_valid():
        if token is None:
            form.add_error(None, _("This form was opened more than two hours ago. Your answers are kept below: "
                                   "check them and send again."))  # fmt: skip
        else:
            try:
                _response, created = responses.campaign_submit(
                    campaign=campaign, organization_id=body.pk if body else None, answers=form.answers(),
                    comment=form.cleaned_data["comment"], nonce=token.nonce, device=device,
                    started_at=token.started_at,
                )  # fmt: skip
            except DomainError as exc:
                form.refused(exc)
            else:
                thanks = render(request, "surveys/public/survey_thanks.html", {**context, "created": created})
                return _with_device(request, thanks, device, new_device)
    return _with_device(request, _survey_page(request, {**context, "form": form}, status=400), device, new_device)


@require_GET
def survey_qr(request: HttpRequest, code: str, org_id: int) -> HttpResponse:
    """The QR code of a body's questionnaire, as SVG, for staff to print and put up at the counter."""
    import segno

    campaign = _campaign(code)
    if not selectors.campaign_covers(campaign, org_id):
        raise Http404
    url = request.build_absolute_uri(reverse("surveys:survey_form", args=[campaign.code, org_id]))
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, border=4, title=campaign.title)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="khao-sat-{campaign.code}-{org_id}.svg"'
    return response
