"""The staff side of satisfaction: the head's dashboard and its export, the campaigns, paper entry, flags.

Thin over ``danvan.surveys``: the numbers come from its selectors, every write from its services
(which check the permission again and audit). A body, campaign or page the user may not see answers
404, exactly like one that does not exist. The sample rule holds for staff too: below the
methodology's minimum number of respondents no index, interval or comment is shown, only counts.
Pages carrying comments are never cached.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org import permissions
from danvan.org.models import Organization
from danvan.surveys import indices, selectors
from danvan.surveys import permissions as sp
from danvan.surveys.choices import ScopeKind, TemplateKind
from danvan.surveys.forms.staff import (
    DEFAULT_TEMPLATE,
    SCOPE_BODY,
    SCOPE_TREE,
    DashboardForm,
    FlagClearForm,
    PaperForm,
    Period,
    period_current,
)
from danvan.surveys.models import Campaign, Criterion, Factor, Response, SurveyTemplate
from danvan.surveys.services import responses
from danvan.ui import charts
from danvan.ui.downloads import require_table_format, table_download

PAGE_SIZE = 50
COMMENTS_SHOWN = 30


# What the user asked to see ---------------------------------------------------------------------------------


@dataclass
class Selection:
    form: DashboardForm
    org: Organization
    subtree: bool
    ids: list[int]  # the bodies counted: ``org`` or, with its subtree, those of them in the user's scope
    template: SurveyTemplate
    period: Period
    factor: Factor | None

    def query(self, **extra: Any) -> str:
        params = {"body": self.org.pk, "scope": SCOPE_TREE if self.subtree else SCOPE_BODY,
                  "template": self.template.code, "period": self.period.key, **extra}  # fmt: skip
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def results_scope(user: Any) -> QuerySet[Organization]:
    """The bodies whose results ``user`` may read, in tree order."""
    return Organization.objects.filter(permissions.scope_filter(user, sp.VIEW_RESULTS)).order_by("path")


def _default_template() -> SurveyTemplate | None:
    active = SurveyTemplate.objects.filter(is_active=True).select_related("methodology")
    return active.filter(code=DEFAULT_TEMPLATE).first() or active.order_by("code").first()


def _selection(request: HttpRequest) -> Selection:
    user = request.user
    if not permissions.user_may(user, sp.VIEW_RESULTS):
        raise Http404
    bodies = results_scope(user)
    first = bodies.first()
    template = _default_template()
    if first is None or template is None:
        raise Http404
    today = clock.today()
    # Missing parameters take their defaults, so the form always shows what the page shows.
    defaults = {"body": str(first.pk), "scope": SCOPE_TREE, "template": template.code,
                "period": period_current(today).key}  # fmt: skip
    data = {key: request.GET.get(key) or value for key, value in defaults.items()}
    form = DashboardForm(data, bodies=bodies, today=today)
    form.is_valid()
    if "body" in form.errors:
        raise Http404  # outside the user's scope, or no such body: the same answer
    org: Organization = form.cleaned_data["body"]
    template = form.cleaned_data.get("template") or template
    period = form.cleaned_data.get("period") or period_current(today)
    subtree = form.cleaned_data.get("scope", SCOPE_TREE) != SCOPE_BODY
    ids = list(bodies.filter(path__startswith=org.path).values_list("pk", flat=True)) if subtree else [org.pk]
    code = request.GET.get("factor", "")
    factor = template.factors.filter(code=code).first() if code else None
    return Selection(form, org, subtree, ids, template, period, factor)


# The numbers --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A score as a page may show it: without index and interval when the sample is too small."""

    index: float | None
    lower: float | None
    upper: float | None
    n: int


def tenth(value: float | None) -> float | None:
    """Rounded half up to one decimal, as the ``floatformat`` filter rounds the tables beside a chart."""
    return None if value is None else float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def bar(label: str, s: Shown, href: str = "") -> charts.BarRow:
    return charts.BarRow(label, tenth(s.index), tenth(s.lower), tenth(s.upper), href)


def shown(score: indices.Score | None, too_few: bool) -> Shown:
    if score is None:
        return Shown(None, None, None, 0)
    if too_few:
        return Shown(None, None, None, score.n)
    return Shown(score.index, score.lower, score.upper, score.n)


@dataclass
class Numbers:
    result: indices.IndexResult
    overall: Shown
    general: list[tuple[Criterion, Shown]]  # questions outside the factors (the overall question)
    factors: list[tuple[Factor, Shown]]
    criteria: list[tuple[Criterion, Shown]]  # of the factor drilled into
    bodies: list[tuple[Organization, indices.IndexResult, Shown]] = field(default_factory=list)
    officials: list[tuple[Any, indices.IndexResult, Shown]] = field(default_factory=list)
    expectations: list[tuple[Criterion, int, float | None]] = field(default_factory=list)


