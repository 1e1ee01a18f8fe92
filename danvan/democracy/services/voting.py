"""Online voting (biểu quyết trực tuyến, NĐ 59/2023; spec §5.2 "Online voting"): every write.

A village head puts an item-6 matter (Art. 15(6), other self-management matters, village scope only)
to the households online in two steps: first each household says whether it agrees to vote online
(``OnlineConsent``); only when MORE than half of ALL households agreed (``rules.ONLINE_CONSENT``) may
the vote open. Each household's representative asks for a one-time code with the household code and
the phone the village has for it (the same answer whether they matched or not), receives it by SMS,
and votes once. The vote is stored as two rows that are never linked: ``OnlineVoter`` (who voted, the
day only) and ``OnlineBallot`` (what, under a random key, with the SHA-256 of a receipt code shown to
the voter once). At close the ballots are counted and ``rounds.round_count`` decides the result over
ALL households (``rules.ONLINE_PASS``).

Codes are copied from citizens' sign-in (``citizens.services``): six digits kept only as a keyed
digest, one live code per household and purpose, valid ``CODE_TTL``, at most ``MAX_ATTEMPTS`` tries
(a try is committed even when the check fails), spent once used. Rate limits are the callers'
(``ui.limits`` rules ``vote_code`` and ``vote_verify``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from danvan.core import clock, contacts
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.tokens import derived_token
from danvan.democracy import errors, rules
from danvan.democracy.enums import DecisionItem, Form, MatterStatus, Scope, VoteChoice, VoteRoundStatus
from danvan.democracy.models import Household, Matter, OnlineBallot, OnlineConsent, OnlineVoter, VoteCode, VoteRound
from danvan.democracy.permissions import RUN_DECISIONS
from danvan.democracy.services import rounds
from danvan.notifications.choices import Channel
from danvan.notifications.services import notification_send
from danvan.org.permissions import require

log = logging.getLogger(__name__)
CODE_TTL = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
CONSENT = "consent"
VOTE = "vote"
ABOUT = "democracy.online_vote"
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on a phone
VOTE_CHOICES = (VoteChoice.YES, VoteChoice.NO)  # the page's two buttons; no blank online


def _refuse(message: str, code: str) -> NoReturn:
    raise DomainError(message, code=code)


# The round ------------------------------------------------------------------------------------------


@transaction.atomic
def consent_round_open(*, actor: Any, matter: Matter, opens_at: dt.datetime, closes_at: dt.datetime) -> VoteRound:
    """Ask the households of ``matter``'s village whether to decide it online (status ``consent``).
    Only item 6 at village scope may be voted online (``ONLINE_NOT_ALLOWED``, Art. 17(3))."""
    require(actor, RUN_DECISIONS, matter.permission_organization())
    matter = Matter.objects.select_for_update(of=("self",)).select_related("village").get(pk=matter.pk)
    refusal = rules.form_refusal(DecisionItem(matter.item), Form.ONLINE, scope=Scope(matter.scope),
                                 online_consent_given=True)  # fmt: skip
    if refusal is not None or matter.village is None:
        _refuse(_("Only other self-management matters (item 6) of one village may be voted online (%(basis)s).")
                % {"basis": refusal.basis if refusal else f"Khoản 3 Điều 17 {rules.LAW}"},
                errors.ONLINE_NOT_ALLOWED)  # fmt: skip
    if matter.status not in (MatterStatus.PROPOSED, MatterStatus.OPEN):
        _refuse(_("This matter is no longer being decided."), errors.BAD_STATE)
    if matter.rounds.filter(form=Form.ONLINE, status__in=[VoteRoundStatus.CONSENT, VoteRoundStatus.OPEN]).exists():
        _refuse(_("An online vote of this matter is already under way."), errors.BAD_STATE)
    if not opens_at or not closes_at or closes_at <= opens_at:
        _refuse(_("The consent period must close after it opens."), errors.BAD_DATE)
    # The snapshot: these households are ALL households of the round (the denominator of both
    # thresholds), and only they may answer or vote (``_household``).
    eligible = sorted(Household.objects.filter(village=matter.village, is_active=True).values_list("pk", flat=True))
    total = len(eligible)
    if total == 0:
        _refuse(_("The village has no households to ask."), errors.NO_HOUSEHOLDS)
    round_ = VoteRound.objects.create(matter=matter, village=matter.village, form=Form.ONLINE,
                                      status=VoteRoundStatus.CONSENT, announced_on=clock.today(),
                                      opens_at=opens_at, closes_at=closes_at, households_total=total,
                                      eligible=eligible)  # fmt: skip
    if matter.households_total is None:
        matter.households_total = total
    matter.status = MatterStatus.OPEN
    matter.save(update_fields=["households_total", "status", "updated_at"])
    audit_record(actor=actor, action="democracy.online_consent_open", obj=round_, object_repr=str(matter),
                 after={"matter": matter.pk, "households_total": total, "opens_at": opens_at.isoformat(),
                        "closes_at": closes_at.isoformat()})  # fmt: skip
    return round_


def _consent_count(round_: VoteRound) -> int:
    return OnlineConsent.objects.filter(round=round_, agreed=True).count()


def _consent_store(round_: VoteRound, household: Household, agreed: bool) -> OnlineConsent:
    row, _created = OnlineConsent.objects.update_or_create(round=round_, household=household,
                                                            defaults={"agreed": agreed, "answered_at": clock.now()})  # fmt: skip
    round_.consent_yes = _consent_count(round_)
    round_.save(update_fields=["consent_yes", "updated_at"])
    return row


def _in_window(round_: VoteRound, status: str) -> None:
    now = clock.now()
    if (
        round_.status != status
        or (round_.opens_at and now < round_.opens_at)
        or (round_.closes_at and now >= round_.closes_at)
    ):
        _refuse(_("This online vote is not open now (Nghị định 59/2023/NĐ-CP)."), errors.VOTING_CLOSED)


@transaction.atomic
def consent_record(*, actor: Any, round_: VoteRound, household: Household, agreed: bool) -> OnlineConsent:
    """The village head records a household's answer given in person or on paper (again: replaced)."""
    require(actor, RUN_DECISIONS, round_.permission_organization())
    round_ = VoteRound.objects.select_for_update(of=("self",)).get(pk=round_.pk)
    if round_.status != VoteRoundStatus.CONSENT:
        _refuse(_("Consent is no longer being asked for this vote."), errors.VOTING_CLOSED)
    if household.village_id != round_.village_id or not household.is_active or not _eligible(round_, household.pk):
        _refuse(_("This household is not one of the village's."), errors.UNKNOWN_HOUSEHOLD)
    row = _consent_store(round_, household, agreed)
    audit_record(actor=actor, action="democracy.online_consent_record", obj=round_,
                 after={"household": household.code, "agreed": agreed})  # fmt: skip
    return row


