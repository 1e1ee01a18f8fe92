"""Pages of the heads' conclusions: issue a notice (after a session or a visit), read and print it, the
tasks board with progress / done / cancel, and the citizen's page that follows a notice by code.

Thin: forms parse, ``services.conclusions`` decides, ``selectors.conclusions`` reads through the gate.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org import selectors as org_selectors
from danvan.org.permissions import user_may
from danvan.reception import codes, permissions
from danvan.reception.forms.conclusions import BoardForm, FollowForm, NoticeForm, TaskFormSet, TaskNoteForm
from danvan.reception.selectors import conclusions as selectors
from danvan.reception.services import conclusions as services
from danvan.ui import limits
from danvan.ui.paging import CappedPaginator

PAGE_SIZE = 50
FOLLOW_LIMIT = "reception_follow"  # ui.limits rule (settings.DANVAN_RATE_LIMITS): every look-up counts


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number <= parsing.MAX_ID else None


def _owners_and_officers(bodies: Any, chosen: Any) -> tuple[Any, Any]:
    org = chosen or bodies.first()
    if org is None:
        return bodies.none(), org_selectors.users_who_may(permissions.WORK_TASKS).none()
    owners = selectors.owner_bodies(org)
    return owners, org_selectors.users_who_may(permissions.WORK_TASKS, organizations=owners)


def _attach(error: DomainError, form: NoticeForm, formset: Any, rows: list[int]) -> None:
    """Put the service's message next to the field it names ("tasks.1.due_on" → that row's field)."""
    where = str(error.details.get("field", ""))
    parts = where.split(".")
    if parts[0] == "tasks" and len(parts) == 3 and int(parts[1]) < len(rows):
        formset.forms[rows[int(parts[1])]].add_error(parts[2], str(error.message))
    elif parts[0] == "tasks":
        formset.forms[0].add_error("description", str(error.message))
    elif parts[0] in form.fields and parts[0] not in ("session", "visit", "request_key"):
        form.add_error(parts[0], str(error.message))
    else:
        form.add_error(None, str(error.message))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conclusion_new(request: HttpRequest) -> HttpResponse:
    """The head's notice; ``?session=<id>`` or ``?visit=<id>`` ties it to what it concludes."""
    if not user_may(request.user, permissions.CONCLUDE):
        raise HttpForbidden
    bodies = selectors.conclude_bodies(request.user)
    source = request.POST if request.method == "POST" else request.GET
    session = selectors.session_for(user=request.user, pk=_int(source.get("session")))
    visit = selectors.visit_for(user=request.user, pk=_int(source.get("visit")))
    linked = visit.organization if visit else session.organization if session else None
    if request.method == "POST":
        form = NoticeForm(request.POST, bodies=bodies)
        picked = _int(request.POST.get("organization"))
        chosen = (bodies.filter(pk=picked).first() if picked else None) or linked
        owners, officers = _owners_and_officers(bodies, chosen)
        formset = TaskFormSet(request.POST, prefix="tasks", form_kwargs={"owners": owners, "officers": officers})
        if form.is_valid() and formset.is_valid():
            rows = [i for i, f in enumerate(formset.forms) if not f.is_blank()]
            tasks = [services.TaskInput(description=formset.forms[i].cleaned_data["description"],
                                        owner_organization=formset.forms[i].cleaned_data["owner_organization"],
                                        owner_user=formset.forms[i].cleaned_data["owner_user"],
                                        due_on=formset.forms[i].cleaned_data["due_on"]) for i in rows]  # fmt: skip
            data = form.cleaned_data
            try:
                notice = services.conclusion_issue(
                    actor=request.user, organization=data["organization"], session=session, visit=visit,
                    summary=data["summary"], body=data["body"], recipients=data["recipients"],
                    signer_title=data["signer_title"], tasks=tasks, request_key=data["request_key"],
                )  # fmt: skip
            except PermissionDenied:
                raise HttpForbidden from None
            except DomainError as error:
                _attach(error, form, formset, rows)
            else:
                messages.success(request, _("Notice %(number)s issued. Follow code: %(code)s")
                                 % {"number": notice.number_text, "code": notice.follow_code})  # fmt: skip
                return redirect("reception:conclusion_detail", pk=notice.pk)
        status = 400
    else:
        initial: dict[str, Any] = {"request_key": secrets.token_urlsafe(24), "session": session.pk if session else None,
                                   "visit": visit.pk if visit else None,
                                   "organization": linked or bodies.first()}  # fmt: skip
        if visit is not None:
            initial["summary"] = _("Conclusions on the matter of register entry %(n)s") % {"n": str(visit)}
        form = NoticeForm(initial=initial, bodies=bodies)
        owners, officers = _owners_and_officers(bodies, linked)
        formset = TaskFormSet(prefix="tasks", form_kwargs={"owners": owners, "officers": officers})
        status = 200
    context = {"form": form, "formset": formset, "session": session, "visit": visit, "today": clock.today()}
    return render(request, "reception/conclusions/new.html", context, status=status)


