"""The head's conclusions (issue 15 item 6; NĐ 154/2026 Art. 25; NĐ 30/2020 for the document): a
"Thông báo kết luận việc tiếp công dân" numbered per body and year, whose directions are tasks with an
owner body (optionally an officer of it) and a due date, followed by the citizen with a code.

Every write: keyword-only, one transaction, permission first, audited. A notice is stored whole or not
at all (a task without owner or with a past date refuses the whole notice); a retry with the same
``request_key`` returns the notice already stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core import clock, contacts
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.deadlines.calendar import WorkingCalendar
from danvan.deadlines.rules import Rule
from danvan.deadlines.selectors import working_calendar_load
from danvan.notifications.choices import Channel
from danvan.notifications.messages import message_render
from danvan.notifications.services import notification_send
from danvan.org.models import Organization, RoleAssignment
from danvan.org.permissions import require, user_may
from danvan.org.selectors import users_who_may
from danvan.reception import codes, errors, permissions
from danvan.reception.choices import TaskStatus
from danvan.reception.models import ConclusionNotice, ConclusionTask, ReceptionSession, Visit
from danvan.reception.models.conclusions import body_abbreviation

__all__ = [
    "ABOUT_NOTICE",
    "TaskInput",
    "body_abbreviation",
    "conclusion_issue",
    "conclusion_tasks_sweep",
    "follow_url",
    "may_work",
    "notice_number_text",
    "task_cancel",
    "task_done",
    "task_progress",
    "task_report",
    "task_warn_on",
]

ABOUT_NOTICE = "reception.conclusion"  # notifications.about_kind of messages about a notice
_MESSAGES = Path(__file__).resolve().parents[1] / "templates"
MAX_TASKS = 30
MAX_TEXT = 10_000


@dataclass(frozen=True)
class TaskInput:
    """One direction as the head writes it."""

    description: str
    owner_organization: Organization | None
    due_on: dt.date | None
    owner_user: Any = None


def notice_number_text(notice: ConclusionNotice) -> str:
    return notice.number_text


# --- issuing ------------------------------------------------------------------------------------------


def _refuse(code: str, message: Any, field: str) -> DomainError:
    return DomainError(message, code=code, details={"field": field})


def _clean_text(value: str, field: str, label: Any, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise _refuse(errors.REQUIRED, _("Write the %(what)s.") % {"what": label}, field)
    if len(value) > limit:
        raise _refuse(errors.REQUIRED, _("Keep it under %(n)d characters.") % {"n": limit}, field)
    return value


def _officer_of(user: Any, org: Organization, today: dt.date) -> bool:
    return RoleAssignment.objects.active_on(today).filter(user=user, organization=org).exists()


def _check_tasks(organization: Organization, tasks: list[TaskInput], today: dt.date) -> list[TaskInput]:
    if not tasks:
        raise _refuse(errors.REQUIRED, _("Give at least one task: what is to be done, by whom, by when."), "tasks")
    if len(tasks) > MAX_TASKS:
        raise _refuse(errors.REQUIRED, _("A notice holds at most %(n)d tasks.") % {"n": MAX_TASKS}, "tasks")
    clean = []
    for i, task in enumerate(tasks):
        prefix = f"tasks.{i}"
        n = i + 1
        description = (task.description or "").strip()
        if not description:
            raise _refuse(errors.REQUIRED, _("Task %(n)d: write what is to be done.") % {"n": n},
                          f"{prefix}.description")  # fmt: skip
        if task.owner_organization is None:
            raise _refuse(errors.NO_OWNER, _("Task %(n)d has no owner: choose the body responsible for it.") % {"n": n},
                          f"{prefix}.owner_organization")  # fmt: skip
        owner = task.owner_organization
        if not (owner.is_within(organization) or owner.pk == organization.pk):
            raise _refuse(errors.NO_OWNER,
                          _("Task %(n)d: %(body)s is not a body that %(head)s directs; choose this body or one under it.")
                          % {"n": n, "body": owner.name, "head": organization.name},
                          f"{prefix}.owner_organization")  # fmt: skip
        if task.owner_user is not None and not _officer_of(task.owner_user, owner, today):
            raise _refuse(errors.NO_OWNER, _("Task %(n)d: %(person)s is not an officer of %(body)s.")
                          % {"n": n, "person": task.owner_user, "body": owner.name},
                          f"{prefix}.owner_user")  # fmt: skip
        if task.due_on is None:
            raise _refuse(errors.BAD_DATE, _("Task %(n)d: give the date it is due.") % {"n": n}, f"{prefix}.due_on")
        if task.due_on < today:
            raise _refuse(errors.BAD_DATE,
                          _("Task %(n)d: the due date %(day)s is in the past; give today or a later day.")
                          % {"n": n, "day": task.due_on.strftime("%d/%m/%Y")}, f"{prefix}.due_on")  # fmt: skip
        clean.append(TaskInput(description=description[:MAX_TEXT], owner_organization=owner, due_on=task.due_on,
                               owner_user=task.owner_user))  # fmt: skip
    return clean


def _check_links(
    organization: Organization, session: ReceptionSession | None, visit: Visit | None
) -> ReceptionSession | None:
    if session is not None and session.organization_id != organization.pk:
        raise _refuse(errors.BAD_STATE, _("This session belongs to another body."), "session")
    if visit is not None:
        if visit.organization_id != organization.pk:
            raise _refuse(errors.BAD_STATE, _("This visit belongs to another body."), "visit")
        if session is None:
            return visit.session
        if visit.session_id not in (None, session.pk):
            raise _refuse(errors.BAD_STATE, _("This visit was not received at that session."), "visit")
    return session


def _next_number(organization: Organization, year: int) -> int:
    # Lock the body's row: two notices issued at once by one body queue here (PostgreSQL; SQLite
    # writes one at a time anyway); the unique constraint is the last guard.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    top = ConclusionNotice.objects.filter(organization=organization, year=year).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


def conclusion_issue(
    *,
    actor: Any,
    organization: Organization,
    summary: str,
    body: str,
    signer_title: str,
    tasks: list[TaskInput],
    recipients: str = "",
    session: ReceptionSession | None = None,
    visit: Visit | None = None,
    request_key: str = "",
) -> ConclusionNotice:
    """Issue the head's notice with its tasks; the visitor (not sealed, with a phone) is told the code."""
    require(actor, permissions.CONCLUDE, organization)
    key = (request_key or "").strip()[:64] or None
    if key:
        existing = ConclusionNotice.objects.filter(request_key=key).first()
        if existing is not None:
            if existing.organization_id != organization.pk:
                raise _refuse(
                    errors.BAD_STATE, _("This request key was used for another body's notice."), "request_key"
                )
            return existing
    today = clock.today()
    summary = _clean_text(summary, "summary", _("summary"), limit=300)
    body = _clean_text(body, "body", _("conclusions"))
    signer_title = _clean_text(signer_title, "signer_title", _("signer's title"), limit=200)
    recipients = (recipients or "").strip()[:2000]
    session = _check_links(organization, session, visit)
    clean = _check_tasks(organization, list(tasks), today)
    for attempt in range(5):
        try:
            with transaction.atomic():
                notice = _store(actor, organization, session, visit, today, summary, body, signer_title, recipients,
                                clean, key)  # fmt: skip
            return notice
        except IntegrityError:
            if key:
                existing = ConclusionNotice.objects.filter(request_key=key).first()
                if existing is not None:
                    return existing
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _store(
    actor: Any,
    organization: Organization,
    session: ReceptionSession | None,
    visit: Visit | None,
    today: dt.date,
    summary: str,
    body: str,
    signer_title: str,
    recipients: str,
    tasks: list[TaskInput],
    key: str | None,
) -> ConclusionNotice:
    notice = ConclusionNotice.objects.create(
        organization=organization, session=session, visit=visit, year=today.year,
        number=_next_number(organization, today.year), issued_on=today, signer=actor, signer_title=signer_title,
        summary=summary, body=body, recipients=recipients, follow_code=codes.code_new(codes.FOLLOW_PREFIX), request_key=key,
    )  # fmt: skip
    ConclusionTask.objects.bulk_create(
        ConclusionTask(notice=notice, description=t.description, owner_organization=t.owner_organization,
                       owner_user=t.owner_user, due_on=cast(dt.date, t.due_on))
        for t in tasks
    )  # fmt: skip
    audit_record(actor=actor, action="reception.conclusion_issue", obj=notice, object_repr=notice_number_text(notice),
                 after={"summary": summary, "tasks": len(tasks), "session": session.pk if session else None,
                        "visit": visit.pk if visit else None})  # fmt: skip
    if visit is not None:
        _tell_visitor(notice, visit)
    return notice


