"""The decisions part's selectors: a matter's "where it stands and what the law needs next", the
staff and public lists, and the figures for the dashboards. Reads only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.democracy import rules
from danvan.democracy.enums import DecisionItem, Form, MatterStatus, Proposer, Scope, VoteRoundStatus
from danvan.democracy.models import DecisionRecord, Household, Matter, Village, VoteRound
from danvan.democracy.permissions import RECOGNISE, RUN_DECISIONS
from danvan.democracy.selectors.communes import FRONT_KIND, commune_committee, commune_front
from danvan.org.models import Organization
from danvan.org.permissions import scope_filter

LAW = rules.LAW
PUBLIC_STATES = (MatterStatus.PASSED, MatterStatus.FAILED, MatterStatus.SENT, MatterStatus.RECOGNISED,
                 MatterStatus.REFUSED, MatterStatus.IN_FORCE)  # fmt: skip


@dataclass(frozen=True)
class NextStep:
    """What the law needs next for a matter: ``key`` for the page's form, the words, the article and
    the day it is due (None when the law sets none)."""

    key: str  # initiative | open | ballot_again | record_meeting | collect_ballots | write_record | send | receive | recognise | set_date | done | failed | withdrawn
    label: str | Promise
    basis: str
    due_on: dt.date | None = None
    overdue: bool = False


def counted_households(village: Village) -> int:
    return Household.objects.filter(village=village, is_active=True).count()


def recognising_body(matter: Matter) -> Organization | None:
    """The commune body that recognises the matter's result (Art. 21(2)): the People's Committee for
    items 3–4, the Front committee for item 5; None when no recognition is needed."""
    rule = rules.in_force_rule(DecisionItem(matter.item), Scope(matter.scope))
    if rule is rules.InForce.UBND_RECOGNITION:
        return commune_committee(matter.commune)
    if rule is rules.InForce.MTTQ_RECOGNITION:
        return commune_front(matter.commune)
    return None


def initiative_counts(matter: Matter, today: dt.date) -> tuple[int, int, int]:
    """(agreements in force today, households of the village, the fewest that meet 10 %)."""
    total = counted_households(matter.village) if matter.village else 0
    days = list(matter.agreements.filter(household__is_active=True).values_list("agreed_on", flat=True))
    return rules.agreements_in_force(days, today), total, rules.INITIATIVE.needed(total)


def _open_round(matter: Matter) -> VoteRound | None:
    return matter.rounds.exclude(status__in=[VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED]).order_by("-id").first()


def _record(matter: Matter) -> DecisionRecord | None:
    return DecisionRecord.objects.filter(matter=matter).first()


def next_step(matter: Matter, today: dt.date | None = None) -> NextStep:
    """Where the matter stands and what the law needs next, with its basis and due date."""
    today = today or clock.today()
    status = MatterStatus(matter.status)
    if status is MatterStatus.WITHDRAWN:
        return NextStep("withdrawn", _("Withdrawn"), "")
    if status is MatterStatus.PROPOSED:
        if matter.proposer == Proposer.INITIATIVE:
            in_force, total, needed = initiative_counts(matter, today)
            if not rules.INITIATIVE.met(in_force, total):
                return NextStep("initiative", _("Collect households' agreements: %(n)s of %(needed)s needed in force")
                                % {"n": in_force, "needed": needed}, rules.INITIATIVE.basis)  # fmt: skip
        return NextStep("open", _("Call a community meeting or announce a household ballot"),
                        f"Điều 17, 18, 19 {LAW}")  # fmt: skip
    if status in (MatterStatus.OPEN, MatterStatus.FAILED):
        current = _open_round(matter)
        if current is not None and current.form == Form.MEETING:
            return NextStep("record_meeting", _("Record the meeting and its vote"), f"Điều 18 {LAW}",
                            current.opens_at.date() if current.opens_at else None)  # fmt: skip
        if current is not None and current.form == Form.BALLOT:
            return NextStep("collect_ballots", _("Record the returned ballots, then the team's count"),
                            f"Điều 19 {LAW}")  # fmt: skip
        if current is not None:
            return NextStep("online", _("An online vote is under way"), "Nghị định 59/2023/NĐ-CP")
        if status is MatterStatus.FAILED:
            if DecisionItem(matter.item) not in rules.MEETING_ONLY and matter.scope == Scope.VILLAGE:
                return NextStep("ballot_again", _("Not passed; the households may still be asked by ballot"),
                                f"Khoản 1 Điều 21, Điều 19 {LAW}")  # fmt: skip
            return NextStep("failed", _("Not passed"), f"Khoản 1 Điều 21 {LAW}")
        return NextStep("open", _("Too few households came: announce a household ballot (or vote again)"),
                        f"Điều 19 {LAW}")  # fmt: skip
    record = _record(matter)
    if record is None:
        return NextStep("write_record", _("Write and sign the decision record"), f"Điều 20 {LAW}")
    if record.sent_on is None:
        return NextStep("send", _("Send the record to the commune People's Committee and Front committee"),
                        f"Điều 20 {LAW}", record.send_due_on, today > record.send_due_on)  # fmt: skip
    rule = rules.in_force_rule(DecisionItem(matter.item), Scope(matter.scope))
    body = recognising_body(matter)
    if status is MatterStatus.REFUSED:
        return NextStep("refused", _("Recognition refused: %(reason)s") % {"reason": record.refusal_reason},
                        f"Khoản 2 Điều 21 {LAW}")  # fmt: skip
    if status is MatterStatus.IN_FORCE:
        return NextStep("done", _("In force"), f"Khoản 2 Điều 21 {LAW}", record.in_force_on)
    if record.received_on is None:
        return NextStep("receive", _("The commune records the day it received the record"), f"Điều 20 {LAW}")
    if rule is rules.InForce.ON_DATE_SET:
        return NextStep("set_date", _("The commune People's Committee sets the day it comes into force"),
                        f"Khoản 2 Điều 21 {LAW}")  # fmt: skip
    return NextStep("recognise", _("%(body)s recognises it or refuses with reasons")
                    % {"body": body.name if body else _("The commune")}, f"Khoản 2 Điều 21 {LAW}",
                    record.recognition_due_on,
                    bool(record.recognition_due_on and today > record.recognition_due_on))  # fmt: skip


def matters_for(user: Any, *, status: str = "", village_id: int | None = None) -> QuerySet[Matter]:
    """The matters ``user`` runs (their village's, or their commune's with the subtree), and those the
    commune Front committee they sit on recognises (item 5)."""
    fronts = Organization.objects.filter(scope_filter(user, RECOGNISE), kind__code=FRONT_KIND).values("unit_id")
    qs = Matter.objects.filter(
        scope_filter(user, RUN_DECISIONS, "village__organization")
        | scope_filter(user, RUN_DECISIONS, "organization")
        | Q(commune_id__in=fronts, item=DecisionItem.BOARD_MEMBERS)  # the Front recognises item 5
    ).select_related("village", "commune")
    if status:
        qs = qs.filter(status=status)
    if village_id:
        qs = qs.filter(village_id=village_id)
    return qs.distinct()


def matter_get(pk: int) -> Matter:
    matter = Matter.objects.select_related("village", "commune", "organization").filter(pk=pk).first()
    if matter is None:
        raise NotFound(_("No such matter."))
    return matter


def matter_rounds(matter: Matter) -> list[VoteRound]:
    return list(matter.rounds.select_related("village").order_by("id"))


def matters_public(commune_id: int) -> QuerySet[Matter]:
    """Matters of a commune the community decided (passed or not), newest first: no names."""
    return (
        Matter.objects.filter(commune_id=commune_id, status__in=PUBLIC_STATES)
        .select_related("village")
        .order_by("-decided_on", "-id")
    )


def matter_public(code: str) -> Matter:
    matter = Matter.objects.select_related("village", "commune").filter(code=code, status__in=PUBLIC_STATES).first()
    if matter is None:
        raise NotFound(_("No such matter."))
    return matter


@dataclass(frozen=True)
class PublicResult:
    """A round's result as numbers over ALL households (no names)."""

    village: str
    form: str
    households_total: int
    yes: int
    no: int
    blank: int
    present: int | None
    passed: bool
    needed: int
    rule: str


