"""Dân bàn và quyết định (Luật Thực hiện dân chủ ở cơ sở 2022, Arts. 15–21; NĐ 59/2023, NĐ 61/2023;
spec §5.2): proposing a matter, citizens' initiatives, meetings and household ballots, the decision
record, its sending and recognition. Online votes are ``services.voting``'s; both count through
``services.rounds.round_count`` — the one place a result is decided.

Rules kept here, once (the arithmetic and the forms are ``rules``'s; durations the deadline table's):

- who proposes (Art. 16): at a village, its head after agreeing with the Front work committee, or the
  citizens when ≥ 10 % of ALL the village's households have an agreement in force (each valid 3
  months), or the Front taking up an initiative under 10 %; commune-wide (items 1–2 only) the chair
  of the People's Committee after agreeing with the Front committee;
- a ballot follows a meeting only for items 3–5 and only when the meeting lacked the households; it
  is announced at least the ``thong_bao_phat_phieu`` lead before the ballots go out, with a team of
  3–5; one return per household (the unique constraint decides under concurrency);
- a secret ballot at a meeting needs a counting board of 3–5 chosen by the meeting (Art. 18);
- the record (Art. 20) carries the signatures of the village head, the head of the Front work
  committee and two household representatives, and is sent within ``gui_bien_ban``; the People's
  Committee (items 3–4) or the Front committee (item 5) of the commune recognises it or refuses with
  reasons within ``cong_nhan`` of receipt (Art. 21(2)).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Final

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.deadlines.selectors import deadline_compute
from danvan.democracy import errors, rules
from danvan.democracy.enums import (
    DecisionItem,
    Form,
    MatterStatus,
    Proposer,
    Scope,
    VoteMethod,
    VoteRoundStatus,
)
from danvan.democracy.models import (
    BallotReturn,
    DecisionRecord,
    Household,
    InitiativeAgreement,
    Matter,
    Village,
    VoteRound,
)
from danvan.democracy.permissions import RECOGNISE, RUN_DECISIONS
from danvan.democracy.selectors.communes import commune_committee, commune_front
from danvan.democracy.selectors.decisions import counted_households, initiative_counts, recognising_body
from danvan.democracy.services.rounds import RoundResult, round_count
from danvan.org.models import AdministrativeUnit, Organization
from danvan.org.permissions import require

log = logging.getLogger(__name__)

PROCEDURE: Final = "dan_chu_co_so"
LAW: Final = rules.LAW
TEAM_MIN, TEAM_MAX = 3, 5  # Art. 18, 19: a counting board or ballot team of 3 to 5
REPRESENTATIVES_MIN: Final = 2  # Art. 20: two household representatives sign the record
_CODE_TRIES: Final = 5
COMMUNE_ITEMS: Final = (DecisionItem.INFRASTRUCTURE_CONTRIBUTION, DecisionItem.CONTRIBUTIONS_ASSETS)
CLOSED_STATES: Final = (MatterStatus.WITHDRAWN, MatterStatus.IN_FORCE, MatterStatus.RECOGNISED, MatterStatus.REFUSED)


def due_on(step: str, started_on: dt.date) -> dt.date:
    """The last day of ``step`` of the democracy procedure (deadline engine), or a refusal naming the
    missing rule (never a hard-coded number of days)."""
    deadline = deadline_compute(procedure=PROCEDURE, step=step, started_on=started_on)
    if deadline.due_on is None:  # pragma: no cover - the democracy steps have no pauses
        raise DomainError(_("No deadline could be computed."), code=errors.BAD_DATE)
    return deadline.due_on


def _refuse(message: str, code: str, **details: Any) -> DomainError:
    return DomainError(message, code=code, details=details)


def _clean(text: str, limit: int) -> str:
    return (text or "").strip()[:limit]


# --- Proposing (Art. 16) ------------------------------------------------------------------------------


def _next_code(year: int) -> str:
    prefix = f"DQ-{year % 100:02d}-"
    codes = Matter.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    serials = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(serials, default=0) + 1:04d}"


def matter_propose(
    *,
    actor: Any,
    scope: str,
    item: int,
    title: str,
    content: str,
    proposer: str,
    village: Village | None = None,
    commune: AdministrativeUnit | None = None,
    front_agreed_on: dt.date | None = None,
    proposed_on: dt.date | None = None,
) -> Matter:
    """A matter put forward for the community (Art. 16); numbered ``DQ-<yy>-<serial>``."""
    try:
        scope_, item_, proposer_ = Scope(scope), DecisionItem(int(item)), Proposer(proposer)
    except ValueError:
        raise _refuse(_("Choose the scope, the item of Art. 15 and who proposes it."), errors.REQUIRED) from None
    today = proposed_on or clock.today()
    if scope_ is Scope.VILLAGE:
        if village is None:
            raise _refuse(_("Choose the village or residential group."), errors.REQUIRED, field="village")
        unit = village.commune
        require(actor, RUN_DECISIONS, village)
        if proposer_ is Proposer.CHAIR:
            raise _refuse(_("At a village the matter is proposed by its head or by the citizens (Art. 16, %(law)s).")
                          % {"law": LAW}, errors.BAD_STATE, field="proposer")  # fmt: skip
    else:
        chosen = commune or (village.commune if village else None)
        if chosen is None:
            raise _refuse(_("Choose the commune."), errors.REQUIRED, field="commune")
        unit, village = chosen, None
        if item_ not in COMMUNE_ITEMS:
            raise _refuse(_("Only items 1 and 2 of Art. 15 are decided across the whole commune (Art. 15, Art. 16 "
                            "%(law)s).") % {"law": LAW}, errors.SCOPE_NOT_ALLOWED, field="scope")  # fmt: skip
        if proposer_ is not Proposer.CHAIR:
            raise _refuse(_("A commune-wide matter is proposed by the chair of the commune People's Committee "
                            "(Art. 16 %(law)s).") % {"law": LAW}, errors.BAD_STATE, field="proposer")  # fmt: skip
    body = commune_committee(unit)
    if body is None:
        raise _refuse(_("This commune has no People's Committee set up."), errors.NOT_IN_SCOPE)
    if scope_ is Scope.COMMUNE:
        require(actor, RUN_DECISIONS, body)
    if proposer_ in (Proposer.CHAIR, Proposer.VILLAGE_HEAD) and front_agreed_on is None:
        raise _refuse(_("Write the day the Front committee agreed to put this matter (Art. 16 %(law)s).")
                      % {"law": LAW}, errors.REQUIRED, field="front_agreed_on")  # fmt: skip
    if front_agreed_on is not None and front_agreed_on > today:
        raise _refuse(_("The Front's agreement cannot be after the day of the proposal."), errors.BAD_DATE,
                      field="front_agreed_on")  # fmt: skip
    if proposer_ is Proposer.FRONT_ENDORSED:
        raise _refuse(_("The Front takes up an initiative after it was proposed (Art. 16 %(law)s).") % {"law": LAW},
                      errors.BAD_STATE, field="proposer")  # fmt: skip
    title, content = _clean(title, 300), _clean(content, 20_000)
    if not title or not content:
        raise _refuse(_("Write the title and the content put to the community."), errors.REQUIRED)
    for _attempt in range(_CODE_TRIES):
        try:
            with transaction.atomic():
                matter = Matter.objects.create(
                    code=_next_code(today.year), commune=unit, organization=body, village=village, scope=scope_,
                    item=item_, title=title, content=content, proposer=proposer_, proposed_by=actor,
                    proposed_on=today, front_agreed_on=front_agreed_on if proposer_ is not Proposer.INITIATIVE else None,
                )  # fmt: skip
                audit_record(actor=actor, action="democracy.matter_propose", obj=matter, object_repr=str(matter),
                             after={"scope": scope_, "item": int(item_), "proposer": proposer_})  # fmt: skip
                return matter
        except IntegrityError:
            continue  # another matter took the number: take the next
    raise _refuse(_("Could not number the matter; try again."), errors.BAD_STATE)  # pragma: no cover


# --- Citizens' initiative (Art. 16(2)) ----------------------------------------------------------------


def agreement_record(*, actor: Any, matter: Matter, household_id: int, agreed_on: dt.date) -> InitiativeAgreement:
    """That a household agrees to the initiative on ``agreed_on`` (valid 3 months); a later agreement
    of the same household renews it, the same one again changes nothing."""
    require(actor, RUN_DECISIONS, matter)
    if matter.proposer not in (Proposer.INITIATIVE, Proposer.FRONT_ENDORSED) or matter.status != MatterStatus.PROPOSED:
        raise _refuse(_("Agreements are collected only for a citizens' initiative not yet put (Art. 16 %(law)s).")
                      % {"law": LAW}, errors.BAD_STATE)  # fmt: skip
    if agreed_on > clock.today():
        raise _refuse(_("The day of the agreement cannot be in the future."), errors.BAD_DATE)
    household = Household.objects.filter(pk=household_id, village=matter.village, is_active=True).first()
    if household is None:
        raise _refuse(_("This household is not counted in the village."), errors.UNKNOWN_HOUSEHOLD)
    with transaction.atomic():
        row, created = InitiativeAgreement.objects.select_for_update().get_or_create(
            matter=matter, household=household, defaults={"agreed_on": agreed_on, "recorded_by": actor}
        )
        if not created and agreed_on > row.agreed_on:
            row.agreed_on, row.recorded_by = agreed_on, actor
            row.save(update_fields=["agreed_on", "recorded_by"])
        audit_record(actor=actor, action="democracy.agreement_record", obj=matter, object_repr=str(matter),
                     after={"household": household.pk, "agreed_on": row.agreed_on})  # fmt: skip
    return row


def matter_front_endorse(*, actor: Any, matter: Matter, endorsed_on: dt.date) -> Matter:
    """The commune Front committee takes up an initiative that has fewer than 10 % (Art. 16)."""
    front = commune_front(matter.commune)
    if front is None:
        raise _refuse(_("This commune has no Front committee set up."), errors.NOT_IN_SCOPE)
    require(actor, RECOGNISE, front)
    if matter.proposer != Proposer.INITIATIVE or matter.status != MatterStatus.PROPOSED:
        raise _refuse(_("Only a citizens' initiative not yet put can be taken up by the Front."), errors.BAD_STATE)
    with transaction.atomic():
        matter.proposer, matter.front_agreed_on = Proposer.FRONT_ENDORSED, endorsed_on
        matter.save(update_fields=["proposer", "front_agreed_on", "updated_at"])
        audit_record(actor=actor, action="democracy.matter_front_endorse", obj=matter, object_repr=str(matter),
                     after={"endorsed_on": endorsed_on})  # fmt: skip
    return matter


def _initiative_check(matter: Matter, today: dt.date) -> None:
    if matter.proposer != Proposer.INITIATIVE:
        return
    in_force, total, needed = initiative_counts(matter, today)
    if not rules.INITIATIVE.met(in_force, total):
        raise _refuse(
            _("Only %(n)s of %(total)s households have an agreement in force; an initiative needs at least "
              "%(needed)s (10%%, each agreement valid 3 months; %(basis)s).")
            % {"n": in_force, "total": total, "needed": needed, "basis": rules.INITIATIVE.basis},
            errors.INITIATIVE_SHORT, in_force=in_force, total=total, needed=needed,
        )  # fmt: skip


# --- Rounds: meetings and household ballots (Arts. 17–19) --------------------------------------------


def _round_village(matter: Matter, village: Village | None) -> Village:
    if matter.scope == Scope.VILLAGE:
        assert matter.village is not None
        return matter.village
    if village is None:
        raise _refuse(_("Choose the village this vote is held in."), errors.REQUIRED, field="village")
    if village.commune_id != matter.commune_id or not village.is_active:
        raise _refuse(_("This village is not in the matter's commune."), errors.NOT_IN_SCOPE, field="village")
    return village


def _openable(matter: Matter, form: Form) -> None:
    # Items 1, 2 and 6 may be decided by a meeting or by a ballot (Art. 17): after a meeting that did
    # not pass, the village may still ask every household by ballot [U: the law names both forms
    # without ordering them; the counts are always over ALL households].
    again = (
        matter.status == MatterStatus.FAILED
        and form is Form.BALLOT
        and DecisionItem(matter.item) not in rules.MEETING_ONLY
        and matter.scope == Scope.VILLAGE
    )
    if matter.status not in (MatterStatus.PROPOSED, MatterStatus.OPEN) and not again:
        raise _refuse(_("This matter is no longer being decided."), errors.BAD_STATE)


def _last_meeting(matter: Matter, village: Village) -> VoteRound | None:
    return (
        matter.rounds.filter(village=village, form=Form.MEETING, status=VoteRoundStatus.CLOSED).order_by("-id").first()
    )


def _team(team: list[str]) -> list[str]:
    names = [n.strip()[:200] for n in team if n and n.strip()]
    if not TEAM_MIN <= len(names) <= TEAM_MAX:
        raise _refuse(_("The team has 3 to 5 members (Art. 18, Art. 19 %(law)s); %(n)s named.")
                      % {"law": LAW, "n": len(names)}, errors.BAD_TEAM, field="team")  # fmt: skip
    return names


def _round_open(*, actor: Any, matter: Matter, village: Village | None, form: Form, **fields: Any) -> VoteRound:
    """Shared by the meeting and ballot openers: scope, permission, form, initiative and the snapshot."""
    village_ = _round_village(matter, village)
    require(actor, RUN_DECISIONS, village_)
    _openable(matter, form)
    item = DecisionItem(matter.item)
    if form is Form.ONLINE:
        raise _refuse(_("An online vote is opened from the online voting pages (NĐ 59/2023/NĐ-CP)."),
                      errors.FORM_NOT_ALLOWED)  # fmt: skip
    last = _last_meeting(matter, village_)
    refusal = rules.form_refusal(item, form, scope=Scope(matter.scope),
                                 meeting_lacked_households=bool(last and last.lacked_households))  # fmt: skip
    if refusal is not None:
        raise _refuse(_("This form is not allowed for this item now: a ballot follows only a meeting that lacked "
                        "the households (%(basis)s).") % {"basis": refusal.basis}, refusal.code)  # fmt: skip
    _initiative_check(matter, clock.today())
    total = counted_households(village_)
    if total == 0:
        raise _refuse(_("The village has no counted households."), errors.NO_HOUSEHOLDS)
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if (
            locked.rounds.filter(village=village_)
            .exclude(status__in=[VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED])
            .exists()
        ):
            raise _refuse(_("A vote on this matter is already under way in this village."), errors.BAD_STATE)
        if locked.scope == Scope.COMMUNE and locked.rounds.filter(village=village_, passed=True).exists():
            raise _refuse(_("This village has already agreed."), errors.BAD_STATE)
        round_ = VoteRound.objects.create(matter=locked, village=village_, form=form, households_total=total, **fields)
        if locked.scope == Scope.VILLAGE:
            locked.households_total = total
        elif locked.villages_total is None:
            locked.villages_total = Village.objects.filter(commune=locked.commune, is_active=True).count()
        locked.status = MatterStatus.OPEN
        locked.save(update_fields=["households_total", "villages_total", "status", "updated_at"])
        audit_record(actor=actor, action="democracy.round_open", obj=locked, object_repr=str(locked),
                     after={"round": round_.pk, "form": form, "village": village_.pk, "households_total": total})  # fmt: skip
    matter.refresh_from_db()
    return round_


def meeting_open(
    *, actor: Any, matter: Matter, held_on: dt.date, village: Village | None = None, place: str = ""
) -> VoteRound:
    """Call a community meeting on the matter (Art. 17–18); the households are counted now."""
    return _round_open(actor=actor, matter=matter, village=village, form=Form.MEETING, announced_on=clock.today(),
                       opens_at=dt.datetime.combine(held_on, dt.time(8), tzinfo=clock.now().tzinfo),
                       place=_clean(place, 200))  # fmt: skip


def meeting_record(
    *,
    actor: Any,
    round_: VoteRound,
    chaired_by: str,
    secretary: str,
    present: int,
    absent: int,
    method: str,
    yes: int,
    no: int,
    blank: int = 0,
    team: list[str] | None = None,
    minutes: str = "",
) -> RoundResult:
    """The meeting's facts and its vote (Art. 18), then its count (``round_count``)."""
    require(actor, RUN_DECISIONS, round_)
    if round_.form != Form.MEETING:
        raise _refuse(_("This round is not a meeting."), errors.BAD_STATE)
    if not chaired_by.strip() or not secretary.strip():
        raise _refuse(_("Write who chaired the meeting and its secretary (Art. 18 %(law)s).") % {"law": LAW},
                      errors.REQUIRED)  # fmt: skip
    if min(present, absent) < 0 or present + absent != round_.households_total:
        raise _refuse(_("Households present (%(p)s) and absent (%(a)s) must add up to the %(t)s households of the "
                        "village (Art. 21 %(law)s).") % {"p": present, "a": absent, "t": round_.households_total,
                                                         "law": LAW}, errors.BAD_COUNTS)  # fmt: skip
    try:
        method_ = VoteMethod(method)
    except ValueError:
        raise _refuse(_("Choose how the meeting voted."), errors.REQUIRED, field="method") from None
    names = _team(team or []) if method_ is VoteMethod.SECRET_BALLOT else []
    with transaction.atomic():
        locked = VoteRound.objects.select_for_update().get(pk=round_.pk)
        locked.chaired_by, locked.secretary = _clean(chaired_by, 200), _clean(secretary, 200)
        locked.method, locked.team = method_, names
        result = round_count(actor=actor, round_=locked, yes=yes, no=no, blank=blank, present=present,
                             minutes=_clean(minutes, 20_000))  # fmt: skip
    round_.refresh_from_db()
    return result