def _notice_or_404(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.notice_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


@login_required
@never_cache
def conclusion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice_or_404(request, pk)
    tasks = selectors.notice_tasks(notice)
    rows = [{"task": t, "may_work": t.status == "open" and services.may_work(request.user, t),
             "overdue": t.status == "open" and t.due_on < clock.today()} for t in tasks]  # fmt: skip
    context = {"notice": notice, "rows": rows, "follow_url": services.follow_url(notice)}
    return render(request, "reception/conclusions/detail.html", context)


@login_required
@never_cache
def conclusion_print(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice_or_404(request, pk)
    context = {**selectors.notice_print_context(notice), "follow_url": services.follow_url(notice)}
    response = render(request, "reception/conclusions/print.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def conclusion_tasks(request: HttpRequest) -> HttpResponse:
    """The tasks board of the user's bodies: open, due soon, overdue (and closed), filtered."""
    if not (user_may(request.user, permissions.WORK_TASKS) or user_may(request.user, permissions.CONCLUDE)):
        raise HttpForbidden
    bodies = selectors.board_bodies(request.user)
    form = BoardForm(request.GET or None, bodies=bodies)
    filters = selectors.BoardFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        org = data.get("organization")
        filters = selectors.BoardFilters(state=data.get("state") or "open", organization_id=org.pk if org else None,
                                         q=data.get("q") or "")  # fmt: skip
    tasks = selectors.task_board(user=request.user, filters=filters)
    page = CappedPaginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    today = clock.today()
    rows = [{"task": t, "overdue": t.status == "open" and t.due_on < today, "note_form": TaskNoteForm()}
            for t in page.object_list]  # fmt: skip
    context = {"form": form, "page": page, "rows": rows, "counts": selectors.task_board_counts(user=request.user),
               "state": filters.state, "query": request.GET.urlencode()}  # fmt: skip
    return render(request, "reception/conclusions/tasks.html", context)


@login_required
@require_POST
def conclusion_task_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress, done or cancel of one task (from the board or the notice's page)."""
    try:
        task = selectors.task_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    form = TaskNoteForm(request.POST)
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    target = back if back.startswith("/") and safe else None
    if not form.is_valid():
        messages.error(request, _("Write a note before sending."))
    else:
        action = form.cleaned_data["action"]
        try:
            services.task_report(actor=request.user, task=task, action=action, note=form.cleaned_data["note"])
        except PermissionDenied:
            raise HttpForbidden from None
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, {"progress": _("Progress recorded."), "done": _("Task marked done."),
                                       "cancel": _("Task cancelled.")}[action])  # fmt: skip
    if target:
        return redirect(target)
    return redirect("reception:conclusion_detail", pk=task.notice_id)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def conclusion_follow(request: HttpRequest) -> HttpResponse:
    """The citizen's page: a follow code → the notice's summary and its tasks (no account, no person)."""
    source = request.POST if request.method == "POST" else request.GET
    form = FollowForm(source if "code" in source else None)
    notice = None
    status = 200
    if form.is_bound and form.is_valid():
        refused = limits.hit(request, FOLLOW_LIMIT)
        if refused is not None:
            return refused
        code = codes.code_parse(codes.FOLLOW_PREFIX, form.cleaned_data["code"])
        if code is None:
            form.add_error("code", _("This is not a follow code: it looks like KL-7X3K-9QMR (8 letters and digits)."))
            status = 400
        else:
            try:
                notice = selectors.notice_public(code=code)
            except NotFound:
                form.add_error("code", _("No notice has this code. Check it against the notice or the SMS; "
                                         "letters O and I are never used."))  # fmt: skip
                status = 404
    response = render(request, "reception/conclusions/follow.html", {"form": form, "notice": notice}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response
