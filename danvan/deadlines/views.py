"""Operator screens: the rule table with its legal sources, and a year's calendar with its overrides.

Who may see and change what is asked through Django's ``user.has_perm``, which org answers from
the roles (deadlines may not import org; see docs/deadlines.md, "Who may do what"). Like the other
operator pages, a page a signed-in user may not use answers "not found".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.core.reference_data import may_edit_reference_data
from danvan.deadlines import choices, selectors, services
from danvan.deadlines.forms import (
    CalendarOverrideForm,
    CalendarOverrideRemoveForm,
    CalendarYearAnnounceForm,
    CalendarYearWithdrawForm,
)

FIRST_YEAR, LAST_YEAR = services.FIRST_YEAR, services.LAST_YEAR


def can_read(user: Any) -> bool:
    """Staff, or anyone granted the permission to view the rules."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.has_perm("deadlines.view_deadlinerule"))
    )


def _can(user: Any, permission: str) -> bool:
    return may_edit_reference_data(user, permission)


def _gate(request: HttpRequest, permission: str | None = None) -> None:
    allowed = can_read(request.user) if permission is None else _can(request.user, permission)
    if not allowed:
        raise Http404


def _year(year: int | None) -> int:
    year = clock.today().year if year is None else year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@login_required
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    _gate(request)
    groups = [
        (choices.label(choices.PROCEDURE_CHOICES, procedure), rows)
        for procedure, rows in selectors.rule_list_by_procedure()
    ]
    return render(request, "deadlines/rule_list.html", {"groups": groups, "today": clock.today()})


def _render_calendar(request: HttpRequest, year: int, status: int = 200, **forms: Any) -> HttpResponse:
    view = selectors.calendar_year_view(year)
    user = request.user
    context = {
        "view": view,
        "days": [(info, choices.DAY_CATEGORY_LABELS.get(info.category, info.category)) for info in view.days],
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "may_add_override": _can(user, "deadlines.add_calendaroverride"),
        "may_remove_override": _can(user, "deadlines.delete_calendaroverride"),
        "may_announce": _can(user, "deadlines.add_calendaryear"),
        "may_withdraw": _can(user, "deadlines.delete_calendaryear"),
        "override_form": forms.get("override_form") or CalendarOverrideForm(),
        "remove_form": forms.get("remove_form"),
        "announce_form": forms.get("announce_form") or CalendarYearAnnounceForm(),
        "withdraw_form": forms.get("withdraw_form") or CalendarYearWithdrawForm(),
    }
    return render(request, "deadlines/calendar.html", context, status=status)


@login_required
@require_GET
def calendar_year(request: HttpRequest, year: int | None = None) -> HttpResponse:
    _gate(request)
    return _render_calendar(request, _year(year))


def _done(request: HttpRequest, year: int, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("deadlines:calendar_year", year=year)


def _calendar_action(
    request: HttpRequest,
    year: int,
    *,
    permission: str,
    form_class: type[forms.Form],
    form_name: str,
    act: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """The shape shared by every calendar form: gate, validate, call one service, say what happened."""
    _gate(request, permission)
    year = _year(year)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _done(request, year, done)
    return _render_calendar(request, year, status=400, **{form_name: form})


@login_required
@require_POST
def calendar_override_add(request: HttpRequest, year: int) -> HttpResponse:
    return _calendar_action(
        request, year, permission="deadlines.add_calendaroverride", form_class=CalendarOverrideForm,
        form_name="override_form", done=_("The day has been saved."),
        act=lambda data: services.calendar_override_set(actor=request.user, **data),
    )  # fmt: skip


@login_required
@require_POST
def calendar_override_remove(request: HttpRequest, year: int) -> HttpResponse:
    return _calendar_action(
        request, year, permission="deadlines.delete_calendaroverride", form_class=CalendarOverrideRemoveForm,
        form_name="remove_form", done=_("The override has been removed."),
        act=lambda data: services.calendar_override_remove(actor=request.user, **data),
    )  # fmt: skip


@login_required
@require_POST
def calendar_year_announce(request: HttpRequest, year: int) -> HttpResponse:
    return _calendar_action(
        request, year, permission="deadlines.add_calendaryear", form_class=CalendarYearAnnounceForm,
        form_name="announce_form", done=_("The year is marked as announced."),
        act=lambda data: services.calendar_year_announce(actor=request.user, year=_year(year), **data),
    )  # fmt: skip


@login_required
@require_POST
def calendar_year_withdraw(request: HttpRequest, year: int) -> HttpResponse:
    return _calendar_action(
        request, year, permission="deadlines.delete_calendaryear", form_class=CalendarYearWithdrawForm,
        form_name="withdraw_form", done=_("The year is an estimate again."),
        act=lambda data: services.calendar_year_withdraw(actor=request.user, year=_year(year), **data),
    )  # fmt: skip
