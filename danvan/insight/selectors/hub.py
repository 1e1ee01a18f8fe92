"""The insight hub (one menu entry, "Nắm tình hình dư luận"): the parts of insight the reader may open, each with
what it is for and, where it costs one small query, a live figure over the reader's scope.

A part is listed exactly when its page lets the reader in: the same registered action the page checks
(``VIEW_ALERTS``, ``VIEW_DIGEST``, ``VIEW_TOPICS``); its figure comes from the part's own selector over the same
scope as its page, so it counts nothing the reader could not open there. (The digest's figure is the reader's
cases received since Monday over all their bodies; the digest page itself shows one body's last whole week.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import AlertStatus
from danvan.insight.selectors.alerts import alerts_for
from danvan.insight.selectors.digest import cases_received_count, week_of
from danvan.insight.selectors.topics import topic_count_latest
from danvan.org import permissions


def _open_alerts(user: Any) -> int:
    return alerts_for(user=user, status=AlertStatus.OPEN).order_by().count()


def _cases_this_week(user: Any) -> int:
    today = clock.today()
    return cases_received_count(user=user, start=week_of(today), end=today)


def _topics_latest(user: Any) -> int | None:
    return topic_count_latest(user=user)


@dataclass(frozen=True)
class Part:
    """One part of insight as the hub offers it."""

    key: str
    url_name: str
    action: str  # the action its page checks
    label: Promise
    about: Promise  # one line: what it is for
    figure_label: Promise | None = None
    figure: Callable[[Any], int | None] | None = None  # the reader's live figure, from the part's selector


PARTS: tuple[Part, ...] = (
    Part("alerts", "insight:alert_list", insight_permissions.VIEW_ALERTS, _("Early warnings"),
         _("What rose beyond chance in a place and topic, matters that keep coming back, many people on one matter, "
           "crowds at reception."),
         _("Open warnings"), _open_alerts),
    Part("digest", "insight:digest", insight_permissions.VIEW_DIGEST, _("Public opinion this week"),
         _("A body's week by topic and commune against the week before and the usual week; to print or download."),
         _("Cases received this week so far"), _cases_this_week),
    Part("hotspots", "insight:hotspots", insight_permissions.VIEW_DIGEST, _("Hotspots"),
         _("Cases per commune and topic over 7, 30 or 90 days next to the period before, with the cases behind "
           "each count.")),
    Part("topics", "insight:topic_list", insight_permissions.VIEW_TOPICS, _("What people say"),
         _("The topics of the last four weeks' petitions, their trend and tone, with typical cases."),
         _("Topics found in the latest run"), _topics_latest),
    Part("worst_rated", "insight:worst_rated", insight_permissions.VIEW_TOPICS, _("Worst-rated themes"),
         _("For each body, the case topics people rated worst over a year.")),
)  # fmt: skip


@dataclass(frozen=True)
class HubRow:
    part: Part
    figure: int | None  # None: no figure for this part, or nothing to count yet


def hub_may_open(user: Any) -> bool:
    """Whether ``user`` may open at least one part (the hub's page and its menu entry)."""
    return any(permissions.user_may(user, action) for action in {part.action for part in PARTS})


def hub_for(*, user: Any) -> list[HubRow]:
    """The parts ``user`` may open, in the hub's order, with their live figures."""
    allowed = {action: permissions.user_may(user, action) for action in {part.action for part in PARTS}}
    return [HubRow(part, part.figure(user) if part.figure else None) for part in PARTS if allowed[part.action]]
