"""The conferences part's morning sweep (run by tasks.democracy_sweep): from 1 December, the village
head of each village with no conference recorded for the year is reminded in the app to hold and record
it (Art. 33(1): once a year, at year end). Once per village and year: the notification itself is the mark
(template ``TEMPLATE``, about the village, labelled with the year), checked under the village's row lock,
so a second run the same day or any later day sends nothing again."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from danvan.democracy.models import Village
from danvan.democracy.selectors import conferences as selectors
from danvan.notifications.choices import Channel
from danvan.notifications.models import Notification
from danvan.notifications.services import notification_send
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment

TEMPLATE = "democracy_conference_due"
ABOUT = "democracy.village"


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
            sent = Notification.objects.filter(template=TEMPLATE, about_kind=ABOUT, about_id=village.pk,
                                               about_label=str(year))  # fmt: skip
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
            counts["reminded"] += len(seen)
    return counts
