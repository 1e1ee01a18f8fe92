"""Training's pages: the courses of the bodies one runs training for, a course (its sessions, the officers
enrolled, attendance, certificates), a session's attendance, a printable certificate, the coverage of a
unit for a year (with its export and the drill-down to who is not yet trained), the requirements, and the
public verification of a certificate by its number.

Thin: parse, call one service or selector, render. A page one may not use answers 404, like one that
does not exist; a refused change shows its message on the page, nothing stored."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.emulation import permissions as ep
from danvan.emulation.forms.training import (
    AttendanceForm,
    CourseEditForm,
    CourseForm,
    CoverageForm,
    EnrolForm,
    ReasonForm,
    RequirementEditForm,
    RequirementForm,
    SessionEditForm,
    SessionForm,
    VerifyForm,
)
from danvan.emulation.selectors import training as selectors
from danvan.emulation.services import training as services
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.ui import charts
from danvan.ui.downloads import require_table_format, table_download
from danvan.ui.forms import form_status, save_posted
from danvan.ui.paging import CappedPaginator


def _require(request: HttpRequest, action: str) -> None:
    if not permissions.user_may(request.user, action):
        raise Http404


def _found(call: Any, **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except NotFound:
        raise Http404 from None


# Courses ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_list(request: HttpRequest) -> HttpResponse:
    _require(request, ep.TRAINING_MANAGE)
    form = CourseForm(request.POST or None, user=request.user)
    if saved := save_posted(request, form, lambda: services.course_create(user=request.user, **form.cleaned_data)):
        messages.success(request, _("The course is created. Add its sessions."))
        return redirect("emulation:training_course", saved.result.pk)
    page = CappedPaginator(selectors.courses_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "emulation/training/course_list.html", {"form": form, "page": page},
                  status=form_status(form))  # fmt: skip


def _course_page(request: HttpRequest, pk: int, *, session_form: Any = None, enrol_form: Any = None,
                 status: int = 200) -> HttpResponse:  # fmt: skip
    detail = _found(selectors.course_detail, user=request.user, pk=pk)
    context = {
        "detail": detail,
        "course": detail.course,
        "session_form": session_form or SessionForm(initial={"required": True}),
        "enrol_form": enrol_form or EnrolForm(user=request.user, course=detail.course),
    }
    return render(request, "emulation/training/course_detail.html", context, status=status)


@login_required
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _course_page(request, pk)


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    form = SessionForm(request.POST, prefix=None)
    if save_posted(request, form, lambda: services.session_add(user=request.user, course=course, **form.cleaned_data)):
        messages.success(request, _("The session is added."))
        return redirect("emulation:training_course", course.pk)
    return _course_page(request, pk, session_form=form, status=400)


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    form = EnrolForm(request.POST, user=request.user, course=course)
    if save_posted(request, form, lambda: services.enrolment_add(user=request.user, course=course,
                                                                 person=form.cleaned_data["person"])):  # fmt: skip
        messages.success(request, _("The officer is enrolled."))
        return redirect("emulation:training_course", course.pk)
    return _course_page(request, pk, enrol_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    detail = _found(selectors.course_detail, user=request.user, pk=pk)
    session = _found(selectors.session_get_for, user=request.user, course=detail.course, pk=session_pk)
    choices = [(row.enrolment.pk, row.enrolment.person.full_name or row.enrolment.person.get_username())
               for row in detail.rows]  # fmt: skip
    initial = {"present": [row.enrolment.pk for row in detail.rows if session.pk in row.present]}
    form = AttendanceForm(request.POST or None, choices=choices, initial=initial)
    if save_posted(request, form, lambda: services.attendance_record(
            user=request.user, session=session, present={int(v) for v in form.cleaned_data["present"]})):  # fmt: skip
        messages.success(request, _("The attendance is recorded."))
        return redirect("emulation:training_course", detail.course.pk)
    status = form_status(form)
    context = {"course": detail.course, "session": session, "form": form, "held": session.held_on <= detail.today}
    return render(request, "emulation/training/attendance.html", context, status=status)


@login_required
@require_POST
def certify(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    enrolment = _found(selectors.enrolment_get_for, user=request.user, course=course, pk=enrolment_pk)
    try:
        certificate = services.certificate_issue(user=request.user, enrolment=enrolment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Certificate %(number)s is issued.") % {"number": certificate.number})
    return redirect("emulation:training_course", course.pk)


@login_required
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found(selectors.certificate_get_for, user=request.user, pk=pk)
    return _certificate_page(request, found)


def _certificate_page(request: HttpRequest, found: Any, *, revoke_form: Any = None, status: int = 200) -> HttpResponse:
    verify_url = request.build_absolute_uri(reverse("emulation:training_verify")) + f"?so={found.number}"
    may_revoke = found.revoked_on is None and permissions.user_may(request.user, ep.TRAINING_MANAGE, found)
    context = {"certificate": found, "verify_url": verify_url, "may_revoke": may_revoke,
               "revoke_form": revoke_form or ReasonForm(prefix="revoke")}  # fmt: skip
    return render(request, "emulation/training/certificate.html", context, status=status)


def verify(request: HttpRequest) -> HttpResponse:
    """Public: anyone holding a certificate's number sees whether it exists, for which course, issued when,
    by which body, and the holder's initials only."""
    form = VerifyForm(request.GET or None)
    result = None
    asked = form.is_bound and form.is_valid()
    if asked:
        result = selectors.certificate_verify(form.cleaned_data["so"])
    return render(request, "emulation/training/verify.html", {"form": form, "asked": asked, "result": result})