def follow_url(notice: ConclusionNotice) -> str:
    base = str(getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")
    return f"{base}{reverse('reception:conclusion_follow')}?code={notice.follow_code}"


def _tell_visitor(notice: ConclusionNotice, visit: Visit) -> None:
    # A tố cáo's visitor is sealed: nothing is sent that could tie them to the notice.
    if visit.sealed:
        return
    phone = contacts.phone_e164(visit.visitor_phone or "")
    if not phone:
        return
    message = message_render(directory=_MESSAGES, prefix="reception/conclusions/messages", code="follow_code",
                             context={"number": notice_number_text(notice), "body_name": notice.organization.name,
                                      "follow_code": notice.follow_code, "follow_url": follow_url(notice),
                                      "summary": notice.summary})  # fmt: skip
    notification_send(channel=Channel.SMS, template="reception.conclusion_follow", subject=message.subject,
                      body=message.sms_text, address=phone, about_kind=ABOUT_NOTICE, about_id=notice.pk,
                      about_label=notice_number_text(notice), link=follow_url(notice))  # fmt: skip


# --- tasks --------------------------------------------------------------------------------------------


def may_work(user: Any, task: ConclusionTask) -> bool:
    """WORK_TASKS on the owner body; the head of the issuing body (CONCLUDE there) may always act."""
    return user_may(user, permissions.WORK_TASKS, task) or user_may(user, permissions.CONCLUDE, task.notice)


def _locked(actor: Any, task: ConclusionTask) -> ConclusionTask:
    if not may_work(actor, task):
        if not user_may(actor, permissions.WORK_TASKS) and not user_may(actor, permissions.CONCLUDE):
            raise NotFound("task not found")
        raise PermissionDenied(_("Only the body that owns this task, or the head who concluded, may report on it."))
    locked = ConclusionTask.objects.select_for_update().select_related("notice").get(pk=task.pk)
    if locked.status != TaskStatus.OPEN:
        raise DomainError(_("This task is already closed (%(status)s).") % {"status": locked.get_status_display()},
                          code=errors.BAD_STATE)  # fmt: skip
    return locked


def _step(actor: Any, task: ConclusionTask, action: str, note: str, field: str, label: Any) -> ConclusionTask:
    note = _clean_text(note, field, label)
    with transaction.atomic():
        locked = _locked(actor, task)
        before = {"status": locked.status}
        today = clock.today()
        stamp = f"{today:%d/%m/%Y} — {actor}"
        if action == "progress":
            locked.result = (f"{locked.result}\n" if locked.result else "") + f"{stamp}: {note}"
        elif action == "done":
            locked.status, locked.done_on = TaskStatus.DONE, today
            locked.result = (f"{locked.result}\n" if locked.result else "") + f"{stamp}: {note}"
        else:
            locked.status = TaskStatus.CANCELLED
            locked.result = (f"{locked.result}\n" if locked.result else "") + f"{stamp}: {_('Cancelled')}: {note}"
        locked.save(update_fields=["status", "done_on", "result", "updated_at"])
        audit_record(actor=actor, action=f"reception.task_{action}", obj=locked, before=before,
                     after={"status": locked.status, "note": note[:300]})  # fmt: skip
    return locked


def task_progress(*, actor: Any, task: ConclusionTask, note: str) -> ConclusionTask:
    """Report progress on an open task (it stays open)."""
    return _step(actor, task, "progress", note, "note", _("progress"))


def task_done(*, actor: Any, task: ConclusionTask, result: str) -> ConclusionTask:
    """Close a task as done, with its result."""
    return _step(actor, task, "done", result, "result", _("result"))


def task_cancel(*, actor: Any, task: ConclusionTask, reason: str) -> ConclusionTask:
    """Cancel a task, with the reason (the head's direction was withdrawn or overtaken)."""
    return _step(actor, task, "cancel", reason, "reason", _("reason"))


# --- the clocks (the morning sweep) -------------------------------------------------------------------

# The same warning share as a deadline rule's (``deadlines.rules.Rule.warn_percent``): the owner is
# reminded once this share of the time between the notice and the due date has run.
WARN_PERCENT: int = Rule.__dataclass_fields__["warn_percent"].default  # type: ignore[assignment]


def task_warn_on(issued_on: dt.date, due_on: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The day the owner is reminded: ``WARN_PERCENT`` of the period reached, moved back to a working
    day (as ``deadlines.engine`` places a rule's ``warn_on``), never before the notice nor after the due date."""
    share = (due_on - issued_on).days * WARN_PERCENT // 100
    reached = issued_on + dt.timedelta(days=share)
    reminder = calendar.on_or_before(reached) if reached > issued_on else issued_on
    return min(max(reminder, issued_on), due_on)


def _in_app(recipients: list[Any], task: ConclusionTask, code: str, subject: str) -> int:
    link = reverse("reception:conclusion_detail", args=[task.notice_id])
    sent = 0
    for user in {u.pk: u for u in recipients if u is not None}.values():
        notification_send(channel=Channel.IN_APP, recipient=user, template=f"reception.{code}", subject=subject,
                          body=f"{task.description[:300]}", about_kind=ABOUT_NOTICE, about_id=task.notice_id,
                          about_label=notice_number_text(task.notice), link=link)  # fmt: skip
        sent += 1
    return sent


def conclusion_tasks_sweep(*, today: dt.date) -> dict[str, int]:
    """Remind the owner of each open task once its warning day is reached (once), and escalate each
    overdue task (once) to the head who signed and the heads of the owner body's parent."""
    counts = {"reminded": 0, "escalated": 0}
    calendar = working_calendar_load()
    open_tasks = ConclusionTask.objects.filter(status=TaskStatus.OPEN).select_related(
        "notice__organization__kind", "notice__signer", "owner_organization", "owner_user"
    )
    for task in open_tasks.filter(reminded_on__isnull=True, due_on__gte=today):
        if task_warn_on(task.notice.issued_on, task.due_on, calendar) > today:
            continue
        with transaction.atomic():
            if not ConclusionTask.objects.filter(pk=task.pk, reminded_on__isnull=True).update(reminded_on=today):
                continue
            owners = (
                [task.owner_user]
                if task.owner_user
                else list(users_who_may(permissions.WORK_TASKS, organization=task.owner_organization))
            )
            subject = str(
                _("Task of notice %(number)s due on %(day)s")
                % {"number": notice_number_text(task.notice), "day": task.due_on.strftime("%d/%m/%Y")}
            )
            _in_app(owners, task, "task_reminder", subject)
            audit_record(actor=None, action="reception.task_remind", obj=task, after={"due_on": task.due_on})
            counts["reminded"] += 1
    for task in open_tasks.filter(escalated_on__isnull=True, due_on__lt=today):
        with transaction.atomic():
            if not ConclusionTask.objects.filter(pk=task.pk, escalated_on__isnull=True).update(escalated_on=today):
                continue
            parent = task.owner_organization.parent
            heads = [task.notice.signer]
            if parent is not None:
                heads += list(users_who_may(permissions.CONCLUDE, organization=parent))
            subject = str(
                _("Overdue since %(day)s: a task of notice %(number)s")
                % {"number": notice_number_text(task.notice), "day": task.due_on.strftime("%d/%m/%Y")}
            )
            _in_app(heads, task, "task_overdue", subject)
            audit_record(actor=None, action="reception.task_escalate", obj=task,
                         after={"due_on": task.due_on, "parent": parent.pk if parent else None})  # fmt: skip
            counts["escalated"] += 1
    return counts


def task_report(*, actor: Any, task: ConclusionTask, action: str, note: str) -> ConclusionTask:
    """``task_progress``, ``task_done`` or ``task_cancel`` by name (the forms and the API send the name)."""
    if action == "progress":
        return task_progress(actor=actor, task=task, note=note)
    if action == "done":
        return task_done(actor=actor, task=task, result=note)
    if action == "cancel":
        return task_cancel(actor=actor, task=task, reason=note)
    raise DomainError(_("Unknown step."), code=errors.BAD_STATE)