def numbers(sel: Selection) -> Numbers:
    """Every aggregate of the dashboard, from the surveys selectors. No comment, no single response."""
    t, start, end, ids = sel.template, sel.period.start, sel.period.end, sel.ids
    result = selectors.combined_index(t, start, end, organization_ids=ids)
    few = result.too_few
    criteria = list(t.criteria.select_related("factor").order_by("sort_order", "code"))
    nums = Numbers(
        result=result,
        overall=shown(result.overall, few),
        general=[(c, shown(result.criteria.get(c.code), few)) for c in criteria if c.factor_id is None],
        factors=[(f, shown(result.factors.get(f.code), few)) for f in t.factors.order_by("sort_order", "code")],
        criteria=[(c, shown(result.criteria.get(c.code), few)) for c in criteria if sel.factor and c.factor_id == sel.factor.pk],
    )  # fmt: skip
    if len(ids) > 1:
        per_body = selectors.indices_compute(t, start, end, scope_kind=ScopeKind.ORGANIZATION, keys=ids)
        # Bodies side by side are worth a table only when there are at least two with answers.
        names = Organization.objects.in_bulk(list(per_body)) if len(per_body) > 1 else {}
        nums.bodies = [(names[pk], r, shown(r.overall, r.too_few)) for pk, r in per_body.items() if pk in names]
        nums.bodies.sort(key=lambda row: row[0].path)
    nums.officials = [(user, r, shown(r.overall, r.too_few))
                      for user, r in selectors.by_official(t, start, end, organization_ids=ids)]  # fmt: skip
    if t.kind == TemplateKind.SIPAS:
        nums.expectations = [(c, n, None if few else share)
                             for c, n, share in selectors.expectation_shares(t, start, end, organization_ids=ids)]  # fmt: skip
    return nums


def _comments(user: Any, sel: Selection, result: indices.IndexResult) -> list[dict[str, Any]] | None:
    """Comments behind low scores; None when the user may not read them on this body."""
    if not permissions.user_may(user, sp.VIEW_COMMENTS, sel.org):
        return None
    if result.too_few:
        return []  # a handful of answers could point to who wrote them
    # Of the bodies counted, only those whose comments the user may read (a role without the subtree).
    readable = Organization.objects.filter(permissions.scope_filter(user, sp.VIEW_COMMENTS), pk__in=sel.ids)
    return selectors.low_score_comments(
        sel.template, sel.period.start, sel.period.end,
        organization_ids=list(readable.values_list("pk", flat=True)),
        factor_code=sel.factor.code if sel.factor else "", limit=COMMENTS_SHOWN,
    )  # fmt: skip


@dataclass(frozen=True)
class TrendRow:
    label: str
    shown: Shown  # ``n`` is the month's respondents
    too_few: bool


def _trend(sel: Selection) -> tuple[list[TrendRow], str]:
    until = min(sel.period.end, clock.today())  # the twelve months that end with the period chosen
    snapshots = selectors.trend(sel.template, scope_kind=ScopeKind.ORGANIZATION, scope_key=str(sel.org.pk), until=until)
    rows = [
        TrendRow(indices.period_label("month", s.period_start),
                 Shown(None, None, None, s.respondents) if s.too_few else Shown(s.index, s.lower, s.upper, s.respondents),
                 s.too_few)
        for s in snapshots
    ]  # fmt: skip
    points = [
        charts.TrendPoint(r.label, tenth(r.shown.index), tenth(r.shown.lower), tenth(r.shown.upper)) for r in rows
    ]
    title = _("Monthly index of %(body)s") % {"body": sel.org.name}
    return rows, charts.trend_lines(points, title=title)


@login_required
@never_cache
@require_GET
def satisfaction_dashboard(request: HttpRequest) -> HttpResponse:
    sel = _selection(request)
    nums = numbers(sel)
    url = reverse("surveys:satisfaction_dashboard")
    factor_rows = [(f, s, f"{url}?{sel.query(factor=f.code)}#criteria") for f, s in nums.factors]
    factor_chart = charts.bars_with_intervals([bar(f.name, s, href) for f, s, href in factor_rows],
                                              title=_("Index by factor"))  # fmt: skip
    trend_rows, trend_chart = _trend(sel)
    comments = _comments(request.user, sel, nums.result)
    body_rows = [(org, r, s, f"{url}?{sel.query(body=org.pk, scope=SCOPE_BODY)}") for org, r, s in nums.bodies]
    method = sel.template.methodology
    context = {
        "sel": sel,
        "form": sel.form,
        "nums": nums,
        "method": method,
        "confidence": round(method.confidence * 100),
        "factor_rows": factor_rows,
        "factor_chart": factor_chart,
        "trend_rows": trend_rows,
        "trend_has_index": any(row.shown.index is not None for row in trend_rows),
        "trend_chart": trend_chart,
        "comments": comments,
        "body_rows": body_rows,
        "is_sipas": sel.template.kind == TemplateKind.SIPAS,
        "all_factors_url": f"{url}?{sel.query()}",
        "export_csv": f"{reverse('surveys:satisfaction_export', args=['csv'])}?{sel.query()}",
        "export_xlsx": f"{reverse('surveys:satisfaction_export', args=['xlsx'])}?{sel.query()}",
        "may_campaigns": _may_any_campaign_action(request.user),
    }
    return render(request, "surveys/staff/dashboard.html", context)


