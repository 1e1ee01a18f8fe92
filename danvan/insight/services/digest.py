"""The weekly "tình hình dư luận" digest is read on its page (``selectors.digest``); this tells the heads,
dân vận officers and Front officers who read it that last week's is ready: one in-app notice a week each,
with the link (a second run in the week tells nobody again)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.insight import permissions as insight_permissions
from danvan.insight.selectors.digest import week_of
from danvan.notifications.choices import Channel
from danvan.notifications.selectors import notified_about
from danvan.notifications.services import notification_send
from danvan.org.selectors import users_who_may

ABOUT_KIND = "insight.digest"


@transaction.atomic
def digest_announce(*, today: dt.date) -> int:
    """Tell every reader of digests that the week before ``today``'s is ready; returns how many were told."""
    week = week_of(today) - dt.timedelta(weeks=1)
    about = int(week.strftime("%Y%m%d"))
    told = notified_about(about_kind=ABOUT_KIND, about_id=about)
    link = f"{reverse('insight:digest')}?tuan={week.isoformat()}"
    label = _("Public opinion, week of %(day)s") % {"day": week.strftime("%d/%m/%Y")}
    count = 0
    for person in users_who_may(insight_permissions.VIEW_DIGEST):
        if person.pk in told:
            continue
        notification_send(channel=Channel.IN_APP, recipient=person, template=ABOUT_KIND,
                          subject=_("The digest of public opinion is ready: %(label)s") % {"label": label},
                          body=label, about_kind=ABOUT_KIND, about_id=about, about_label=label, link=link)  # fmt: skip
        count += 1
    return count
