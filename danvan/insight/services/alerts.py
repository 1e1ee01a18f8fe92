"""Raising an early warning: one open alert per signal, sent to the heads and dân vận officers in scope.

Every part that watches for something (surges per place and topic, a matter coming back, many people on
one matter, a crowd at reception) raises through ``alert_raise``: the same ``key`` again, while its
alert is open, adds the new cases and figures to it without telling everyone again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.insight import errors as codes
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import Alert, AlertCase, AlertStatus, alert_title
from danvan.notifications.choices import Channel
from danvan.notifications.services import notification_send
from danvan.org import permissions
from danvan.org.models import AdministrativeUnit, Organization
from danvan.org.selectors import users_who_may

ABOUT_KIND = "insight.alert"


@transaction.atomic
def alert_raise(
    *, kind: str, key: str, organization: Organization, title: str = "", title_parts: Mapping[str, Any] | None = None,
    summary: str = "", unit: AdministrativeUnit | None = None, topic: str = "", figures: dict[str, Any] | None = None,
    case_ids: Iterable[int] = (),
) -> tuple[Alert, bool]:  # fmt: skip
    """The open alert for ``key`` (created and sent if there was none), with ``case_ids`` added.

    ``title_parts``: the parts of the kind's title (``models.ALERT_TITLES``), kept with the figures so that
    the title is shown in the reader's language; ``title`` is then made from them in the active one (a title
    given as a plain sentence is shown as it is).

    Returns ``(alert, created)``. Raised by tasks and services, never by a person: no actor."""
    if title_parts is not None:
        title = alert_title(kind, title_parts)
        figures = {**(figures or {}), "title": dict(title_parts)}
    now = clock.now()
    alert = Alert.objects.select_for_update().filter(key=key).exclude(status=AlertStatus.CLOSED).first()
    created = alert is None
    if alert is None:
        try:
            with transaction.atomic():  # two workers raising the same key: the constraint keeps one
                alert = Alert.objects.create(
                    kind=kind, key=key, organization=organization, unit=unit, topic=topic[:200], title=title[:300],
                    summary=summary, figures=figures or {}, opened_at=now, last_seen_at=now,
                )  # fmt: skip
        except IntegrityError:
            alert = Alert.objects.select_for_update().exclude(status=AlertStatus.CLOSED).get(key=key)
            created = False
    if not created:
        alert.last_seen_at = now
        kept = (alert.figures or {}).get("title")
        # The title stays the one it was raised with (its notices named it); the figures are the latest.
        alert.figures = {**(figures or alert.figures), **({"title": kept} if kept is not None else {})}
        alert.summary = summary or alert.summary
        alert.save(update_fields=["last_seen_at", "figures", "summary"])
    known = set(AlertCase.objects.filter(alert=alert).values_list("case_id", flat=True))
    AlertCase.objects.bulk_create(
        [AlertCase(alert=alert, case_id=pk, added_at=now) for pk in dict.fromkeys(case_ids) if pk not in known]
    )
    if created:
        audit_record(actor=None, action="insight.alert_raised", obj=alert,
                     after={"kind": kind, "key": key, "organization": organization.pk, "figures": alert.figures})  # fmt: skip
        _send(alert)
    return alert, created


def _send(alert: Alert) -> None:
    """In-app notice to everyone who may read the alert: the heads and dân vận officers of its body and of
    the bodies above it with their subtree. The notice names the alert, never a case or a person."""
    link = reverse("insight:alert_detail", args=[alert.pk])
    for person in users_who_may(insight_permissions.VIEW_ALERTS, organization=alert.organization):
        notification_send(
            channel=Channel.IN_APP, recipient=person, template="insight.alert", subject=(_("Early warning: %(title)s")
            % {"title": alert.title})[:200], body=alert.summary or alert.title, about_kind=ABOUT_KIND, about_id=alert.pk,
            about_label=alert.title[:60], link=link,
        )  # fmt: skip


@transaction.atomic
def alert_set_status(*, actor: Any, alert_id: int, status: str, note: str = "") -> Alert:
    """Mark an alert looked into or closed (or open again), with a note; a reader of the alert may."""
    alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
    if alert is None or not permissions.user_may(actor, insight_permissions.VIEW_ALERTS, alert):
        raise NotFound("alert not found")
    if status not in AlertStatus.values:
        raise DomainError(_("Choose what to do with the alert."), code=codes.ALERT_STATUS_UNKNOWN)
    if status == AlertStatus.CLOSED and not note.strip():
        raise DomainError(
            _("Say why the alert is closed."), code=codes.ALERT_CLOSE_NEEDS_NOTE, details={"field": "note"}
        )
    # a closed alert's key may already have a new open alert: the new signal is followed there
    reopening = status != AlertStatus.CLOSED and alert.status == AlertStatus.CLOSED
    if (
        reopening
        and Alert.objects.filter(key=alert.key).exclude(pk=alert.pk).exclude(status=AlertStatus.CLOSED).exists()
    ):
        raise DomainError(_("A newer alert on the same matter is open: follow it there."), code=codes.ALERT_NEWER_OPEN)
    before = {"status": alert.status, "note": alert.status_note}
    alert.status, alert.status_note, alert.status_changed_by = status, note.strip()[:1000], actor
    alert.save(update_fields=["status", "status_note", "status_changed_by"])
    audit_record(actor=actor, action="insight.alert_status", obj=alert, before=before,
                 after={"status": status, "note": alert.status_note}, reason=alert.status_note)  # fmt: skip
    return alert