def ballot_open(
    *,
    actor: Any,
    matter: Matter,
    announced_on: dt.date,
    distribute_on: dt.date,
    team: list[str],
    village: Village | None = None,
    place: str = "",
) -> VoteRound:
    """Announce a household ballot (Art. 19): its content, timing and team, at least the
    ``thong_bao_phat_phieu`` lead before the ballots go out."""
    names = _team(team)
    latest = due_on("thong_bao_phat_phieu", distribute_on)
    if announced_on > latest:
        raise _refuse(_("A ballot is announced by %(day)s at the latest for ballots handed out on %(out)s "
                        "(Art. 19 %(law)s).") % {"day": latest.strftime("%d/%m/%Y"),
                                                 "out": distribute_on.strftime("%d/%m/%Y"), "law": LAW},
                      errors.NOTICE_TOO_SHORT, latest=latest.isoformat())  # fmt: skip
    return _round_open(actor=actor, matter=matter, village=village, form=Form.BALLOT, announced_on=announced_on,
                       opens_at=dt.datetime.combine(distribute_on, dt.time(7), tzinfo=clock.now().tzinfo),
                       team=names, place=_clean(place, 200))  # fmt: skip


def ballot_return_record(*, actor: Any, round_: VoteRound, household_id: int, returned_on: dt.date) -> BallotReturn:
    """That a household returned its ballot: once per household (the database's unique constraint
    decides between two officers at the same instant)."""
    require(actor, RUN_DECISIONS, round_)
    if round_.form != Form.BALLOT or round_.status in (VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED):
        raise _refuse(_("This ballot is not being collected."), errors.VOTING_CLOSED)
    household = Household.objects.filter(pk=household_id, village_id=round_.village_id, is_active=True).first()
    if household is None:
        raise _refuse(_("This household is not counted in the village."), errors.UNKNOWN_HOUSEHOLD)
    handed_out = clock.local(round_.opens_at).date() if round_.opens_at else None
    if returned_on > clock.today() or (handed_out is not None and returned_on < handed_out):
        raise _refuse(_("A ballot is returned between the day the ballots were handed out and today."),
                      errors.BAD_DATE, field="returned_on")  # fmt: skip
    already = _("This household's ballot is already recorded: one ballot per household (Art. 19 %(law)s).") % {
        "law": LAW
    }
    if BallotReturn.objects.filter(round=round_, household=household).exists():
        raise _refuse(already, errors.ALREADY_VOTED)
    try:
        with transaction.atomic():
            row = BallotReturn.objects.create(round=round_, household=household, returned_on=returned_on,
                                              recorded_by=actor)  # fmt: skip
            VoteRound.objects.filter(pk=round_.pk, status=VoteRoundStatus.ANNOUNCED).update(status=VoteRoundStatus.OPEN)
    except IntegrityError:
        raise _refuse(already, errors.ALREADY_VOTED) from None
    return row