def public_results(matter: Matter, rounds: list[VoteRound] | None = None) -> list[PublicResult]:
    """Each counted round's numbers; ``rounds`` (the matter's rounds with their villages) when the caller
    already read them for many matters at once (``decided_summary``)."""
    if rounds is None:
        rounds = list(matter.rounds.select_related("village"))
    rows = []
    for r in sorted((r for r in rounds if r.status == VoteRoundStatus.CLOSED), key=lambda r: r.pk):
        threshold = rules.pass_threshold(DecisionItem(matter.item), Scope.VILLAGE, Form(r.form))
        rows.append(PublicResult(r.village.name, r.get_form_display(), r.households_total, r.yes or 0, r.no or 0,
                                 r.blank or 0, r.present, bool(r.passed), threshold.needed(r.households_total),
                                 threshold.describe()))  # fmt: skip
    return rows


def decided_summary(commune_id: int, limit: int = 20) -> list[Matter]:
    """The commune page's list of decided matters, each with ``passed`` (not failed) and ``tally`` (a
    village matter's last count over ALL its households, else None). Two queries whatever the number."""
    rows = list(matters_public(commune_id).prefetch_related("rounds__village")[:limit])
    for m in rows:
        m.passed = m.status != MatterStatus.FAILED  # type: ignore[attr-defined]
        results = public_results(m, list(m.rounds.all())) if m.scope == Scope.VILLAGE else []
        m.tally = results[-1] if results else None  # type: ignore[attr-defined]
    return rows


