"""The yearly community conference's pages (Art. 33). Staff (HOLD_CONFERENCES): the list by commune,
village and year with the villages still to hold this year's conference; the record form, prefilled
with the village's decided matters; a conference's page where an item's execution is updated; the
printable record in the NĐ 30 layout. Public: one conference (no names but the chair's title).
Views parse, call and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.democracy.forms import conferences as f
from danvan.democracy.models import ConferenceItem
from danvan.democracy.permissions import HOLD_CONFERENCES
from danvan.democracy.selectors import conferences as selectors
from danvan.democracy.selectors.communes import commune_committee
from danvan.democracy.services import conferences as services
from danvan.org import permissions


def _year(raw: Any, default: int) -> int:
    year = parsing.object_id(raw)
    return year if year is not None and 2000 <= year <= 2100 else default


# Public ----------------------------------------------------------------------------------------------------


@require_GET
def conference_public(request: HttpRequest, pk: int) -> HttpResponse:
    """``/dan-chu/hoi-nghi/<pk>/``: a village's yearly conference: date, attendance, reports, execution."""
    try:
        conference = selectors.conference_public(pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "democracy/conferences/public_detail.html", {"c": conference})


# Officers --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def conference_list(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/dan-chu/hoi-nghi/``: conferences by commune, village and year; the villages missing one."""
    if not permissions.user_may(request.user, HOLD_CONFERENCES):
        raise Http404
    today = clock.today()
    year = _year(request.GET.get("nam"), today.year)
    villages = list(selectors.villages_for(request.user))
    communes = sorted({v.commune for v in villages}, key=lambda c: c.name)
    commune_id = parsing.object_id(request.GET.get("xa"))
    village_id = parsing.object_id(request.GET.get("thon"))
    rows = list(selectors.conferences_for(request.user, commune_id=commune_id, village_id=village_id,
                                          year=year)[:500])  # fmt: skip
    held = {c.village_id for c in selectors.conferences_for(request.user, year=year)}
    missing = [v for v in villages if v.pk not in held and (not commune_id or v.commune_id == commune_id)
               and (not village_id or v.pk == village_id)]  # fmt: skip
    context = {"rows": rows, "missing": missing, "year": year, "years": range(today.year, today.year - 6, -1),
               "communes": communes, "villages": villages, "commune_id": commune_id, "village_id": village_id,
               "late": year < today.year or (year == today.year and selectors.warn_missing(today))}  # fmt: skip
    return render(request, "democracy/conferences/staff_list.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conference_new(request: HttpRequest, village_id: int) -> HttpResponse:
    """``/van-hanh/dan-chu/hoi-nghi/ghi/<village>/``: record the village's conference of a year."""
    village = selectors.villages_for(request.user).filter(pk=village_id).select_related("organization").first()
    if village is None:
        raise Http404
    today = clock.today()
    year = _year(request.POST.get("year") or request.GET.get("nam"), today.year)
    matters = list(selectors.decided_matters(village, year))
    total = selectors.households_counted(village)
    if request.method != "POST":
        form = f.ConferenceForm(
            matters=matters, initial={"year": year, "held_on": today if today.year == year else None}
        )
        return _new_page(request, village, form, total)
    form = f.ConferenceForm(request.POST, matters=matters)
    if form.is_valid():
        d = form.cleaned_data
        reports = [services.ReportInput(key, d[f"{key}_title"], d[f"{key}_summary"]) for key, _label in f.REPORTS]
        items = [services.ItemInput(m, d[f"m{m.pk}_status"], d[f"m{m.pk}_note"]) for m in matters]
        try:
            conference = services.conference_record(
                actor=request.user, village=village, year=d["year"], held_on=d["held_on"], chaired_by=d["chaired_by"],
                present=d["present"], record=d["record"], reports=reports, items=items,
            )  # fmt: skip
        except PermissionDenied:
            raise Http404 from None
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The conference is recorded."))
            return redirect("democracy:conference_detail", pk=conference.pk)
    return _new_page(request, village, form, total, status=400)


def _new_page(request: HttpRequest, village: Any, form: Any, total: int, status: int = 200) -> HttpResponse:
    context = {"village": village, "form": form, "households_total": total}
    return render(request, "democracy/conferences/staff_new.html", context, status=status)


def _detail(request: HttpRequest, pk: int, bound: dict[int, Any] | None = None, status: int = 200) -> HttpResponse:
    try:
        conference = selectors.conference_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    bound = bound or {}
    items = [(i, bound.get(i.pk) or f.ItemForm(prefix=f"i{i.pk}", initial={"status": i.status, "note": i.note}))
             for i in selectors.conference_items(conference)]  # fmt: skip
    context = {"c": conference, "items": items, "reports": selectors.conference_reports(conference)}
    return render(request, "democracy/conferences/staff_detail.html", context, status=status)


@login_required
@require_GET
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@login_required
@require_POST
def conference_item_update(request: HttpRequest, pk: int) -> HttpResponse:
    """POST ``/van-hanh/dan-chu/hoi-nghi/muc/<item>/``: an item's execution changed later."""
    item = ConferenceItem.objects.filter(pk=pk).select_related("conference", "conference__village").first()
    if item is None:
        raise Http404
    try:
        selectors.conference_get_for(user=request.user, pk=item.conference_id)
    except NotFound:
        raise Http404 from None
    form = f.ItemForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        try:
            services.item_update(actor=request.user, item=item, status=form.cleaned_data["status"],
                                 note=form.cleaned_data["note"])  # fmt: skip
        except PermissionDenied:
            raise Http404 from None
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The item's execution is updated."))
            return redirect("democracy:conference_detail", pk=item.conference_id)
    return _detail(request, item.conference_id, bound={item.pk: form}, status=400)


@login_required
@require_GET
def conference_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The conference's record to print and sign, in the NĐ 30/2020 layout."""
    try:
        conference = selectors.conference_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    village = conference.village
    committee = commune_committee(village.commune)
    context = {"c": conference, "items": selectors.conference_items(conference),
               "reports": selectors.conference_reports(conference),
               "parent_name": (committee.name if committee else village.commune.name).upper(),
               "body_name": village.name.upper(), "place": village.commune.name, "day": conference.held_on,
               "no_number": True}  # fmt: skip
    return render(request, "democracy/conferences/print.html", context)
