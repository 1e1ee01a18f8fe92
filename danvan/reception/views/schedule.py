"""The schedule's pages: the public "Lịch tiếp công dân" (no account, phone-first, with iCalendar
feeds) and the staff pages that keep points, duties and sessions, and the frequency table.

Thin over ``selectors.schedule`` and ``services.schedule``. A body, point or session a user may not
manage answers 404, exactly like one that does not exist. Public pages read only ``PublicSession``
rows: places, times and the capacity a head receives in, never a person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.org.permissions import user_may
from danvan.reception import choices, permissions
from danvan.reception.forms import schedule as forms
from danvan.reception.models import ReceptionPoint
from danvan.reception.selectors import schedule as selectors
from danvan.reception.selectors.schedule import PublicSession
from danvan.reception.services import schedule as services

STAFF_WEEKS = 4  # the staff body page shows a week back and this many ahead


# --- Public ------------------------------------------------------------------------------------------


def _by_day(sessions: list[PublicSession]) -> list[tuple[dt.date, list[PublicSession]]]:
    days: dict[dt.date, list[PublicSession]] = {}
    for session in sessions:
        days.setdefault(session.starts_at.date(), []).append(session)
    return list(days.items())


@require_GET
def schedule_public(request: HttpRequest) -> HttpResponse:
    bodies = selectors.public_bodies()
    return render(request, "reception/schedule/public_index.html",
                  {"bodies": bodies, "days": selectors.PUBLIC_DAYS})  # fmt: skip


@require_GET
def schedule_body(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.public_body(pk)
    if org is None:
        raise Http404
    sessions = selectors.public_sessions(organization=org)
    return render(request, "reception/schedule/public_list.html", {
        "title": org.name, "body": org, "places": selectors.public_bodies(organization=org),
        "days": _by_day(sessions), "ics_url": reverse("reception:schedule_body_ics", args=[org.pk]),
        "horizon": selectors.PUBLIC_DAYS})  # fmt: skip


@require_GET
def schedule_point(request: HttpRequest, pk: int) -> HttpResponse:
    point = selectors.public_point(pk)
    if point is None:
        raise Http404
    sessions = selectors.public_sessions(point=point)
    return render(request, "reception/schedule/public_list.html", {
        "title": point.name, "body": point.organization, "point": point, "days": _by_day(sessions),
        "ics_url": reverse("reception:schedule_point_ics", args=[point.pk]), "horizon": selectors.PUBLIC_DAYS})  # fmt: skip


def ical(sessions: list[PublicSession], name: str, request: HttpRequest) -> bytes:
    """The sessions as an RFC 5545 calendar (only what the public page shows)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Dân Vận Số//Lịch tiếp công dân//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    host = request.get_host().split(":")[0] or "danvan"
    for s in sessions:
        event = icalendar.Event()
        event.add("uid", f"reception-session-{s.pk}@{host}")
        event.add("dtstamp", clock.now())
        event.add("dtstart", s.starts_at)
        event.add("dtend", s.ends_at)
        what = _("Citizen reception") + (f" ({s.kind_label})" if s.kind != choices.SessionKind.REGULAR else "")
        event.add("summary", f"{what}: {s.organization_name}")
        event.add("location", f"{s.point_name}, {s.point_address}")
        lines = [line for line in (s.head_label, s.mode_label, s.public_note) if line]
        if s.is_cancelled:
            lines.insert(0, _("Cancelled: %(reason)s") % {"reason": s.cancel_reason})
        event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if s.is_cancelled else "CONFIRMED")
        event.add("url", request.build_absolute_uri(reverse("reception:schedule_point", args=[s.point_id])))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _ics(request: HttpRequest, sessions: list[PublicSession], name: str, filename: str) -> HttpResponse:
    response = HttpResponse(ical(sessions, name, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def schedule_public_ics(request: HttpRequest) -> HttpResponse:
    return _ics(request, selectors.public_sessions(), _("Citizen reception schedule"), "lich-tiep-cong-dan")


@require_GET
def schedule_body_ics(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.public_body(pk)
    if org is None:
        raise Http404
    return _ics(request, selectors.public_sessions(organization=org), org.name, f"lich-tiep-cong-dan-{org.pk}")


@require_GET
def schedule_point_ics(request: HttpRequest, pk: int) -> HttpResponse:
    point = selectors.public_point(pk)
    if point is None:
        raise Http404
    return _ics(request, selectors.public_sessions(point=point), point.name, f"lich-tiep-cong-dan-diem-{point.pk}")


# --- Staff -------------------------------------------------------------------------------------------


def _body(request: HttpRequest, pk: int) -> Any:
    org = selectors.managed_body(request.user, pk)
    if org is None:
        raise Http404
    return org


@login_required
@require_GET
def schedule_staff(request: HttpRequest) -> HttpResponse:
    if not user_may(request.user, permissions.MANAGE_SCHEDULE):
        raise Http404
    with_point = ReceptionPoint.objects.values("organization_id")
    bodies = list(selectors.managed_bodies(request.user)
                  .filter(Q(kind__code__in=BODY_KINDS) | Q(pk__in=with_point)).select_related("kind")[:200])  # fmt: skip
    return render(request, "reception/schedule/staff_index.html", {"bodies": bodies})


BODY_KINDS = ["ubnd", "ban_tiep_cong_dan", "so", "tinh_uy", "dang_uy_xa", "hdnd", "thanh_tra"]


@login_required
@require_GET
def schedule_staff_body(request: HttpRequest, pk: int) -> HttpResponse:
    org = _body(request, pk)
    today = clock.today()
    first = today - dt.timedelta(days=today.weekday() + 7)
    last = first + dt.timedelta(weeks=STAFF_WEEKS + 1, days=-1)
    return render(request, "reception/schedule/staff_body.html", {
        "body": org, "points": selectors.points_of(request.user, org),
        "duties": [(d, forms.WEEKDAY_LABELS.get(d.weekday, d.weekday)) for d in selectors.duties_of(request.user, org)],
        "sessions": selectors.sessions_of(request.user, org, first, last), "first": first, "last": last,
        "generate_form": forms.GenerateForm(initial={"date_from": today, "date_to": today + dt.timedelta(weeks=4)}),
        "may_rules": user_may(request.user, permissions.MANAGE_RULES)})  # fmt: skip


def _saved(request: HttpRequest, message: str, org_pk: int) -> HttpResponse:
    messages.success(request, message)
    return redirect("reception:schedule_staff_body", org_pk)


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request: HttpRequest, pk: int, point_pk: int | None = None) -> HttpResponse:
    org = _body(request, pk)
    point = None
    if point_pk is not None:
        point = selectors.point_of(org, point_pk)
        if point is None:
            raise Http404
    initial = ({"name": point.name, "address": point.address, "hours": point.hours, "phone": point.phone,
                "officers": list(point.officers.all()), "is_active": point.is_active} if point else {})  # fmt: skip
    form = forms.PointForm(request.POST or None, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if point is None:
                services.point_create(actor=request.user, organization=org, name=data["name"], address=data["address"],
                                      hours=data["hours"], phone=data["phone"], officers=list(data["officers"]))  # fmt: skip
            else:
                services.point_update(actor=request.user, point=point, changes={
                    "name": data["name"], "address": data["address"], "hours": data["hours"], "phone": data["phone"],
                    "is_active": data["is_active"], "officers": list(data["officers"])})  # fmt: skip
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            return _saved(request, _("The reception point is saved."), org.pk)
    return render(request, "reception/schedule/staff_form.html", {
        "body": org, "form": form, "title": point.name if point else _("New reception point")})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def duty_new(request: HttpRequest, pk: int) -> HttpResponse:
    org = _body(request, pk)
    form = forms.DutyForm(request.POST or None, organization=org, initial={"valid_from": clock.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.duty_create(actor=request.user, point=d["point"], head=d["head"], head_kind=d["head_kind"],
                                 level=d["level"], weekday=d["weekday"], starts_at=d["starts_at"],
                                 ends_at=d["ends_at"], capacity=d["capacity"], valid_from=d["valid_from"],
                                 valid_to=d["valid_to"])  # fmt: skip
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            return _saved(request, _("The head's duty is saved. Generate the sessions to publish them."), org.pk)
    return render(request, "reception/schedule/staff_form.html",
                  {"body": org, "form": form, "title": _("New head's duty")})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def duty_end(request: HttpRequest, pk: int) -> HttpResponse:
    duty = selectors.duty_for(request.user, pk)
    if duty is None:
        raise Http404
    form = forms.DutyEndForm(request.POST or None, initial={"valid_to": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.duty_end(actor=request.user, duty=duty, valid_to=form.cleaned_data["valid_to"],
                                          reason=form.cleaned_data["reason"])  # fmt: skip
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            return _saved(request, _("The duty ends; %(n)s planned sessions after it were cancelled.") % {"n": cancelled},
                          duty.organization_id)  # fmt: skip
    return render(request, "reception/schedule/staff_form.html",
                  {"body": duty.organization, "form": form, "title": _("End the duty of %(head)s") % {"head": duty.head}})  # fmt: skip


@login_required
@require_POST
def sessions_generate(request: HttpRequest, pk: int) -> HttpResponse:
    org = _body(request, pk)
    form = forms.GenerateForm(request.POST)
    if form.is_valid():
        try:
            result = services.sessions_generate(actor=request.user, organization=org,
                                                date_from=form.cleaned_data["date_from"],
                                                date_to=form.cleaned_data["date_to"])  # fmt: skip
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("%(made)s sessions made (%(existing)s were already there).")
                             % {"made": result.made, "existing": result.existing})  # fmt: skip
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
    return redirect("reception:schedule_staff_body", org.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_ad_hoc(request: HttpRequest, pk: int) -> HttpResponse:
    org = _body(request, pk)
    form = forms.AdHocForm(request.POST or None, organization=org, initial={"day": clock.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        starts, ends = form.moments()
        try:
            session = services.session_ad_hoc_create(
                actor=request.user, point=d["point"], head=d["head"], trigger=d["trigger"], reason=d["reason"],
                starts_at=starts, ends_at=ends, mode=d["mode"], public_note=d["public_note"],
                online={"video_url": d["video_url"]})  # fmt: skip
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            messages.success(request, _("The ad hoc session is recorded."))
            return redirect("reception:session_staff", session.pk)
    return render(request, "reception/schedule/staff_form.html",
                  {"body": org, "form": form, "title": _("Ad hoc session (Art. 18(3))")})  # fmt: skip


def _session(request: HttpRequest, pk: int) -> Any:
    session = selectors.staff_session(request.user, pk)
    if session is None:
        raise Http404
    return session


def _session_page(request: HttpRequest, session: Any, **forms_given: Any) -> HttpResponse:
    recordings = selectors.recording_visible(request.user, session)
    manage = user_may(request.user, permissions.MANAGE_SCHEDULE, session)
    online_initial = {"online": session.mode == choices.Mode.ONLINE, "video_url": session.video_url,
                      "recording_location": session.recording_location,
                      "recording_keep_until": session.recording_keep_until,
                      "recording_access": session.recording_access}  # fmt: skip
    context = {
        "session": session, "body": session.organization, "manage": manage, "recordings": recordings,
        "planned": session.status == choices.SessionStatus.PLANNED,
        "cancel_form": forms_given.get("cancel_form") or forms.CancelForm(),
        "held_form": forms_given.get("held_form") or forms.HeldForm(organization=session.organization,
                                                                     initial={"held_by": session.head_id}),
        "online_form": forms_given.get("online_form") or forms.OnlineForm(initial=online_initial, recordings=recordings),
    }  # fmt: skip
    status = 400 if forms_given else 200
    return render(request, "reception/schedule/staff_session.html", context, status=status)


@login_required
@require_GET
def session_staff(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, _session(request, pk))


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = forms.CancelForm(request.POST)
    if form.is_valid():
        try:
            services.session_cancel(actor=request.user, session=session, reason=form.cleaned_data["reason"])
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            messages.success(request, _("The session is cancelled."))
            return redirect("reception:session_staff", session.pk)
    return _session_page(request, session, cancel_form=form)


@login_required
@require_POST
def session_held(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = forms.HeldForm(request.POST, organization=session.organization)
    if form.is_valid():
        try:
            services.session_mark_held(actor=request.user, session=session, held_by=form.cleaned_data["held_by"])
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            messages.success(request, _("The session is marked held."))
            return redirect("reception:session_staff", session.pk)
    return _session_page(request, session, held_form=form)


@login_required
@require_POST
def session_online(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    recordings = selectors.recording_visible(request.user, session)
    form = forms.OnlineForm(request.POST, recordings=recordings)
    if form.is_valid():
        d = dict(form.cleaned_data)
        online = d.pop("online")
        try:
            services.session_online_set(actor=request.user, session=session, online=online, fields=d)
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("reception:session_staff", session.pk)
    return _session_page(request, session, online_form=form)


@login_required
@require_GET
def schedule_rules(request: HttpRequest) -> HttpResponse:
    if not (user_may(request.user, permissions.MANAGE_SCHEDULE) or user_may(request.user, permissions.MANAGE_RULES)):
        raise Http404
    return render(request, "reception/schedule/staff_rules.html", {
        "rules": selectors.rules_table(), "may_edit": user_may(request.user, permissions.MANAGE_RULES)})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def schedule_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not user_may(request.user, permissions.MANAGE_RULES):
        raise Http404
    rule = selectors.rule_row(pk)
    if rule is None:
        raise Http404
    initial = {f: getattr(rule, f) for f in services.RULE_FIELDS}
    form = forms.RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        reason = d.pop("reason")
        try:
            services.schedule_rule_update(actor=request.user, rule=rule, changes=d, reason=reason)
        except DomainError as error:
            forms.errors_to_form(form, error)
        else:
            messages.success(request, _("The rule is saved."))
            return redirect("reception:schedule_rules")
    return render(request, "reception/schedule/staff_form.html",
                  {"body": None, "form": form, "title": str(rule), "back": reverse("reception:schedule_rules")})  # fmt: skip