@transaction.atomic
def vote_open(*, actor: Any, round_: VoteRound, opens_at: dt.datetime, closes_at: dt.datetime) -> VoteRound:
    """Open the vote once more than half of ALL households agreed to vote online (NĐ 59/2023)."""
    require(actor, RUN_DECISIONS, round_.permission_organization())
    round_ = VoteRound.objects.select_for_update(of=("self",)).select_related("matter").get(pk=round_.pk)
    if round_.status != VoteRoundStatus.CONSENT:
        _refuse(_("Only a round asking consent can open its vote."), errors.BAD_STATE)
    agreed = _consent_count(round_)
    given = rules.ONLINE_CONSENT.met(agreed, round_.households_total)
    refusal = rules.form_refusal(DecisionItem(round_.matter.item), Form.ONLINE, scope=Scope(round_.matter.scope),
                                 online_consent_given=given)  # fmt: skip
    if refusal is not None:
        _refuse(_("%(agreed)s of %(total)s households agreed to vote online; more than half of all households "
                  "must agree (%(basis)s).") % {"agreed": agreed, "total": round_.households_total,
                                                "basis": refusal.basis}, refusal.code)  # fmt: skip
    if not opens_at or not closes_at or closes_at <= opens_at or closes_at <= clock.now():
        _refuse(_("The vote must close after it opens, and in the future."), errors.BAD_DATE)
    round_.status, round_.consent_yes = VoteRoundStatus.OPEN, agreed
    round_.opens_at, round_.closes_at = opens_at, closes_at
    round_.save(update_fields=["status", "consent_yes", "opens_at", "closes_at", "updated_at"])
    audit_record(actor=actor, action="democracy.online_vote_open", obj=round_, object_repr=str(round_.matter),
                 after={"consent_yes": agreed, "households_total": round_.households_total,
                        "opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()})  # fmt: skip
    return round_


# One-time codes -------------------------------------------------------------------------------------


def _code_digest(round_: VoteRound, household: Household, purpose: str, code: str) -> str:
    return derived_token("democracy-vote-code", f"{round_.pk}:{household.pk}:{purpose}:{code}")


def _eligible(round_: VoteRound, household_id: int) -> bool:
    """Counted at the snapshot (``consent_round_open``). Rounds opened before the snapshot was stored
    fall back to the households that existed when the round was created."""
    if round_.eligible:
        return household_id in set(round_.eligible)
    return Household.objects.filter(pk=household_id, created_at__lte=round_.created_at).exists()


def _household(round_: VoteRound, code: str) -> Household | None:
    """The round's household of this code: in the village, counted now AND counted at the snapshot."""
    code = (code or "").strip()
    if not code:
        return None
    rows = Household.objects.filter(village_id=round_.village_id, is_active=True, code__iexact=code).order_by("pk")
    found = [h for h in rows if _eligible(round_, h.pk)]
    exact = [h for h in found if h.code == code]  # "H1" before "h1" when both exist
    return (exact or found)[0] if found else None


_same_phone = contacts.same_phone  # shared with consultations' household verification


def _code_new(round_: VoteRound, household: Household, purpose: str) -> str:
    """A fresh live code for the household (the older ones stop working); only its digest is stored.
    Sent by ``code_request``; the demo (``demo_voting``) uses it to cast its sample ballots."""
    now = clock.now()
    VoteCode.objects.filter(round=round_, household=household, purpose=purpose, used_at__isnull=True).update(
        used_at=now
    )
    code = f"{secrets.randbelow(10**6):06d}"
    VoteCode.objects.create(round=round_, household=household, purpose=purpose, sent_at=now,
                            code_hash=_code_digest(round_, household, purpose, code),
                            expires_at=now + CODE_TTL)  # fmt: skip
    return code


def code_request(*, round_: VoteRound, household_code: str, phone: str) -> bool:
    """Send a one-time code to the household's phone when ``phone`` is the one the village has for it.
    The caller answers the same either way, so no one learns who lives where; the result (True: sent)
    is only for the caller's rate limits (a household's own budget counts only its matched requests).
    A miss never touches the household's live code. Both branches do the same reads and one
    transaction with one audit row, so the answer's time tells little (the SMS itself is queued on
    commit). Refused only when the round is not asking consent nor voting now (``VOTING_CLOSED``)."""
    round_ = VoteRound.objects.get(pk=round_.pk)
    purpose = CONSENT if round_.status == VoteRoundStatus.CONSENT else VOTE
    _in_window(round_, VoteRoundStatus.CONSENT if purpose == CONSENT else VoteRoundStatus.OPEN)
    household = _household(round_, household_code)
    if household is None or not _same_phone(phone, household.phone):
        with transaction.atomic():
            # The same shape of work as a match (a lookup of live codes, a digest, an audit row).
            VoteCode.objects.filter(round=round_, household_id=household.pk if household else 0, purpose=purpose,
                                    used_at__isnull=True).exists()  # fmt: skip
            derived_token("democracy-vote-code", f"{round_.pk}:-:{purpose}:{secrets.randbelow(10**6):06d}")
            audit_record(actor=None, action="democracy.vote_code_not_sent", obj=round_, reason="no match")
        return False
    with transaction.atomic():
        code = _code_new(round_, household, purpose)
        minutes = int(CODE_TTL.total_seconds() // 60)
        text = (f"Ma bieu quyet truc tuyen Dan Van So: {code} (ho {household.code}, hieu luc {minutes} phut). "
                "Khong dua ma nay cho nguoi khac.")  # fmt: skip
        notification_send(channel=Channel.SMS, template="democracy.vote_code", subject="", body=text,
                          address=contacts.phone_e164(household.phone), about_kind=ABOUT,
                          about_id=round_.pk)  # fmt: skip
        audit_record(actor=None, action="democracy.vote_code_sent", obj=round_,
                     after={"household": household.code, "purpose": purpose})  # fmt: skip
    return True


def _bad_code_message() -> str:  # translated when raised
    return _("This code is wrong, used or expired. Check it, or ask for a new code.")


def _code_take(round_: VoteRound, household: Household, purpose: str, code: str) -> VoteCode:
    """The household's live code if ``code`` is it; one try used (committed), else ``BAD_CODE``."""
    now = clock.now()
    row = (
        VoteCode.objects.filter(
            round=round_, household=household, purpose=purpose, used_at__isnull=True, expires_at__gt=now
        )
        .order_by("-sent_at", "-id")
        .first()
    )
    typed = "".join((code or "").split())
    message = _bad_code_message()
    if row is None:
        _refuse(message, errors.BAD_CODE)
    # One conditional update takes a try, so a burst of guesses cannot pass MAX_ATTEMPTS.
    took = VoteCode.objects.filter(pk=row.pk, used_at__isnull=True, attempts__lt=MAX_ATTEMPTS).update(
        attempts=F("attempts") + 1
    )
    if not took or not hmac.compare_digest(_code_digest(round_, household, purpose, typed), row.code_hash):
        if took and row.attempts + 1 >= MAX_ATTEMPTS:
            VoteCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now)  # the code dies
        _refuse(message, errors.BAD_CODE)
    return row


def _spend(row: VoteCode) -> None:
    if not VoteCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=clock.now()):
        _refuse(_bad_code_message(), errors.BAD_CODE)


def consent_answer(*, round_: VoteRound, household_code: str, code: str, agreed: bool) -> OnlineConsent:
    """A household answers "shall we vote online?" with its one-time code (again: the answer replaced)."""
    round_ = VoteRound.objects.get(pk=round_.pk)
    _in_window(round_, VoteRoundStatus.CONSENT)
    household = _household(round_, household_code)
    if household is None:  # answered like a wrong code: the household codes are not to be probed
        _refuse(_bad_code_message(), errors.BAD_CODE)
    row = _code_take(round_, household, CONSENT, code)
    with transaction.atomic():
        locked = VoteRound.objects.select_for_update(of=("self",)).get(pk=round_.pk)
        _in_window(locked, VoteRoundStatus.CONSENT)
        _spend(row)
        consent = _consent_store(locked, household, agreed)
        audit_record(actor=None, action="democracy.online_consent_answer", obj=locked,
                     after={"household": household.code, "agreed": agreed})  # fmt: skip
    return consent


# Voting ---------------------------------------------------------------------------------------------


def receipt_hash(receipt: str) -> str:
    """The SHA-256 (hex) of a receipt code as typed: spaces and dashes ignored, case ignored."""
    normal = "".join(ch for ch in (receipt or "").upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def _receipt_new() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Cast:
    receipt: str  # shown to the voter once; only its hash is kept
    receipt_hash: str


def ballot_cast(*, round_: VoteRound, household_code: str, code: str, choice: str) -> Cast:
    """The household's one vote: in one transaction, that it voted (``OnlineVoter``, the day only) and
    what (``OnlineBallot``, a random key, the receipt's hash), never linked; the ballots are rewritten in
    random order (``_ballots_rewrite``). Refusals: ``VOTING_CLOSED``, ``BAD_CODE`` (a household code not
    counted in the round, or a code wrong, reused, expired, tried too often), ``ALREADY_VOTED``."""
    if choice not in VOTE_CHOICES:
        _refuse(_("Choose agree or disagree."), errors.REQUIRED)
    round_ = VoteRound.objects.get(pk=round_.pk)
    _in_window(round_, VoteRoundStatus.OPEN)
    household = _household(round_, household_code)
    if household is None:  # answered like a wrong code: the household codes are not to be probed
        _refuse(_bad_code_message(), errors.BAD_CODE)
    row = _code_take(round_, household, VOTE, code)
    already = _("This household has already voted; a household votes once (Nghị định 59/2023/NĐ-CP).")
    try:
        with transaction.atomic():
            locked = VoteRound.objects.select_for_update(of=("self",)).get(
                pk=round_.pk
            )  # the close waits for this vote
            _in_window(locked, VoteRoundStatus.OPEN)
            _spend(row)
            if OnlineVoter.objects.filter(round=locked, household=household).exists():
                _refuse(already, errors.ALREADY_VOTED)
            OnlineVoter.objects.create(round=locked, household=household, voted_on=clock.today())
            receipt = _receipt_new()
            digest = receipt_hash(receipt)
            _ballots_rewrite(locked, extra=(choice, digest))
            # No audit row at cast time: its time would line up with the ballot written now. Who voted
            # is audited once, at the close (``online_vote_close``), and listed in the minutes.
    except IntegrityError:
        _refuse(already, errors.ALREADY_VOTED)
    return Cast(receipt=receipt, receipt_hash=digest)


def _shuffle(items: list[Any]) -> None:
    secrets.SystemRandom().shuffle(items)


def _ballots_rewrite(round_: VoteRound, *, extra: tuple[str, str] | None = None) -> None:
    """Write the round's ballots again, in random order, under new random keys (and ``extra``, the
    ballot being cast, among them): the tables' physical order (SQLite rowid, PostgreSQL ctid) then
    says nothing about the order of casting, so it cannot be zipped with ``OnlineVoter`` ids or code
    rows. The caller holds the round's lock. A village has hundreds of households: cheap."""
    rows = list(OnlineBallot.objects.filter(round=round_).values_list("choice", "receipt_hash"))
    if extra is not None:
        rows.append(extra)
    rows.sort(key=lambda row: row[1])  # what the shuffle starts from says nothing of the casting order
    _shuffle(rows)
    OnlineBallot.objects.filter(round=round_).delete()
    OnlineBallot.objects.bulk_create(OnlineBallot(round=round_, choice=c, receipt_hash=h) for c, h in rows)


# Closing --------------------------------------------------------------------------------------------


def minutes_text(round_: VoteRound, *, yes: int, no: int, passed: bool) -> str:
    """The minutes of an online vote, after Mẫu 03 (NĐ 59/2023): the matter, the time, the households,
    the participants (the households that voted), the totals and the result."""
    matter, village = round_.matter, round_.village
    voters = list(Household.objects.filter(pk__in=OnlineVoter.objects.filter(round=round_).values("household_id"))
                  .order_by("code").values_list("code", "representative_name"))  # fmt: skip
    threshold = rules.ONLINE_PASS
    opens, closes = (clock.local(t) if t else None for t in (round_.opens_at, round_.closes_at))
    lines = [
        "BIÊN BẢN KẾT QUẢ BIỂU QUYẾT TRỰC TUYẾN (theo Mẫu 03, Nghị định 59/2023/NĐ-CP)",
        f"{village.name} — {matter.code}: {matter.title}",
        f"Thời gian biểu quyết: {opens:%H:%M %d/%m/%Y} – {closes:%H:%M %d/%m/%Y}",
        f"Tổng số hộ gia đình: {round_.households_total}; số hộ đồng ý biểu quyết trực tuyến: {round_.consent_yes}",
        f"Số hộ đã biểu quyết: {len(voters)}; không biểu quyết: {round_.households_total - len(voters)}",
        f"Đồng ý: {yes}; không đồng ý: {no} (trên tổng số {round_.households_total} hộ)",
        f"Kết quả: {'ĐƯỢC THÔNG QUA' if passed else 'KHÔNG ĐƯỢC THÔNG QUA'} "
        f"(cần {threshold.describe()} tổng số hộ — {threshold.basis})",
        "Danh sách hộ gia đình tham gia biểu quyết:",
        *[f"{n}. {code} — {name}" for n, (code, name) in enumerate(voters, 1)],
    ]
    return "\n".join(lines)


def _close(actor: Any, round_: VoteRound) -> rounds.RoundResult:
    _ballots_rewrite(round_)
    yes = OnlineBallot.objects.filter(round=round_, choice=VoteChoice.YES).count()
    no = OnlineBallot.objects.filter(round=round_).exclude(choice=VoteChoice.YES).count()
    passed = rules.ONLINE_PASS.met(yes, round_.households_total)
    # The households that took part (the turnout the Art. 20 record states); the quorum rule is a meeting's only.
    took_part = OnlineVoter.objects.filter(round=round_).count()
    result = rounds.round_count(actor=actor, round_=round_, yes=yes, no=no, blank=0, present=took_part,
                                minutes=minutes_text(round_, yes=yes, no=no, passed=passed))  # fmt: skip
    voters = sorted(Household.objects.filter(pk__in=OnlineVoter.objects.filter(round=round_).values("household_id"))
                    .values_list("code", flat=True))  # fmt: skip
    audit_record(actor=actor, action="democracy.online_vote_close", obj=round_,
                 after={"yes": yes, "no": no, "passed": result.passed, "voters": voters})  # fmt: skip
    return result


@transaction.atomic
def vote_close(*, actor: Any, round_: VoteRound) -> rounds.RoundResult:
    """The village head closes the vote (before its time if they must) and counts it."""
    require(actor, RUN_DECISIONS, round_.permission_organization())
    round_ = VoteRound.objects.select_for_update(of=("self",)).select_related("matter", "village").get(pk=round_.pk)
    if round_.status != VoteRoundStatus.OPEN:
        _refuse(_("Only an open vote can be closed."), errors.BAD_STATE)
    return _close(actor, round_)


def consent_cancel(*, actor: Any, round_: VoteRound) -> VoteRound:
    """End a consent round that did not reach more than half the households (the matter may then be put
    to a meeting)."""
    with transaction.atomic():
        if actor is not None:
            require(actor, RUN_DECISIONS, round_.permission_organization())
        round_ = VoteRound.objects.select_for_update(of=("self",)).get(pk=round_.pk)
        if round_.status != VoteRoundStatus.CONSENT:
            _refuse(_("Only a round asking consent can be ended."), errors.BAD_STATE)
        round_.status, round_.consent_yes = VoteRoundStatus.CANCELLED, _consent_count(round_)
        round_.save(update_fields=["status", "consent_yes", "updated_at"])
        audit_record(actor=actor, action="democracy.online_consent_end", obj=round_,
                     after={"consent_yes": round_.consent_yes, "households_total": round_.households_total})  # fmt: skip
    return round_


def due_close(now: dt.datetime) -> dict[str, int]:
    """The sweep's work: count every open vote whose time is up; end every consent round whose time is
    up without enough consent. Safe to run twice (a counted round is not open)."""
    closed = ended = failed = 0
    for pk in VoteRound.objects.filter(form=Form.ONLINE, status=VoteRoundStatus.OPEN, closes_at__lte=now).values_list(
        "pk", flat=True
    ):
        try:  # each round on its own: one that cannot be counted must not hold back the others
            with transaction.atomic():
                round_ = (
                    VoteRound.objects.select_for_update(of=("self",)).select_related("matter", "village").get(pk=pk)
                )
                if round_.status == VoteRoundStatus.OPEN:
                    _close(None, round_)
                    closed += 1
        except DomainError as exc:
            failed += 1
            log.error("online vote %s could not be counted: %s (%s)", pk, exc.message, exc.code)
    for pk in VoteRound.objects.filter(
        form=Form.ONLINE, status=VoteRoundStatus.CONSENT, closes_at__lte=now
    ).values_list("pk", flat=True):
        try:
            round_ = VoteRound.objects.get(pk=pk)
            if not rules.ONLINE_CONSENT.met(_consent_count(round_), round_.households_total):
                consent_cancel(actor=None, round_=round_)
                ended += 1
        except DomainError as exc:
            failed += 1
            log.error("online consent round %s could not be ended: %s (%s)", pk, exc.message, exc.code)
    return {"online_votes_counted": closed, "online_consents_ended": ended, "online_rounds_failed": failed}
