"""The public shell and the operator pages. Thin: parse, call one selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import ratelimit, tabular
from danvan.core.errors import NotFound
from danvan.org import permissions, selectors, services
from danvan.org.choices import UnitEra, UnitLevel
from danvan.ui.registry import home_cards_for
from danvan.web.forms import OrganizationImportForm, PlaceResolveForm, UnitSearchForm

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def home(request: HttpRequest) -> HttpResponse:
    context = {"roles": permissions.roles_of(request.user), "home_cards": home_cards_for(request.user)}
    return render(request, "web/home.html", context)


class LoginView(auth_views.LoginView):
    """Django's login. Password guessing is stopped by django-axes (per account and address, and per
    address at a higher threshold: danvan/web/lockout.py), the same for the admin login."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True


def _require_operator(request: HttpRequest, action: str = permissions.BROWSE_UNITS) -> None:
    # Pages an officer may not use answer "not found", like pages that do not exist.
    if not permissions.user_may(request.user, action):
        raise Http404


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    form = UnitSearchForm(request.GET or None)
    filters: dict[str, Any] = {"era": UnitEra.CURRENT}
    if form.is_valid():
        filters = {
            "query": form.cleaned_data["q"],
            "era": form.cleaned_data["era"] or UnitEra.CURRENT,
            "level": form.cleaned_data["level"],
            "province_code": form.cleaned_data["province"].code if form.cleaned_data["province"] else None,
        }
    page = _page(request, selectors.unit_search(**filters))
    return render(request, "web/unit_list.html", {"form": form, "page": page})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_operator(request)
    try:
        unit = selectors.unit_get(pk=pk)
    except NotFound:
        raise Http404 from None
    context: dict[str, Any] = {"unit": unit}
    if unit.era == UnitEra.CURRENT:
        context["predecessors"] = selectors.unit_predecessors(unit)
        if unit.level == UnitLevel.PROVINCE:
            context["children"] = unit.children.order_by("search_name")
        context["organizations"] = selectors.organization_list_for(user=request.user, unit_id=unit.pk)
    else:
        context["successors"] = selectors.unit_successors(unit)
        if unit.level != UnitLevel.COMMUNE:
            context["children"] = unit.children.order_by("search_name")
    return render(request, "web/unit_detail.html", context)


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, permissions.VIEW_ORGANIZATION):
        raise Http404
    query = request.GET.get("q", "")[:100]
    orgs = selectors.organization_list_for(user=request.user, query=query)
    return render(
        request,
        "web/organization_list.html",
        {
            "page": _page(request, orgs),
            "q": query,
            "may_import": permissions.user_may(request.user, permissions.IMPORT_ORGANIZATIONS),
        },
    )


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        org = selectors.organization_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    context = {
        "org": org,
        "children": selectors.organization_children(org),
        "ancestors": selectors.organization_list_for(user=request.user).filter(
            pk__in=[int(p) for p in org.path.strip("/").split("/")[:-1] if p]
        ),
        **selectors.organization_people(org),
    }
    return render(request, "web/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_import(request: HttpRequest) -> HttpResponse:
    _require_operator(request, permissions.IMPORT_ORGANIZATIONS)
    form = OrganizationImportForm(request.POST or None, request.FILES or None)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_IMPORT_BYTES:
                raise tabular.FileError(_("The file is larger than 5 MB."))
            rows = tabular.read_file(upload.name, upload.read())
        except tabular.FileError as exc:
            file_error = str(exc)
        else:
            report = services.organizations_import(actor=request.user, rows=rows, reason=form.cleaned_data["reason"])
            if report.ok:
                messages.success(
                    request,
                    _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                    % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
                )
                return redirect("web:organization_list")
    return render(
        request,
        "web/organization_import.html",
        {"form": form, "report": report, "file_error": file_error, "columns": tabular.COLUMNS},
        status=400 if (report and not report.ok) or file_error else 200,
    )


@login_required
def organization_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_operator(request, permissions.IMPORT_ORGANIZATIONS)
    rows = selectors.organization_export_rows(user=request.user)
    if fmt == "csv":
        response = HttpResponse(tabular.write_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            tabular.write_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="co-quan.{fmt}"'
    return response


def place_resolve(request: HttpRequest) -> HttpResponse:
    """Public: anyone may check which current commune an old or new address belongs to."""
    form = PlaceResolveForm(request.GET or None)
    resolution = None
    if form.is_valid():
        verdict = ratelimit.hit("place", _client(request), limit=60, window_seconds=60)
        if not verdict.allowed:
            response = render(request, "ui/too_many.html", {"retry_after_minutes": 1}, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        from danvan.org.resolver_data import place_resolve as resolve_place_text

        resolution = resolve_place_text(form.cleaned_data["q"])
    return render(request, "web/place_resolve.html", {"form": form, "resolution": resolution})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 400 page (``handler400``): a request Django cannot read (a form body that is not UTF-8, a
    malformed upload). Touches neither the body nor the session, which may be what failed."""
    title, text = _("Bad request"), _("The request could not be read. Go back and send the form again.")
    page = f'<!doctype html><html lang="{escape(get_language() or "vi")}"><meta charset="utf-8"><title>{escape(title)}</title>'
    return HttpResponseBadRequest(f"{page}<h1>{escape(title)}</h1><p>{escape(text)}</p></html>")


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