KEYS = ("matters", "passed", "failed", "records_sent_on_time", "records_sent_late", "records_overdue",
        "recognised_on_time", "recognised_late", "recognition_overdue")  # fmt: skip


def figures(commune_ids: list[int], year: int, today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``matters``: proposed in ``year``
    - ``passed``: decided by the community in ``year`` (whatever happened after)
    - ``failed``
    - ``records_sent_on_time`` / ``records_sent_late``: records of matters decided in ``year``, sent by
      (or after) their ``send_due_on``
    - ``records_overdue``: not sent and past ``send_due_on`` today
    - ``recognised_on_time`` / ``recognised_late``: recognised or refused (an answer either way) by, or
      after, ``recognition_due_on``
    - ``recognition_overdue``: received, unanswered and past ``recognition_due_on`` today

    "On time" is decided here, once: on or before the due day the deadline engine gave."""
    today = today or clock.today()
    out = {commune_id: dict.fromkeys(KEYS, 0) for commune_id in commune_ids}
    for commune_id, status, proposed_on, decided_on in Matter.objects.filter(commune_id__in=commune_ids).values_list(
        "commune_id", "status", "proposed_on", "decided_on"
    ):
        row = out[commune_id]
        if proposed_on.year == year:
            row["matters"] += 1
        if decided_on is not None and decided_on.year == year and status != MatterStatus.WITHDRAWN:
            row["passed"] += 1
        elif status == MatterStatus.FAILED and proposed_on.year == year:
            row["failed"] += 1
    records = DecisionRecord.objects.filter(matter__commune_id__in=commune_ids, held_on__year=year).values_list(
        "matter__commune_id", "send_due_on", "sent_on", "recognition_due_on", "recognised_on", "refused_on"
    )
    for commune_id, send_due, sent, rec_due, recognised, refused in records:
        row = out[commune_id]
        if sent is not None:
            row["records_sent_on_time" if sent <= send_due else "records_sent_late"] += 1
        elif today > send_due:
            row["records_overdue"] += 1
        answered = recognised or refused
        if rec_due is not None:
            if answered is not None:
                row["recognised_on_time" if answered <= rec_due else "recognised_late"] += 1
            elif today > rec_due:
                row["recognition_overdue"] += 1
    return out
