"""The conferences part's morning sweep (run by tasks.democracy_sweep): from 1 December, the village
head of each village with no conference recorded for the year is reminded in the app to hold and record
it (Art. 33(1): once a year, at year end). Once per village and year: the audit event of the reminder
(``democracy.conference_reminded`` on the village, with the year) is the mark, written with the
notifications and checked under the village's row lock, so a second run the same day or any later day
sends nothing again. A village with no village head yet is not marked: its head, once appointed, is
reminded the next morning."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from danvan.core.audit import AuditEvent, audit_record
from danvan.democracy.models import Village
from danvan.democracy.selectors import conferences as selectors
from danvan.notifications.choices import Channel
from danvan.notifications.services import notification_send
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment

TEMPLATE = "democracy_conference_due"
ABOUT = "democracy.village"
MARK = "democracy.conference_reminded"


def sweep(today: dt.date) -> dict[str, int]:
    """Remind the village heads of villages without this year's conference; the counts are logged."""
    counts = {"villages_missing": 0, "reminded": 0}
    if not selectors.warn_missing(today):
        return counts
    year = today.year
    base = str(getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")
    missing = Village.objects.filter(is_active=True).exclude(conferences__year=year).select_related("organization")
    for village in missing:
        counts["villages_missing"] += 1
        with transaction.atomic():
            Village.objects.select_for_update().filter(pk=village.pk).first()
            sent = AuditEvent.objects.filter(action=MARK, object_type="democracy.village", object_id=str(village.pk),
                                             after__year=year)  # fmt: skip
            if sent.exists():
                continue
            heads = [a.user for a in RoleAssignment.objects.active_on(today)
                     .filter(role=Role.VILLAGE_HEAD, organization_id=village.organization_id, user__is_active=True)
                     .select_related("user")]  # fmt: skip
            link = base + reverse("democracy:conference_new", args=[village.pk])
            seen: set[int] = set()
            for user in heads:
                if user.pk in seen:
                    continue
                seen.add(user.pk)
                notification_send(
                    channel=Channel.IN_APP, recipient=user, template=TEMPLATE,
                    subject=f"Hội nghị cộng đồng dân cư năm {year} của {village.name} chưa được ghi nhận"[:200],
                    body=(f"Hội nghị cộng đồng dân cư được tổ chức mỗi năm một lần vào cuối năm (Điều 33 Luật Thực "
                          f"hiện dân chủ ở cơ sở). {village.name} chưa ghi nhận hội nghị năm {year}.\n"
                          f"{link}"),
                    about_kind=ABOUT, about_id=village.pk, about_label=str(year), link=link,
                )  # fmt: skip
            if seen:
                audit_record(actor=None, action=MARK, obj=village, object_repr=f"{village.name} {year}",
                             after={"year": year, "recipients": len(seen)})  # fmt: skip
            counts["reminded"] += len(seen)
    return counts
