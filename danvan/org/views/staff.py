"""Org's officers' pages: administrative units, bodies, the bodies' file (import and export).

Thin: parse, call one selector or service, render. A page an officer may not use answers "not
found", like a page that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import tabular
from danvan.core.errors import NotFound
from danvan.org import permissions, selectors, services
from danvan.org.choices import UnitEra
from danvan.org.forms.staff import OrganizationImportForm, UnitSearchForm

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _require(request: HttpRequest, action: str = permissions.BROWSE_UNITS) -> None:
    if not permissions.user_may(request.user, action):
        raise Http404


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    _require(request)
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
    return render(request, "org/staff/unit_list.html", {"form": form, "page": page})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    try:
        context = selectors.unit_overview(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "org/staff/unit_detail.html", context)


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    _require(request, permissions.VIEW_ORGANIZATION)
    query = request.GET.get("q", "")[:100]
    orgs = selectors.organization_list_for(user=request.user, query=query)
    return render(
        request,
        "org/staff/organization_list.html",
        {
            "page": _page(request, orgs),
            "q": query,
            "may_import": permissions.user_may(request.user, permissions.IMPORT_ORGANIZATIONS),
        },
    )


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        context = selectors.organization_overview(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "org/staff/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_import(request: HttpRequest) -> HttpResponse:
    _require(request, permissions.IMPORT_ORGANIZATIONS)
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
                return redirect("org:organization_list")
    return render(
        request,
        "org/staff/organization_import.html",
        {"form": form, "report": report, "file_error": file_error, "columns": tabular.COLUMNS},
        status=400 if (report and not report.ok) or file_error else 200,
    )


@login_required
def organization_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require(request, permissions.IMPORT_ORGANIZATIONS)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = selectors.organization_export_rows(user=request.user)
    if fmt == "csv":
        response = HttpResponse(tabular.write_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            tabular.write_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="co-quan.{fmt}"'
    return response
