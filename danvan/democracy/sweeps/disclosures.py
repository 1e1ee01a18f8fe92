"""The disclosures part's morning sweep (run by tasks.democracy_sweep): the publishing body's officers
(those who may ``PUBLISH`` at it) get an in-app warning ``WARN_DAYS`` days before

- a channel's set end date, when that end is before its minimum (Art. 13: a posting of 30, a broadcast
  of 3 consecutive days, on the deadline engine) — the services refuse such an end, so this catches rows
  kept from before a rule changed or recorded elsewhere;
- a draft's due date (Art. 12(3)), while nothing is published, and again once it has passed.

Each warning is sent once (its audit event ``democracy.disclosure_warn`` with the warning's key is the
mark: the channel and its end date, or the due date), so running the sweep twice a day sends nothing
new; a new end date is a new warning.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.audit import audit_record
from danvan.core.models import AuditEvent
from danvan.deadlines.selectors import deadline_context_load
from danvan.democracy.enums import Channel, DisclosureStatus
from danvan.democracy.models import Disclosure
from danvan.democracy.permissions import PUBLISH
from danvan.democracy.selectors import disclosures as selectors
from danvan.notifications.choices import Channel as NotifyChannel
from danvan.notifications.services import notification_send
from danvan.org.selectors import users_who_may

WARN_DAYS: Final = 2  # how early the reminder comes (an internal lead, not a period of the law)
ABOUT_KIND: Final = "democracy.disclosure"
WARN_ACTION: Final = "democracy.disclosure_warn"


def _notify(disclosure: Disclosure, code: str, subject: str, anchor: str, key: str) -> int:
    """Warn the body's publishers once for ``key``; 1 when sent now, 0 when it was sent before."""
    already = AuditEvent.objects.filter(action=WARN_ACTION, object_type=disclosure._meta.label_lower,
                                        object_id=str(disclosure.pk), after__warning=key).exists()  # fmt: skip
    if already:
        return 0
    link = reverse("democracy:disclosure_detail", args=[disclosure.pk]) + anchor
    template = f"democracy.{code}"
    recipients = list(users_who_may(PUBLISH, organization=disclosure.organization))
    for user in recipients:
        notification_send(channel=NotifyChannel.IN_APP, recipient=user, template=template, subject=subject,
                          body=disclosure.title[:300], about_kind=ABOUT_KIND, about_id=disclosure.pk,
                          about_label=disclosure.title[:100], link=link)  # fmt: skip
    audit_record(actor=None, action=WARN_ACTION, obj=disclosure, after={"warning": key, "recipients": len(recipients)})
    return 1


def sweep(today: dt.date) -> dict[str, int]:
    counts = {"channel_short": 0, "due_soon": 0, "overdue": 0}
    context = deadline_context_load()
    rows: Any = (
        Disclosure.objects.exclude(status=DisclosureStatus.WITHDRAWN)
        .filter(Q(status=DisclosureStatus.DRAFT) | Q(channels__ends_on__gte=today))  # only what can still warn
        .distinct()
        .select_related("organization")
        .prefetch_related("channels")
    )
    for disclosure in rows:
        for channel in disclosure.channels.all():
            if channel.ends_on is None or channel.ends_on < today:
                continue
            step = selectors.STEP_OF_CHANNEL.get(Channel(channel.channel))
            duty = selectors.channel_duty(disclosure.item, channel.channel, context)
            if step is None or duty is None or duty.min_days is None:
                continue
            earliest = selectors.deadline_minimum_end(step, channel.starts_on, context)
            if channel.ends_on >= earliest or (channel.ends_on - today).days > WARN_DAYS:
                continue
            subject = _("%(channel)s ends on %(end)s, before its minimum (%(earliest)s, Art. 13)") % {
                "channel": channel.get_channel_display(), "end": channel.ends_on.strftime("%d/%m/%Y"),
                "earliest": earliest.strftime("%d/%m/%Y")}  # fmt: skip
            with transaction.atomic():
                counts["channel_short"] += _notify(disclosure, "disclosure_channel_short", subject,
                                                   f"#kenh-{channel.pk}",
                                                   f"channel_short:{channel.pk}:{channel.ends_on}")  # fmt: skip
        if disclosure.status != DisclosureStatus.DRAFT:
            continue
        due = disclosure.sector_due_on or disclosure.due_on
        if today > due:
            subject = _("Not published and overdue since %(day)s (Art. 12(3))") % {"day": due.strftime("%d/%m/%Y")}
            with transaction.atomic():
                counts["overdue"] += _notify(disclosure, "disclosure_overdue", subject, "#han", f"overdue:{due}")
        elif (due - today).days <= WARN_DAYS:
            subject = _("To be published by %(day)s (Art. 12(3))") % {"day": due.strftime("%d/%m/%Y")}
            with transaction.atomic():
                counts["due_soon"] += _notify(disclosure, "disclosure_due", subject, "#han", f"due:{due}")
    return counts