def ballot_count(*, actor: Any, round_: VoteRound, yes: int, no: int, blank: int = 0, minutes: str = "") -> RoundResult:
    """The team's count of the returned ballots (Art. 19): yes + no + blank ≤ the ballots returned."""
    require(actor, RUN_DECISIONS, round_)
    if round_.form != Form.BALLOT:
        raise _refuse(_("This round is not a household ballot."), errors.BAD_STATE)
    with transaction.atomic():
        locked = VoteRound.objects.select_for_update().get(pk=round_.pk)
        returns = locked.ballot_returns.count()
        if min(yes, no, blank) < 0 or yes + no + blank > returns:
            raise _refuse(_("%(v)s ballots counted but %(r)s returned (Art. 19 %(law)s).")
                          % {"v": yes + no + blank, "r": returns, "law": LAW}, errors.BAD_COUNTS)  # fmt: skip
        result = round_count(actor=actor, round_=locked, yes=yes, no=no, blank=blank, present=returns,
                             minutes=_clean(minutes, 20_000))  # fmt: skip
    round_.refresh_from_db()
    return result


# --- The decision record (Art. 20) and recognition (Art. 21(2)) --------------------------------------


def _result_text(matter: Matter, last: VoteRound) -> str:
    if matter.scope == Scope.COMMUNE:
        agreed = matter.rounds.filter(status=VoteRoundStatus.CLOSED, passed=True).values("village").distinct().count()
        return _("%(a)s of %(t)s villages agreed") % {"a": agreed, "t": matter.villages_total}
    return _("%(y)s of %(t)s households agreed (%(n)s disagreed, %(b)s no choice)") % {
        "y": last.yes, "t": last.households_total, "n": last.no, "b": last.blank}  # fmt: skip