# Export: aggregates only ---------------------------------------------------------------------------------------

EXPORT_COLUMNS = ["body", "scope", "survey", "period", "section", "code", "name", "respondents", "valid_answers",
                  "index", "lower", "upper"]  # fmt: skip


def _export_header() -> list[str]:
    return [_("Body"), _("Scope"), _("Survey"), _("Reporting period"), _("Section"), _("Code"), _("Name"), _("Respondents"),
            _("Valid answers"), _("Index (%)"), _("Interval from (%)"), _("Interval to (%)")]  # fmt: skip


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def export_rows(sel: Selection, nums: Numbers) -> list[list[Any]]:
    """One row per aggregate: overall, each question outside the factors, factor, criterion, body, official,
    expectation. Comments and single responses are never part of it."""
    scope = _("This body and the bodies under it") if sel.subtree else _("This body only")
    head = [sel.org.name, scope, sel.template.name, sel.period.label]
    respondents = nums.result.respondents

    def row(section: str, code: str, name: str, s: Shown, people: int | str = "") -> list[Any]:
        return [*head, section, code, name, people, s.n, _round(s.index), _round(s.lower), _round(s.upper)]

    criteria = {c.code: c for c in sel.template.criteria.select_related("factor")}
    result = nums.result
    rows = [row("overall", "", _("Combined index"), nums.overall, respondents)]
    rows += [row("question", c.code, c.text, s, respondents) for c, s in nums.general]
    rows += [row("factor", f.code, f.name, s, respondents) for f, s in nums.factors]
    ordered = sorted(criteria.values(), key=lambda c: ((c.factor.sort_order if c.factor else -1), c.sort_order, c.code))
    rows += [row("criterion", c.code, c.text, shown(result.criteria.get(c.code), result.too_few), respondents)
             for c in ordered if c.factor_id is not None]  # fmt: skip
    rows += [row("body", org.code, org.name, s, r.respondents) for org, r, s in nums.bodies]
    rows += [row("official", user.get_username(), user.get_full_name() or user.get_username(), s, r.respondents)
             for user, r, s in nums.officials]  # fmt: skip
    rows += [[*head, "expectation", c.code, c.text, respondents, n, _round(share), None, None]
             for c, n, share in nums.expectations]  # fmt: skip
    return rows


@login_required
@never_cache
@require_GET
def satisfaction_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    sel = _selection(request)
    rows = export_rows(sel, numbers(sel))
    return table_download(fmt, _export_header(), rows, sheet="hai_long",
                          filename=f"hai-long-{sel.org.pk}-{sel.period.key}.{fmt}")  # fmt: skip


# Campaigns ------------------------------------------------------------------------------------------------------

CAMPAIGN_ACTIONS = (sp.ENTER_PAPER, sp.REVIEW_FLAGS, sp.VIEW_RESULTS)


def _may_any_campaign_action(user: Any) -> bool:
    return any(permissions.user_may(user, action) for action in CAMPAIGN_ACTIONS)


def qr_url(campaign: Campaign, organization: Organization) -> str:
    try:
        return reverse("surveys:survey_qr", args=[campaign.code, organization.pk])
    except NoReverseMatch:  # the public pages are mounted separately; the address is fixed
        return f"/khao-sat/{campaign.code}/{organization.pk}/ma-qr.svg"


def _campaign_results_url(campaign: Campaign) -> str:
    """The dashboard over the organizing body and the bodies under it, for the campaign's template and year."""
    query = urlencode({"body": campaign.owner_id, "scope": SCOPE_TREE, "template": campaign.template.code,
                       "period": str(campaign.starts_on.year)})  # fmt: skip
    return f"{reverse('surveys:satisfaction_dashboard')}?{query}"


