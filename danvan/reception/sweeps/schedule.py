"""The schedule part's morning sweep (called by tasks.reception_sweep): the day before a session, its
head and the officers on duty at its point are reminded, once (in the app, and by email when the
account has one; through the notifications queue, inside one transaction per session)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.clock import VIETNAM
from danvan.notifications.choices import Channel
from danvan.notifications.services import notification_send
from danvan.reception import choices
from danvan.reception.models import ReceptionSession

ABOUT_SESSION = "reception.session"  # how a notification names the session it is about
TEMPLATE = "session_reminder"


def _link(session: ReceptionSession) -> str:
    try:
        return reverse("reception:session_staff", args=[session.pk])
    except NoReverseMatch:  # pragma: no cover - the page is always mounted
        return ""


def remind(session: ReceptionSession) -> int:
    """Remind the session's head and its point's officers; how many people were reminded."""
    recipients: dict[int, Any] = {session.head_id: session.head}
    for officer in session.point.officers.all():
        recipients.setdefault(officer.pk, officer)
    start = session.starts_at.astimezone(VIETNAM)
    with translation.override("vi"):
        subject = _("Reception session tomorrow, %(day)s at %(time)s") % {"day": f"{start:%d/%m/%Y}",
                                                                          "time": f"{start:%H:%M}"}  # fmt: skip
        body = _("%(kind)s session of %(body)s at %(point)s, %(address)s, from %(start)s to %(end)s.") % {
            "kind": choices.SessionKind(session.kind).label, "body": session.organization.name,
            "point": session.point.name, "address": session.point.address, "start": f"{start:%H:%M %d/%m/%Y}",
            "end": f"{session.ends_at.astimezone(VIETNAM):%H:%M}"}  # fmt: skip
    link, label, sent = _link(session), str(session), 0
    for user in recipients.values():
        if not user.is_active:
            continue
        common: dict[str, Any] = {"template": TEMPLATE, "subject": subject, "body": body, "about_kind": ABOUT_SESSION,
                  "about_id": session.pk, "about_label": label, "link": link}  # fmt: skip
        notification_send(channel=Channel.IN_APP, recipient=user, **common)
        if user.email:
            notification_send(channel=Channel.EMAIL, address=user.email, **common)
        sent += 1
    session.reminded_at = clock.now()
    session.save(update_fields=["reminded_at"])
    return sent


def sweep(today: dt.date) -> dict[str, int]:
    """Remind of tomorrow's planned sessions. Idempotent: a session is reminded once (``reminded_at``);
    the row is locked, so two sweeps at once never remind twice."""
    tomorrow = today + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(0), tzinfo=VIETNAM)
    sessions = (ReceptionSession.objects.filter(status=choices.SessionStatus.PLANNED, reminded_at__isnull=True, starts_at__gte=start,
                                                starts_at__lt=start + dt.timedelta(days=1))
                .select_related("head", "point", "organization").prefetch_related("point__officers"))  # fmt: skip
    counts = {"sessions_reminded": 0, "people_reminded": 0}
    for session in sessions:
        with transaction.atomic():
            fresh = ReceptionSession.objects.select_for_update().filter(pk=session.pk, reminded_at__isnull=True)
            if not list(fresh.values_list("pk", flat=True)):
                continue
            sent = remind(session)
        if sent:
            counts["sessions_reminded"] += 1
            counts["people_reminded"] += sent
    return counts