def record_write(
    *,
    actor: Any,
    matter: Matter,
    decision: str,
    signed_village_head: str,
    signed_front_head: str,
    signed_representatives: list[str],
) -> DecisionRecord:
    """The record of the community's decision (Art. 20), its sending due ``gui_bien_ban`` after the vote."""
    require(actor, RUN_DECISIONS, matter)
    if matter.status != MatterStatus.PASSED or _has_record(matter):
        raise _refuse(_("A record is written once, for a matter the community decided."), errors.BAD_STATE)
    reps = [n.strip()[:200] for n in signed_representatives if n and n.strip()]
    missing = []
    if not signed_village_head.strip():
        missing.append(str(_("the village head")))
    if not signed_front_head.strip():
        missing.append(str(_("the head of the Front work committee")))
    if len(reps) < REPRESENTATIVES_MIN:
        missing.append(str(_("two household representatives")))
    if missing:
        raise _refuse(_("The record must be signed by %(who)s (Art. 20 %(law)s).")
                      % {"who": ", ".join(missing), "law": LAW}, errors.MISSING_SIGNATURES)  # fmt: skip
    if not decision.strip():
        raise _refuse(_("Write what the community decided."), errors.REQUIRED, field="decision")
    last = matter.rounds.filter(status=VoteRoundStatus.CLOSED).order_by("-counted_at", "-id").first()
    assert last is not None and matter.decided_on is not None
    held_on = clock.local(last.counted_at).date() if last.counted_at else matter.decided_on
    rule = rules.in_force_rule(DecisionItem(matter.item), Scope(matter.scope))
    with transaction.atomic():
        record = DecisionRecord.objects.create(
            matter=matter, held_on=held_on, households_total=last.households_total,
            present=last.present or 0, absent=last.absent or 0, form=last.form,
            result=_result_text(matter, last)[:300], decision=_clean(decision, 20_000),
            signed_village_head=_clean(signed_village_head, 200), signed_front_head=_clean(signed_front_head, 200),
            signed_representatives=reps, send_due_on=due_on("gui_bien_ban", held_on),
            in_force_on=matter.decided_on if rule is rules.InForce.ON_ADOPTION else None,
        )  # fmt: skip
        audit_record(actor=actor, action="democracy.record_write", obj=matter, object_repr=str(matter),
                     after={"record": record.pk, "send_due_on": record.send_due_on})  # fmt: skip
    return record