# Coverage -----------------------------------------------------------------------------------------------


def _coverage_form(request: HttpRequest) -> CoverageForm:
    bodies = selectors.coverage_bodies_for(request.user)
    first = bodies.first()
    if first is None:
        raise Http404
    data = {"body": request.GET.get("body") or first.pk, "year": request.GET.get("year") or clock.today().year}
    return CoverageForm(data, user=request.user)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g} %"


@login_required
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    form = _coverage_form(request)
    if not form.is_valid():
        return render(request, "emulation/training/coverage.html", {"form": form}, status=400)
    body, year = form.cleaned_data["body"], form.cleaned_data["year"]
    report = selectors.coverage_report(user=request.user, root=body, year=year)
    page = CappedPaginator(report.rows, 50).get_page(request.GET.get("page"))
    rows = [report.row(b) for b in page]
    title = _("Officers trained (%%), %(year)s") % {"year": year}
    bars = [charts.BarRow(r.body.name, r.own.percent,
                          href=reverse("emulation:training_not_trained", args=[r.body.pk]) + f"?year={year}")
            for r in rows]  # fmt: skip
    chart = charts.bars_with_intervals(bars, title=title)
    context = {"form": form, "report": report, "page": page, "rows": rows, "body": body, "year": year,
               "chart": chart, "chart_title": title}  # fmt: skip
    return render(request, "emulation/training/coverage.html", context)


@login_required
@require_GET
def coverage_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    form = _coverage_form(request)
    if not form.is_valid():
        raise Http404
    body, year = form.cleaned_data["body"], form.cleaned_data["year"]
    report = selectors.coverage_report(user=request.user, root=body, year=year)
    header = [_("Body"), _("To be trained"), _("Trained"), _("Share"), _("To be trained, with the bodies under it"),
              _("Trained, with the bodies under it"), _("Share, with the bodies under it")]  # fmt: skip
    rows = []
    for org in report.rows.iterator():
        row = report.row(org)
        rows.append([org.name, row.own.required, row.own.trained, _percent(row.own.percent), row.subtree.required,
                     row.subtree.trained, _percent(row.subtree.percent)])  # fmt: skip
    return table_download(fmt, header, rows, sheet=str(year), filename=f"dao-tao-do-phu-{body.pk}-{year}.{fmt}")


