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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core import clock, parsing, periods
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.periods import Period
from danvan.org import permissions
from danvan.org.models import Organization
from danvan.surveys import permissions as sp
from danvan.surveys import selectors
from danvan.surveys.choices import ScopeKind, TemplateKind
from danvan.surveys.forms.staff import (
    SCOPE_BODY,
    SCOPE_TREE,
    DashboardForm,
    FlagClearForm,
    PaperForm,
    period_current,
)
from danvan.surveys.models import Campaign, Factor, SurveyTemplate
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
                  "template": self.template.code, "period": str(self.period), **extra}  # fmt: skip
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _selection(request: HttpRequest) -> Selection:
    user = request.user
    if not permissions.user_may(user, sp.VIEW_RESULTS):
        raise Http404
    bodies = selectors.results_scope(user)
    first = bodies.first()
    template = selectors.template_default()
    if first is None or template is None:
        raise Http404
    today = clock.today()
    # Missing parameters take their defaults, so the form always shows what the page shows.
    defaults = {"body": str(first.pk), "scope": SCOPE_TREE, "template": template.code,
                "period": str(period_current(today))}  # fmt: skip
    data = {key: request.GET.get(key) or value for key, value in defaults.items()}
    form = DashboardForm(data, bodies=bodies, today=today)
    form.is_valid()
    if "body" in form.errors:
        raise Http404  # outside the user's scope, or no such body: the same answer
    org: Organization = form.cleaned_data["body"]
    template = form.cleaned_data.get("template") or template
    period = form.cleaned_data.get("period") or period_current(today)
    subtree = form.cleaned_data.get("scope", SCOPE_TREE) != SCOPE_BODY
    ids = selectors.subtree_ids(bodies, org) if subtree else [org.pk]
    factor = selectors.template_factor(template, request.GET.get("factor", ""))
    return Selection(form, org, subtree, ids, template, period, factor)


# The numbers --------------------------------------------------------------------------------------------------


Shown = selectors.Published  # a score as a page may show it (the minimum-sample rule applied)


def tenth(value: float | None) -> float | None:
    """Rounded half up to one decimal, as the ``floatformat`` filter rounds the tables beside a chart."""
    return None if value is None else float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def bar(label: str, s: Shown, href: str = "") -> charts.BarRow:
    return charts.BarRow(label, tenth(s.index), tenth(s.lower), tenth(s.upper), href)


def numbers(sel: Selection) -> selectors.DashboardNumbers:
    return selectors.dashboard_numbers(sel.template, sel.period, organization_ids=sel.ids, factor=sel.factor)


def _comments(user: Any, sel: Selection) -> selectors.LowScoreComments | None:
    """Comments behind low scores; None when the user may not read them on this body."""
    if not permissions.user_may(user, sp.VIEW_COMMENTS, sel.org):
        return None
    return selectors.low_score_comments(
        sel.template, sel.period.start, sel.period.end,
        organization_ids=selectors.comment_readable_ids(user, sel.ids),
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
        TrendRow(Period(s.period_kind, s.period_start).label, selectors.published_snapshot(s), s.too_few)
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
    comments = _comments(request.user, sel)
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


def export_rows(sel: Selection, nums: selectors.DashboardNumbers) -> list[list[Any]]:
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
    rows += [row("criterion", c.code, c.text, selectors.published_score(result.criteria.get(c.code), too_few=result.too_few), respondents)
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
                          filename=f"hai-long-{sel.org.pk}-{sel.period}.{fmt}")  # fmt: skip


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
                       "period": str(Period.holding(periods.YEAR, campaign.starts_on))})  # fmt: skip
    return f"{reverse('surveys:satisfaction_dashboard')}?{query}"


@login_required
@never_cache
@require_GET
def survey_campaigns(request: HttpRequest) -> HttpResponse:
    """Campaigns organised by a body in the user's scope for paper entry, flag review or results."""
    user = request.user
    if not _may_any_campaign_action(user):
        raise Http404
    page = Paginator(selectors.campaign_list_for(user, CAMPAIGN_ACTIONS), PAGE_SIZE).get_page(request.GET.get("page"))
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
    try:
        return selectors.campaign_get_for(request.user, code, action)
    except NotFound:
        raise Http404 from None


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
    keyed = selectors.campaign_paper_count(campaign)
    return render(request, "surveys/staff/paper_entry.html",
                  {"campaign": campaign, "form": form, "groups": form.question_groups(), "keyed": keyed},
                  status=status)  # fmt: skip


# Flag review ----------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def survey_flags(request: HttpRequest, code: str) -> HttpResponse:
    campaign = _campaign_for(request, code, sp.REVIEW_FLAGS)
    if request.method == "POST":
        form = FlagClearForm(request.POST)
        if not form.is_valid():
            raise Http404
        try:
            responses.campaign_flag_clear(
                actor=request.user, campaign=campaign, response_id=form.cleaned_data["response"]
            )
        except (NotFound, PermissionDenied):
            raise Http404 from None
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The answer counts in the index again."))
        return redirect("surveys:survey_flags", code=campaign.code)
    page = Paginator(selectors.campaign_flagged(campaign), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/staff/flags.html", {"campaign": campaign, "page": page})