def _has_record(matter: Matter) -> bool:
    return DecisionRecord.objects.filter(matter=matter).exists()


def record_send(*, actor: Any, record: DecisionRecord, sent_on: dt.date) -> DecisionRecord:
    """The record went to the commune's People's Committee and Front committee (Art. 20)."""
    matter = record.matter
    require(actor, RUN_DECISIONS, matter)
    if record.sent_on is not None:
        return record  # sent already: a retry changes nothing
    if sent_on < record.held_on or sent_on > clock.today():
        raise _refuse(_("The day sent is between the vote and today."), errors.BAD_DATE)
    rule = rules.in_force_rule(DecisionItem(matter.item), Scope(matter.scope))
    with transaction.atomic():
        record.sent_on = sent_on
        record.save(update_fields=["sent_on", "updated_at"])
        matter.status = MatterStatus.IN_FORCE if rule is rules.InForce.ON_ADOPTION else MatterStatus.SENT
        matter.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="democracy.record_send", obj=matter, object_repr=str(matter),
                     after={"sent_on": sent_on, "late": sent_on > record.send_due_on})  # fmt: skip
    return record


def _receiving_body(matter: Matter) -> Organization:
    body = recognising_body(matter) or commune_committee(matter.commune)
    if body is None:
        raise _refuse(_("This commune has no People's Committee set up."), errors.NOT_IN_SCOPE)
    return body


