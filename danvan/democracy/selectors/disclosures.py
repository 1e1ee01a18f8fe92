"""The disclosures part's reads (dân biết, Luật Thực hiện dân chủ ở cơ sở 2022 Arts. 11–13).

One rule, once: ``compliance`` decides for one disclosure whether it was published on time (Art. 12(3):
``published_on`` ≤ ``due_on``, which is the sector law's date when one was given) and whether every
channel Art. 13 requires for its item ran, and long enough (``rules.channel_duties`` with the durations
of the deadline table, procedure ``dan_chu_co_so``: ``niem_yet`` and ``phat_thanh``). The staff list,
the detail page, the commune's figures (``figures``) and the sweep all call it.

The minimum end of a channel is the deadline engine's ``Kind.AT_LEAST`` date: the earliest day a
posting (broadcast) may end, counted from the day after it started (``deadline_minimum_end``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.deadlines.rules_seed import DAN_CHU_CO_SO
from danvan.deadlines.selectors import DeadlineContext, deadline_compute, deadline_context_load
from danvan.democracy import rules
from danvan.democracy.enums import Channel, DisclosureItem, DisclosureStatus
from danvan.democracy.models import Disclosure, DisclosureChannel, DisclosureList
from danvan.org import permissions
from danvan.org.models import AdministrativeUnit

PUBLISH_STEP: Final = "cong_khai"  # ≤ 5 working days after the decision (Art. 12(3))
POSTING_STEP: Final = "niem_yet"  # ≥ 30 consecutive days (Art. 13)
BROADCAST_STEP: Final = "phat_thanh"  # ≥ 3 consecutive days (Art. 13)
STEP_OF_CHANNEL: Final = {Channel.POSTING: POSTING_STEP, Channel.LOUDSPEAKER: BROADCAST_STEP}
FIGURE_KEYS: Final = ("disclosures", "on_time", "late", "overdue_unpublished", "channels_complete",
                      "channels_incomplete")  # fmt: skip


# --- the deadline engine ------------------------------------------------------------------------------


def publish_due_on(decided_on: dt.date, context: DeadlineContext | None = None) -> dt.date:
    """The last day to publish a decision of ``decided_on`` (5 working days, Art. 12(3), on the engine)."""
    due = deadline_compute(procedure=DAN_CHU_CO_SO, step=PUBLISH_STEP, started_on=decided_on, context=context)
    assert due.due_on is not None  # a WITHIN rule without pauses always gives a date
    return due.due_on


def deadline_minimum_end(step: str, starts_on: dt.date, context: DeadlineContext | None = None) -> dt.date:
    """The earliest day a channel started on ``starts_on`` may end (``Kind.AT_LEAST`` on the engine)."""
    due = deadline_compute(procedure=DAN_CHU_CO_SO, step=step, started_on=starts_on, context=context)
    assert due.due_on is not None
    return due.due_on


def minimum_days(step: str, context: DeadlineContext | None = None) -> int:
    """The period of the step in the deadline table (30 for posting, 3 for broadcasting today)."""
    return deadline_compute(procedure=DAN_CHU_CO_SO, step=step, started_on=clock.today(), context=context).period


def commune_has_portal(commune_id: int) -> bool:
    """Whether the commune publishes on a web portal: it has once recorded a portal channel. (There is
    no register of communes' portals yet; Art. 13 requires the portal only "where there is one".)"""
    return DisclosureChannel.objects.filter(disclosure__commune_id=commune_id, channel=Channel.PORTAL).exists()


def duties(item: int, *, has_portal: bool, context: DeadlineContext | None = None) -> list[rules.ChannelDuty]:
    """The channels Art. 13 requires for ``item`` with the durations of the deadline table."""
    context = context or deadline_context_load()
    return rules.channel_duties(DisclosureItem(item), has_portal=has_portal,
                                posting_days=minimum_days(POSTING_STEP, context),
                                broadcast_days=minimum_days(BROADCAST_STEP, context))  # fmt: skip


def channel_duty(item: int, channel: str, context: DeadlineContext | None = None) -> rules.ChannelDuty | None:
    """The duty ``item`` has on ``channel`` (its minimum, or permanence), or None when the law sets none."""
    for duty in duties(item, has_portal=True, context=context):
        if duty.channel == channel:
            return duty
    return None


# --- compliance, one disclosure -----------------------------------------------------------------------


@dataclass(frozen=True)
class DutyCheck:
    channel: str
    label: str
    min_days: int | None
    permanent: bool
    present: bool
    long_enough: bool  # ran (or runs) at least the minimum; a running channel counts until it ends short
    earliest_end: dt.date | None  # of the longest-running channel of this kind
    problem: str


@dataclass(frozen=True)
class Compliance:
    due_on: dt.date
    on_time: bool  # published on or before the due date
    late: bool  # published after it
    overdue_unpublished: bool  # the due date passed with nothing published
    checks: list[DutyCheck] = field(default_factory=list)

    @property
    def channels_complete(self) -> bool:
        return all(check.present and check.long_enough for check in self.checks)

    @property
    def missing(self) -> list[str]:
        return [check.problem for check in self.checks if check.problem]


def _check(duty: rules.ChannelDuty, rows: list[DisclosureChannel], context: DeadlineContext) -> DutyCheck:
    from danvan.democracy.choices import Channel as ChannelChoice

    label = str(ChannelChoice(duty.channel.value).label)
    mine = [row for row in rows if row.channel == duty.channel]
    if not mine:
        return DutyCheck(duty.channel, label, duty.min_days, duty.permanent, False, False, None,
                         _("%(channel)s: missing (Art. 13).") % {"channel": label})  # fmt: skip
    if duty.permanent:
        up = any(row.ends_on is None for row in mine)
        problem = "" if up else _("%(channel)s: items 4 and 13 stay posted permanently (Art. 13).") % {"channel": label}
        return DutyCheck(duty.channel, label, None, True, True, up, None, problem)
    if duty.min_days is None:
        return DutyCheck(duty.channel, label, None, False, True, True, None, "")
    step = STEP_OF_CHANNEL[duty.channel]
    best_end: dt.date | None = None
    ok = False
    for row in mine:
        earliest = deadline_minimum_end(step, row.starts_on, context)
        if row.ends_on is None or row.ends_on >= earliest:
            ok = True
        if best_end is None or earliest < best_end:
            best_end = earliest
    problem = "" if ok else _("%(channel)s: ended before the minimum of %(days)s consecutive days (Art. 13).") % {
        "channel": label, "days": duty.min_days}  # fmt: skip
    return DutyCheck(duty.channel, label, duty.min_days, False, True, ok, best_end, problem)


def compliance(
    disclosure: Disclosure,
    *,
    has_portal: bool | None = None,
    context: DeadlineContext | None = None,
    today: dt.date | None = None,
) -> Compliance:
    """The rule of dân biết for one disclosure (see the module's docstring)."""
    context = context or deadline_context_load()
    today = today or clock.today()
    if has_portal is None:
        has_portal = commune_has_portal(disclosure.commune_id)
    due = disclosure.sector_due_on or disclosure.due_on
    published = disclosure.published_on
    rows = list(disclosure.channels.all())
    checks = [_check(duty, rows, context) for duty in duties(disclosure.item, has_portal=has_portal, context=context)]
    return Compliance(
        due_on=due,
        on_time=published is not None and published <= due,
        late=published is not None and published > due,
        overdue_unpublished=published is None and disclosure.status == DisclosureStatus.DRAFT and today > due,
        checks=checks,
    )


# --- lists --------------------------------------------------------------------------------------------


def _with_channels(queryset: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    return queryset.select_related("commune", "organization", "document").prefetch_related(
        Prefetch("channels", queryset=DisclosureChannel.objects.order_by("starts_on", "id"))
    )


def disclosures_for(*, user: Any, commune_id: int | None = None, status: str = "", item: int | None = None,
                    year: int | None = None) -> QuerySet[Disclosure]:  # fmt: skip
    """The disclosures of the bodies where ``user`` may publish, newest decision first."""
    from danvan.democracy.permissions import PUBLISH
    from danvan.org.selectors import organizations_where

    bodies = organizations_where(user, PUBLISH)
    rows = Disclosure.objects.filter(organization__in=bodies)
    if commune_id:
        rows = rows.filter(commune_id=commune_id)
    if status:
        rows = rows.filter(status=status)
    if item:
        rows = rows.filter(item=item)
    if year:
        rows = rows.filter(decided_on__year=year)
    return _with_channels(rows)


def disclosure_for(*, user: Any, pk: int) -> Disclosure:
    """One disclosure the user may publish (else ``NotFound``, as for one that does not exist)."""
    from danvan.democracy.permissions import PUBLISH

    row = _with_channels(Disclosure.objects.filter(pk=pk)).prefetch_related("proofs").first()
    if row is None or not permissions.user_may(user, PUBLISH, row):
        raise NotFound("disclosure not found")
    return row


def communes_for(*, user: Any) -> list[AdministrativeUnit]:
    """The communes whose People's Committee the user publishes for (for the filters and the create form)."""
    from danvan.democracy.permissions import PUBLISH
    from danvan.democracy.selectors.communes import UBND_KIND
    from danvan.org.selectors import organizations_where

    bodies = organizations_where(user, PUBLISH).filter(kind__code=UBND_KIND, unit__level="commune", is_active=True)
    return list(AdministrativeUnit.objects.filter(pk__in=bodies.values("unit_id")).order_by("name"))


def with_compliance(rows: Iterable[Disclosure], *, today: dt.date | None = None) -> list[tuple[Disclosure, Compliance]]:
    context = deadline_context_load()
    portals: dict[int, bool] = {}
    out = []
    for row in rows:
        if row.commune_id not in portals:
            portals[row.commune_id] = commune_has_portal(row.commune_id)
        out.append((row, compliance(row, has_portal=portals[row.commune_id], context=context, today=today)))
    return out


# --- public -------------------------------------------------------------------------------------------


def published_now(commune_id: int, *, today: dt.date | None = None) -> list[Disclosure]:
    """What the commune has published and still shows (a channel still running, or ended no earlier
    than today), newest first. Public: no staff names are read."""
    today = today or clock.today()
    rows = _with_channels(Disclosure.objects.filter(commune_id=commune_id, status=DisclosureStatus.PUBLISHED))
    return [row for row in rows if any(c.ends_on is None or c.ends_on >= today for c in row.channels.all())]


def published_all(commune_id: int) -> QuerySet[Disclosure]:
    return _with_channels(Disclosure.objects.filter(commune_id=commune_id, status=DisclosureStatus.PUBLISHED))


def disclosure_public(*, commune_code: int | str, pk: int) -> Disclosure:
    """A published disclosure of the commune; a draft, a withdrawn one or another commune's is ``NotFound``."""
    from danvan.democracy.selectors.communes import commune_by_code

    commune = commune_by_code(commune_code)
    row = None
    if commune is not None:
        row = _with_channels(
            Disclosure.objects.filter(pk=pk, commune=commune, status=DisclosureStatus.PUBLISHED)
        ).first()
    if row is None:
        raise NotFound("disclosure not found")
    return row


# --- the quarterly list (Art. 13) ---------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    last = rules.add_months(first, 3) - dt.timedelta(days=1)
    return first, last


@dataclass(frozen=True)
class ListRow:
    number: int
    disclosure: Disclosure
    forms: list[tuple[str, dt.date, dt.date | None]]  # (form's label, from, until)


def quarter_rows(commune_id: int, year: int, quarter: int) -> list[ListRow]:
    """What the commune published in the quarter (first published in it), with each form and its dates."""
    from danvan.democracy.choices import Channel as ChannelChoice

    first, last = quarter_bounds(year, quarter)
    rows = _with_channels(
        Disclosure.objects.filter(commune_id=commune_id, published_on__range=(first, last))
        .exclude(published_on=None)
        .order_by("published_on", "id")
    )
    out = []
    for number, row in enumerate(rows, start=1):
        forms = [(str(ChannelChoice(c.channel).label), c.starts_on, c.ends_on) for c in row.channels.all()]
        out.append(ListRow(number, row, forms))
    return out


def disclosure_list_for(*, user: Any, commune_id: int, year: int, quarter: int) -> DisclosureList | None:
    from danvan.democracy.permissions import PUBLISH

    row = (
        DisclosureList.objects.filter(commune_id=commune_id, year=year, quarter=quarter)
        .select_related("commune", "organization", "organization__parent")
        .first()
    )
    if row is not None and not permissions.user_may(user, PUBLISH, row):
        return None
    return row


# --- figures (dashboards) -----------------------------------------------------------------------------


def figures(commune_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``disclosures``: recorded (decided in ``year``), withdrawn ones left out
    - ``on_time``: published on or before the due date
    - ``late``: published after it
    - ``overdue_unpublished``: still a draft past its due date
    - ``channels_complete``: published, and every channel Art. 13 requires present and long enough
    - ``channels_incomplete``: published, with a required channel missing or ended too early

    "On time" is decided here, once, by ``compliance``."""
    out = {commune_id: dict.fromkeys(FIGURE_KEYS, 0) for commune_id in commune_ids}
    rows = _with_channels(
        Disclosure.objects.filter(commune_id__in=commune_ids, decided_on__year=year).exclude(
            status=DisclosureStatus.WITHDRAWN
        )
    )
    for row, result in with_compliance(rows):
        counts = out[row.commune_id]
        counts["disclosures"] += 1
        counts["on_time"] += int(result.on_time)
        counts["late"] += int(result.late)
        counts["overdue_unpublished"] += int(result.overdue_unpublished)
        if row.status == DisclosureStatus.PUBLISHED:
            counts["channels_complete" if result.channels_complete else "channels_incomplete"] += 1
    return out