@login_required
@never_cache
@require_GET
def survey_campaigns(request: HttpRequest) -> HttpResponse:
    """Campaigns organised by a body in the user's scope for paper entry, flag review or results."""
    user = request.user
    if not _may_any_campaign_action(user):
        raise Http404
    scope = Q(pk__in=[])
    for action in CAMPAIGN_ACTIONS:
        scope |= permissions.scope_filter(user, action, "owner")
    campaigns = (
        Campaign.objects.filter(scope)
        .select_related("template", "owner")
        .prefetch_related(Prefetch("organizations", queryset=Organization.objects.order_by("path")))
        .annotate(n_responses=Count("responses"), n_flagged=Count("responses", filter=~Q(responses__flag="")))
        .order_by("-starts_on", "code")
    )
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for campaign in page:
        may_results = permissions.user_may(user, sp.VIEW_RESULTS, campaign)
        rows.append({
            "campaign": campaign,
            "may_enter": permissions.user_may(user, sp.ENTER_PAPER, campaign),
            "may_flags": permissions.user_may(user, sp.REVIEW_FLAGS, campaign),
            "results_url": _campaign_results_url(campaign) if may_results else "",
            "qr": [(org, qr_url(campaign, org)) for org in campaign.organizations.all()],
        })  # fmt: skip
    return render(request, "surveys/staff/campaigns.html", {"page": page, "rows": rows})


def _campaign_for(request: HttpRequest, code: str, action: str) -> Campaign:
    campaign = Campaign.objects.select_related("template__methodology", "owner").filter(code=code).first()
    if campaign is None or not permissions.user_may(request.user, action, campaign):
        raise Http404
    return campaign


# Paper entry ----------------------------------------------------------------------------------------------------

_FIELD_OF_ERROR = {"duplicate_form": "form_number", "required": "form_number", "bad_date": "answered_on",
                   "bad_target": "organization"}  # fmt: skip


def _paper_initial(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    """The next form keeps the body and the date of the last one: a clerk keys in a stack of forms at once."""
    today = clock.today()
    day = min(max(today, campaign.starts_on), campaign.ends_on)
    with contextlib.suppress(ValueError):
        day = dt.date.fromisoformat(request.GET.get("answered_on", ""))
    initial: dict[str, Any] = {"answered_on": day}
    organization = parsing.object_id(request.GET.get("organization", ""))
    if organization is not None:
        initial["organization"] = organization
    return initial


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def survey_paper_entry(request: HttpRequest, code: str) -> HttpResponse:
    campaign = _campaign_for(request, code, sp.ENTER_PAPER)
    status = 200
    if request.method == "POST":
        form = PaperForm(request.POST, campaign=campaign)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                response = responses.paper_submit(
                    actor=request.user, campaign=campaign, form_number=data["form_number"],
                    organization_id=data["organization"].pk, answers=form.answers(), comment=data["comment"],
                    answered_on=data["answered_on"],
                )  # fmt: skip
            except (NotFound, PermissionDenied):
                raise Http404 from None
            except DomainError as exc:
                form.add_error(_FIELD_OF_ERROR.get(exc.code), str(exc.message))
            else:
                messages.success(request, _("Paper form no. %(number)s has been keyed in.")
                                 % {"number": response.paper_form_number})  # fmt: skip
                keep = urlencode({"organization": data["organization"].pk,
                                  "answered_on": data["answered_on"].isoformat()})  # fmt: skip
                return redirect(f"{reverse('surveys:survey_paper_entry', args=[campaign.code])}?{keep}")
    else:
        form = PaperForm(initial=_paper_initial(request, campaign), campaign=campaign)
    keyed = Response.objects.filter(campaign=campaign).exclude(paper_form_number="").count()
    return render(request, "surveys/staff/paper_entry.html",
                  {"campaign": campaign, "form": form, "groups": form.question_groups(), "keyed": keyed},
                  status=status)  # fmt: skip


# Flag review ----------------------------------------------------------------------------------------------------


def _flagged(campaign: Campaign) -> QuerySet[Response]:
    # Only what a reviewer needs to judge: why, when, about which body. Never the device digest
    # or the comment. (A selector in danvan.surveys would be the better home for this read.)
    return (
        Response.objects.filter(campaign=campaign)
        .exclude(flag="")
        .select_related("organization")
        .only("pk", "flag", "answered_on", "source", "campaign_id", "organization__name")
        .order_by("-answered_on", "-pk")
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def survey_flags(request: HttpRequest, code: str) -> HttpResponse:
    campaign = _campaign_for(request, code, sp.REVIEW_FLAGS)
    if request.method == "POST":
        form = FlagClearForm(request.POST)
        if not form.is_valid():
            raise Http404
        response = (
            Response.objects.select_related("campaign__owner")
            .filter(campaign=campaign, pk=form.cleaned_data["response"])
            .first()
        )
        if response is None:
            raise Http404
        try:
            responses.flag_clear(actor=request.user, response=response)
        except PermissionDenied:
            raise Http404 from None
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The answer counts in the index again."))
        return redirect("surveys:survey_flags", code=campaign.code)
    page = Paginator(_flagged(campaign), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/staff/flags.html", {"campaign": campaign, "page": page})