def record_receive(*, actor: Any, record: DecisionRecord, received_on: dt.date) -> DecisionRecord:
    """The commune body received the record; recognition is due ``cong_nhan`` after (Art. 21(2))."""
    matter = record.matter
    body = _receiving_body(matter)
    require(actor, RECOGNISE, body)
    if record.sent_on is None:
        raise _refuse(_("The record has not been sent yet."), errors.BAD_STATE)
    if record.received_on is not None:
        return record
    if received_on < record.sent_on or received_on > clock.today():
        raise _refuse(_("The day received is between the day sent and today."), errors.BAD_DATE)
    with transaction.atomic():
        record.received_on = received_on
        if rules.needs_recognition(DecisionItem(matter.item), Scope(matter.scope)):
            record.recognition_due_on = due_on("cong_nhan", received_on)
        record.save(update_fields=["received_on", "recognition_due_on", "updated_at"])
        audit_record(actor=actor, action="democracy.record_receive", obj=matter, object_repr=str(matter),
                     after={"received_on": received_on, "recognition_due_on": record.recognition_due_on})  # fmt: skip
    return record


def _recognisable(actor: Any, record: DecisionRecord) -> Organization:
    matter = record.matter
    body = recognising_body(matter)
    if body is None:
        raise _refuse(_("Items 1, 2 and 6 come into force without recognition (Art. 21(2) %(law)s).") % {"law": LAW},
                      errors.BAD_STATE)  # fmt: skip
    require(actor, RECOGNISE, body)
    if record.received_on is None:
        raise _refuse(_("Record the day the record was received first."), errors.BAD_STATE)
    if record.recognised_on is not None or record.refused_on is not None:
        raise _refuse(_("This record has already been answered."), errors.BAD_STATE)
    return body