@login_required
@require_GET
def not_trained(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = _found(selectors.coverage_body_get_for, user=request.user, pk=body_pk)
    form = CoverageForm({"body": body.pk, "year": request.GET.get("year") or clock.today().year}, user=request.user)
    if not form.is_valid():
        return render(request, "emulation/training/not_trained.html", {"form": form, "body": body}, status=400)
    year = form.cleaned_data["year"]
    officers = selectors.not_trained(user=request.user, body=body, year=year)
    topics = selectors.topic_names()
    roles = dict(Role.choices)
    people = [{"name": o.name, "roles": ", ".join(str(roles[r]) for r in sorted(o.roles)),
               "missing": ", ".join(topics[t] for t in sorted(o.missing))} for o in officers]  # fmt: skip
    fmt = request.GET.get("format", "")
    if fmt:
        require_table_format(fmt)
        return table_download(fmt, [_("Officer"), _("Roles"), _("Topics still to be trained in")],
                              [[p["name"], p["roles"], p["missing"]] for p in people], sheet=str(year),
                              filename=f"dao-tao-chua-dat-{body.pk}-{year}.{fmt}")  # fmt: skip
    return render(request, "emulation/training/not_trained.html",
                  {"body": body, "year": year, "people": people, "form": form})  # fmt: skip


# Requirements ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def requirements(request: HttpRequest) -> HttpResponse:
    may_edit = selectors.edits_requirements(request.user)
    if not may_edit and not permissions.user_may(request.user, ep.TRAINING_VIEW_COVERAGE):
        raise Http404
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and not may_edit:
        raise Http404
    if save_posted(request, form, lambda: services.requirement_add(user=request.user, **form.cleaned_data)):
        messages.success(request, _("The requirement is saved."))
        return redirect("emulation:training_requirements")
    context = {"form": form, "requirements": selectors.requirements(), "may_edit": may_edit}
    return render(request, "emulation/training/requirements.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not selectors.edits_requirements(request.user):
        raise Http404
    requirement = _found(selectors.requirement_get, pk=pk)
    initial = {"source": requirement.source, "valid_from": requirement.valid_from, "valid_to": requirement.valid_to,
               "verified": requirement.verified}  # fmt: skip
    form = RequirementEditForm(request.POST or None, initial=initial)
    if save_posted(request, form, lambda: services.requirement_update(user=request.user, requirement=requirement,
                                                                      **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The requirement is saved."))
        return redirect("emulation:training_requirements")
    return render(request, "emulation/training/requirement_edit.html", {"form": form, "requirement": requirement},
                  status=form_status(form))  # fmt: skip


# Corrections --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    initial = {"topic": course.topic_id, "title": course.title, "description": course.description}
    form = CourseEditForm(request.POST or None, initial=initial)
    if save_posted(
        request, form, lambda: services.course_update(user=request.user, course=course, **form.cleaned_data)
    ):
        messages.success(request, _("The course is saved."))
        return redirect("emulation:training_course", course.pk)
    return render(request, "emulation/training/course_edit.html", {"course": course, "form": form},
                  status=form_status(form))  # fmt: skip


def _session_page(request: HttpRequest, pk: int, session_pk: int, *, edit_form: Any = None,
                  cancel_form: Any = None, status: int = 200) -> HttpResponse:  # fmt: skip
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    session = _found(selectors.session_get_for, user=request.user, course=course, pk=session_pk)
    initial = {"held_on": session.held_on, "place": session.place, "trainer": session.trainer,
               "capacity": session.capacity}  # fmt: skip
    context = {"course": course, "session": session, "held": session.attendance.exists(),
               "edit_form": edit_form or SessionEditForm(initial=initial),
               "cancel_form": cancel_form or ReasonForm(prefix="cancel")}  # fmt: skip
    return render(request, "emulation/training/session_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    if request.method == "GET":
        return _session_page(request, pk, session_pk)
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    session = _found(selectors.session_get_for, user=request.user, course=course, pk=session_pk)
    form = SessionEditForm(request.POST)
    if save_posted(request, form, lambda: services.session_update(user=request.user, session=session,
                                                                  **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The session is saved."))
        return redirect("emulation:training_course", course.pk)
    return _session_page(request, pk, session_pk, edit_form=form, status=400)


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    course = _found(selectors.course_get_for, user=request.user, pk=pk)
    session = _found(selectors.session_get_for, user=request.user, course=course, pk=session_pk)
    form = ReasonForm(request.POST, prefix="cancel")
    if save_posted(request, form, lambda: services.session_cancel(user=request.user, session=session,
                                                                  reason=form.cleaned_data["reason"])):  # fmt: skip
        messages.success(request, _("The session is cancelled; the officers enrolled are told."))
        return redirect("emulation:training_course", course.pk)
    return _session_page(request, pk, session_pk, cancel_form=form, status=400)


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found(selectors.certificate_get_for, user=request.user, pk=pk)
    if not permissions.user_may(request.user, ep.TRAINING_MANAGE, found):
        raise Http404
    form = ReasonForm(request.POST, prefix="revoke")
    if save_posted(request, form, lambda: services.certificate_revoke(user=request.user, certificate=found,
                                                                      reason=form.cleaned_data["reason"])):  # fmt: skip
        messages.success(request, _("Certificate %(number)s is revoked.") % {"number": found.number})
        return redirect("emulation:training_certificate", found.pk)
    return _certificate_page(request, found, revoke_form=form, status=400)