def record_recognise(*, actor: Any, record: DecisionRecord, recognised_on: dt.date) -> DecisionRecord:
    """Recognition by the commune People's Committee (items 3–4) or Front committee (item 5); the
    result is in force from that day (Art. 21(2))."""
    body = _recognisable(actor, record)
    if recognised_on < record.received_on or recognised_on > clock.today():  # type: ignore[operator]
        raise _refuse(_("The day of recognition is between the day received and today."), errors.BAD_DATE)
    with transaction.atomic():
        record.recognised_on, record.recognised_by, record.in_force_on = recognised_on, body, recognised_on
        record.save(update_fields=["recognised_on", "recognised_by", "in_force_on", "updated_at"])
        matter = record.matter
        matter.status = MatterStatus.IN_FORCE
        matter.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="democracy.record_recognise", obj=matter, object_repr=str(matter),
                     after={"recognised_on": recognised_on, "body": body.pk,
                            "late": bool(record.recognition_due_on and recognised_on > record.recognition_due_on)})  # fmt: skip
    return record


def record_refuse(*, actor: Any, record: DecisionRecord, refused_on: dt.date, reason: str) -> DecisionRecord:
    """A refusal to recognise, with its reasons (Art. 21(2))."""
    body = _recognisable(actor, record)
    if not reason.strip():
        raise _refuse(_("A refusal gives its reasons (Art. 21(2) %(law)s).") % {"law": LAW}, errors.REQUIRED,
                      field="reason")  # fmt: skip
    if refused_on < record.received_on or refused_on > clock.today():  # type: ignore[operator]
        raise _refuse(_("The day of the answer is between the day received and today."), errors.BAD_DATE)
    with transaction.atomic():
        record.refused_on, record.recognised_by, record.refusal_reason = refused_on, body, _clean(reason, 5000)
        record.save(update_fields=["refused_on", "recognised_by", "refusal_reason", "updated_at"])
        matter = record.matter
        matter.status = MatterStatus.REFUSED
        matter.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="democracy.record_refuse", obj=matter, object_repr=str(matter),
                     after={"refused_on": refused_on, "body": body.pk})  # fmt: skip
    return record


def in_force_date_set(*, actor: Any, record: DecisionRecord, in_force_on: dt.date) -> DecisionRecord:
    """The day the commune People's Committee sets for a commune-wide matter (Art. 21(2))."""
    matter = record.matter
    if rules.in_force_rule(DecisionItem(matter.item), Scope(matter.scope)) is not rules.InForce.ON_DATE_SET:
        raise _refuse(_("Only a commune-wide matter comes into force on a day the People's Committee sets "
                        "(Art. 21(2) %(law)s).") % {"law": LAW}, errors.BAD_STATE)  # fmt: skip
    require(actor, RECOGNISE, _receiving_body(matter))
    if record.sent_on is None or in_force_on < record.held_on:
        raise _refuse(_("Set a day after the vote, once the record was sent."), errors.BAD_DATE)
    with transaction.atomic():
        record.in_force_on = in_force_on
        record.save(update_fields=["in_force_on", "updated_at"])
        matter.status = MatterStatus.IN_FORCE
        matter.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="democracy.in_force_date_set", obj=matter, object_repr=str(matter),
                     after={"in_force_on": in_force_on})  # fmt: skip
    return record


def matter_withdraw(*, actor: Any, matter: Matter, reason: str) -> Matter:
    """Withdraw a matter not yet in force, with the reason (kept; never deleted)."""
    require(actor, RUN_DECISIONS, matter)
    if matter.status in CLOSED_STATES:
        raise _refuse(_("This matter can no longer be withdrawn."), errors.BAD_STATE)
    if not reason.strip():
        raise _refuse(_("Write why the matter is withdrawn."), errors.REQUIRED, field="reason")
    with transaction.atomic():
        matter.rounds.exclude(status__in=[VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED]).update(
            status=VoteRoundStatus.CANCELLED
        )
        matter.status, matter.withdrawn_reason = MatterStatus.WITHDRAWN, _clean(reason, 500)
        matter.save(update_fields=["status", "withdrawn_reason", "updated_at"])
        audit_record(actor=actor, action="democracy.matter_withdraw", obj=matter, object_repr=str(matter),
                     after={"reason": matter.withdrawn_reason})  # fmt: skip
    return matter


__all__ = [
    "agreement_record",
    "ballot_count",
    "ballot_open",
    "ballot_return_record",
    "decisions_sweep",
    "due_on",
    "in_force_date_set",
    "matter_front_endorse",
    "matter_propose",
    "matter_withdraw",
    "meeting_open",
    "meeting_record",
    "record_receive",
    "record_recognise",
    "record_refuse",
    "record_send",
    "record_write",
]


# --- The morning sweep -------------------------------------------------------------------------------

SWEEP_SEND: Final = "democracy.record_send_overdue"
SWEEP_RECOGNITION: Final = "democracy.recognition_overdue"


def _notify(users: list[Any], record: DecisionRecord, code: str, subject: str) -> int:
    from django.urls import reverse

    from danvan.notifications.choices import Channel
    from danvan.notifications.services import notification_send

    link = reverse("democracy:decision_detail", args=[record.matter_id])
    for user in {u.pk: u for u in users}.values():
        notification_send(channel=Channel.IN_APP, recipient=user, template=f"democracy.{code}", subject=subject,
                          body=record.matter.title[:300], about_kind="democracy.matter", about_id=record.matter_id,
                          about_label=record.matter.code, link=link)  # fmt: skip
    return len({u.pk for u in users})


def decisions_sweep(*, today: dt.date) -> dict[str, int]:
    """Tell the village body of each record not sent by its due day (Art. 20), and the recognising
    body of each recognition overdue (Art. 21(2)) — once each: the sweep's own audit event is the mark,
    so running it twice a day changes nothing."""
    from danvan.core.models import AuditEvent
    from danvan.org.selectors import users_who_may

    counts = {"records_overdue": 0, "recognitions_overdue": 0}
    label = DecisionRecord._meta.label_lower

    def done(record: DecisionRecord, action: str) -> bool:
        return AuditEvent.objects.filter(object_type=label, object_id=str(record.pk), action=action).exists()

    unsent = (
        DecisionRecord.objects.filter(sent_on__isnull=True, send_due_on__lt=today)
        .select_related("matter__village__organization", "matter__organization")
        .exclude(matter__status=MatterStatus.WITHDRAWN)
    )
    for record in unsent:
        with transaction.atomic():
            DecisionRecord.objects.select_for_update().filter(pk=record.pk).first()
            if done(record, SWEEP_SEND):
                continue
            body = record.matter.permission_organization()
            subject = str(_("Record %(code)s was due to be sent by %(day)s (Art. 20)")
                          % {"code": record.matter.code, "day": record.send_due_on.strftime("%d/%m/%Y")})  # fmt: skip
            _notify(list(users_who_may(RUN_DECISIONS, organization=body)), record, "record_overdue", subject)
            audit_record(actor=None, action=SWEEP_SEND, obj=record, after={"send_due_on": record.send_due_on})
            counts["records_overdue"] += 1
    waiting = DecisionRecord.objects.filter(
        received_on__isnull=False, recognised_on__isnull=True, refused_on__isnull=True,
        recognition_due_on__lt=today,
    ).select_related("matter__commune")  # fmt: skip
    for record in waiting:
        with transaction.atomic():
            DecisionRecord.objects.select_for_update().filter(pk=record.pk).first()
            if done(record, SWEEP_RECOGNITION):
                continue
            body = recognising_body(record.matter)
            if body is None:
                continue
            assert record.recognition_due_on is not None
            subject = str(_("Recognition of %(code)s was due by %(day)s (Art. 21(2))")
                          % {"code": record.matter.code, "day": record.recognition_due_on.strftime("%d/%m/%Y")})  # fmt: skip
            _notify(list(users_who_may(RECOGNISE, organization=body)), record, "recognition_overdue", subject)
            audit_record(actor=None, action=SWEEP_RECOGNITION, obj=record,
                         after={"recognition_due_on": record.recognition_due_on})  # fmt: skip
            counts["recognitions_overdue"] += 1
    return counts
