"""Consultations: the participation part's services (they change state; each a transaction with its audit).

Who takes part (``participant_for``): one ``Participant`` per person and consultation, found by a keyed
digest (``participant_key``) so no raw identifier is stored —

* OPEN verification: the browser's device id (``ui.limits``' signed ``danvan_device`` cookie, the one the
  rate limits already use; the REST API may send the same signed value in a header). A signed-in
  citizen with a proved contact is a RESIDENT participant instead (one person on all their devices).
* RESIDENT: a signed-in citizen with at least one proved contact (``citizens.selectors``).
* HOUSEHOLD: the representative proves it with a one-time code sent by SMS to the phone the village
  has for the household (``household_code_request`` / ``household_verify``), as in democracy's online
  vote (``democracy.services.voting``: the same code length, time to live, tries and phone match). The
  household must be in the consultation's audience. One participant per household: every device that
  proves the household is the same participant (its key is derived from the household alone, and the key
  is unique per consultation).

No participant row names its account or household (no foreign key to either): only the keyed digest, the
kind, the channel and the village are stored, so the votes cannot be read beside an identity.

Views (``statement_add``, ``vote_cast``, ``comment_add``) are taken only while ``rules.takes_views``.
A vote is one row per participant and statement; the unique constraint decides under races: a second
vote with the same value is the same vote (an idempotent retry), another value is ``ALREADY_VOTED``.
Votes are not audited one by one (an audit row per vote would double the writes of the busiest
endpoint and time-stamp each vote beside its participant); statements, comments, counted tallies and
every moderation step are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any, NoReturn

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from danvan.citizens.selectors import verified_contacts
from danvan.consultations import errors, rules
from danvan.consultations.enums import Audience, Channel, Moderation, ParticipantKind, Status, Verification
from danvan.consultations.models import (
    Comment,
    Consultation,
    DraftSection,
    DraftVersion,
    KeyedTally,
    Participant,
    Statement,
    Vote,
)
from danvan.consultations.permissions import KEY_IN, MODERATE
from danvan.consultations.selectors import participation_sql
from danvan.consultations.selectors.access import require_act
from danvan.consultations.selectors.participation import participant_key, totals_recount
from danvan.core import clock, contacts
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.tokens import derived_token
from danvan.democracy.selectors import villages as democracy_villages
from danvan.democracy.services.voting import CODE_TTL, MAX_ATTEMPTS
from danvan.notifications.choices import Channel as NotifyChannel
from danvan.notifications.services import notification_send
from danvan.org.permissions import require

ABOUT = "consultations.household_code"


def _refuse(message: str, code: str) -> NoReturn:
    raise DomainError(message, code=code)


# Who is taking part ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """What a request knows of the person: the device id of its signed cookie (or the API header), the
    signed-in user, and a participant already proved for this consultation (a household, kept in the
    session or in a signed participant token)."""

    device: str = ""
    user: Any = None
    participant_id: int | None = None
    # A valid device cookie issued too recently to be taken (``limits.device_settled``): ``device`` is then
    # empty, and the refusal says to wait a moment rather than to allow cookies.
    device_pending: bool = False


def _participant_get_or_create(consultation: Consultation, kind: str, key: str, **fields: Any) -> Participant:
    found = participation_sql.participant_by_key(consultation.pk, key)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Participant.objects.create(consultation=consultation, kind=kind, key=key, **fields)
    except IntegrityError:  # another request of the same person (or household) created it first
        return Participant.objects.get(consultation=consultation, key=key)


def is_resident(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(verified_contacts(user=user))


def participant_for(*, consultation: Consultation, who: Who) -> Participant:
    """The participant this request speaks for, created on its first view. ``VERIFICATION_REQUIRED``
    when the consultation asks for more than the request proves."""
    verification = consultation.verification
    if who.participant_id:
        proved = Participant.objects.filter(pk=who.participant_id, consultation=consultation).first()
        if proved is not None and (verification != Verification.HOUSEHOLD or proved.kind == ParticipantKind.HOUSEHOLD):
            return proved
    if verification == Verification.HOUSEHOLD:
        _refuse(_("This consultation takes views from verified households: confirm your household first."),
                errors.VERIFICATION_REQUIRED)  # fmt: skip
    if is_resident(who.user):
        key = participant_key(consultation.pk, ParticipantKind.RESIDENT, who.user.pk)
        return _participant_get_or_create(consultation, ParticipantKind.RESIDENT, key)
    if verification == Verification.RESIDENT:
        _refuse(_("This consultation takes views from signed-in residents: sign in with your phone first."),
                errors.VERIFICATION_REQUIRED)  # fmt: skip
    if not who.device and who.device_pending:
        _refuse(_("The page was opened only a moment ago. Wait a second and send it again."),
                errors.DEVICE_PENDING)  # fmt: skip
    if not who.device:
        _refuse(_("Your browser could not be recognised. Allow cookies for this site and try again."),
                errors.VERIFICATION_REQUIRED)  # fmt: skip
    key = participant_key(consultation.pk, ParticipantKind.DEVICE, who.device)
    return _participant_get_or_create(consultation, ParticipantKind.DEVICE, key)


NEW_DEVICE_WINDOW = 3600  # a device is looked up in the database at most once an hour per consultation


def device_is_new(consultation: Consultation, device: str) -> bool:
    """True when ``device`` has no participant yet in this OPEN consultation — what the callers count
    against the ``consult_participant_new`` rate limit. The database is asked once per device and hour (a
    cache marker), not on every vote."""
    if not device or consultation.verification != Verification.OPEN:
        return False
    marker = "consult-seen:" + participant_key(consultation.pk, "seen", device)
    if cache.get(marker):
        return False
    key = participant_key(consultation.pk, ParticipantKind.DEVICE, device)
    # The vote's own read (prepared on PostgreSQL), not a queryset: every voter's first vote asks it.
    if participation_sql.participant_by_key(consultation.pk, key) is None:
        return True  # the caller counts it, then marks it with ``device_seen`` if it was let through
    device_seen(consultation, device)
    return False


def device_seen(consultation: Consultation, device: str) -> None:
    """Mark ``device`` as counted for this consultation (``device_is_new`` answers False for an hour)."""
    cache.set("consult-seen:" + participant_key(consultation.pk, "seen", device), 1, timeout=NEW_DEVICE_WINDOW)


def _takes_views(consultation: Consultation) -> None:
    if not rules.takes_views(Status(consultation.status), consultation.opens_on, consultation.closes_on,
                             clock.today()):  # fmt: skip
        _refuse(_("This consultation is not taking views now."), errors.NOT_OPEN)


# Households: the audience and the one-time code ---------------------------------------------------------


def village_in_audience(consultation: Consultation, village: Any) -> bool:
    """A village's households are consulted when the village is one of ``villages`` (audience villages),
    or lies in the commune consulted (commune, affected), or in the province consulted."""
    if consultation.audience == Audience.VILLAGES:
        return consultation.villages.filter(pk=village.pk).exists()
    if consultation.audience == Audience.PROVINCE:
        return village.commune.parent_id == consultation.place_id or village.commune_id == consultation.place_id
    return village.commune_id == consultation.place_id


def _household(consultation: Consultation, village_id: int | None, household_code: str) -> Any:
    """The household of the village with this code; ``NOT_IN_AUDIENCE`` when the village is not consulted
    (the villages of a consultation are public, so saying so tells nothing about a household)."""
    village = democracy_villages.village_get(village_id)
    if village is None or not village_in_audience(consultation, village):
        _refuse(_("The households of this village are not consulted on this draft."), errors.NOT_IN_AUDIENCE)
    found = democracy_villages.household_by_code(village, household_code)
    if found is None or not _affected(consultation, found):
        _refuse(_bad_code_message(), errors.BAD_CODE)  # the household codes are not to be probed
    return found


def _affected(consultation: Consultation, household: Any) -> bool:
    """Art. 27 (audience AFFECTED): only the households on the consultation's list of affected people
    (``AffectedPerson.household``) take part; any other audience: every household of its villages."""
    if consultation.audience != Audience.AFFECTED:
        return True
    return consultation.affected.filter(household=household).exists()


def _code_cache_key(consultation: Consultation, household: Any) -> str:
    return "consult-code:" + participant_key(consultation.pk, "code", household.pk)


def _code_digest(consultation: Consultation, household: Any, code: str) -> str:
    return derived_token("consultations-household-code", f"{consultation.pk}:{household.pk}:{code}")


def _bad_code_message() -> str:
    return _("This code is wrong, used or expired. Check it, or ask for a new code.")


def household_code_request(*, consultation: Consultation, village_id: int | None, household_code: str,
                           phone: str) -> bool:  # fmt: skip
    """Send a one-time code by SMS when ``phone`` is the one the village has for the household. The
    caller answers the same either way (True: sent, for its rate limits only). The code lives in the
    shared cache (Redis) as a keyed digest for ``CODE_TTL`` with ``MAX_ATTEMPTS`` tries, as democracy's
    online vote does in its table: a consultation's household check needs no history of codes."""
    _takes_views(consultation)
    if consultation.verification != Verification.HOUSEHOLD:
        _refuse(_("This consultation does not ask households to confirm."), errors.BAD_STATE)
    village = democracy_villages.village_get(village_id)
    if village is None or not village_in_audience(consultation, village):
        _refuse(_("The households of this village are not consulted on this draft."), errors.NOT_IN_AUDIENCE)
    household = democracy_villages.household_by_code(village, household_code)
    if household is None or not contacts.same_phone(phone, household.phone) or not _affected(consultation, household):
        audit_record(actor=None, action="consultations.household_code_not_sent", obj=consultation, reason="no match")
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    ttl = int(CODE_TTL.total_seconds())
    with transaction.atomic():
        _code_store(consultation, household, code)
        minutes = ttl // 60
        text = (f"Ma xac nhan ho gia dinh gop y du thao (Dan Van So): {code} (ho {household.code}, hieu luc "
                f"{minutes} phut). Khong dua ma nay cho nguoi khac.")  # fmt: skip
        notification_send(channel=NotifyChannel.SMS, template="consultations.household_code", subject="", body=text,
                          address=contacts.phone_e164(household.phone), about_kind=ABOUT,
                          about_id=consultation.pk)  # fmt: skip
        audit_record(actor=None, action="consultations.household_code_sent", obj=consultation,
                     after={"household": household.code})  # fmt: skip
    return True


def household_code_for_tests(consultation: Consultation, household: Any) -> str:
    """A live code for ``household`` without an SMS (tests and the demo)."""
    code = f"{secrets.randbelow(10**6):06d}"
    _code_store(consultation, household, code)
    return code


def _code_store(consultation: Consultation, household: Any, code: str) -> None:
    """A new live code: its digest under one key, its tries under another (a counter only ever raised
    atomically with ``cache.incr``, so parallel guesses cannot share a try; a new code restarts it)."""
    key, ttl = _code_cache_key(consultation, household), int(CODE_TTL.total_seconds())
    cache.set(key, {"digest": _code_digest(consultation, household, code)}, timeout=ttl)
    cache.set(key + ":tries", 0, timeout=ttl)


def household_verify(*, consultation: Consultation, village_id: int | None, household_code: str,
                     code: str) -> Participant:  # fmt: skip
    """The household's participant once its representative typed the live code (spent on success; after
    ``MAX_ATTEMPTS`` wrong tries it dies). Every device that proves the same household gets the same
    participant."""
    _takes_views(consultation)
    household = _household(consultation, village_id, household_code)
    key = _code_cache_key(consultation, household)
    typed = "".join((code or "").split())
    try:
        tries = cache.incr(key + ":tries")  # atomic: each guess takes its own try, right or wrong
    except ValueError:  # no live code
        _refuse(_bad_code_message(), errors.BAD_CODE)
    live = cache.get(key)
    if not live or tries > MAX_ATTEMPTS:
        cache.delete(key)
        _refuse(_bad_code_message(), errors.BAD_CODE)
    if not hmac.compare_digest(_code_digest(consultation, household, typed), live["digest"]):
        _refuse(_bad_code_message(), errors.BAD_CODE)
    if not cache.delete(key):  # spent by a parallel request with the same code a moment ago
        _refuse(_bad_code_message(), errors.BAD_CODE)
    cache.delete(key + ":tries")
    with transaction.atomic():
        participant = _participant_get_or_create(
            consultation, ParticipantKind.HOUSEHOLD,
            participant_key(consultation.pk, ParticipantKind.HOUSEHOLD, household.pk),
            village=household.village,
        )  # fmt: skip
        audit_record(actor=None, action="consultations.household_verified", obj=consultation,
                     after={"village": household.village_id})  # fmt: skip
    return participant


# Text ----------------------------------------------------------------------------------------------------


def _clean(text: str, limit: int) -> str:
    text = rules.clean_text(text)
    refusal = rules.text_refusal(text, limit)
    if refusal == errors.TEXT_EMPTY:
        _refuse(_("Write your view."), refusal)
    if refusal == errors.TEXT_TOO_LONG:
        _refuse(_("Keep it to %(limit)s characters.") % {"limit": limit}, refusal)
    if refusal is not None:
        _refuse(_("Write plain text, without HTML tags or codes such as &amp;."), refusal)
    return text


def section_keys(consultation: Consultation) -> set[str]:
    """The section keys of the draft's current (latest) version."""
    version = DraftVersion.objects.filter(consultation=consultation).order_by("-number").values("pk")[:1]
    return set(DraftSection.objects.filter(version__in=version).values_list("key", flat=True))


def _section(consultation: Consultation, section_key: str) -> str:
    section_key = (section_key or "").strip()
    if section_key and section_key not in section_keys(consultation):
        _refuse(_("This section is not in the draft."), errors.UNKNOWN_SECTION)
    return section_key


def _client_key(participant_id: int | str, client_key: str) -> str:
    """A client's retry key, scoped to its participant (or officer), so two clients cannot collide."""
    raw = (client_key or "").strip()[:200]
    return hashlib.sha256(f"{participant_id}:{raw}".encode()).hexdigest() if raw else ""


# Statements ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    row: Any
    created: bool  # False: a retry of one already stored (the same client key), or the same vote again


def statement_add(*, consultation: Consultation, who: Who, text: str, section_key: str = "",
                  client_key: str = "") -> Stored:  # fmt: skip
    """A participant's short statement for others to vote on: PENDING when the consultation checks
    statements first, else PUBLISHED. A retry with the same ``client_key`` stores nothing new."""
    _takes_views(consultation)
    text = _clean(text, rules.STATEMENT_MAX)
    section_key = _section(consultation, section_key)
    participant = participant_for(consultation=consultation, who=who)
    key = _client_key(participant.pk, client_key)
    if key:
        earlier = Statement.objects.filter(consultation=consultation, client_key=key).first()
        if earlier is not None:
            return Stored(earlier, False)
    status = Moderation.PENDING if consultation.premoderate else Moderation.PUBLISHED
    try:
        with transaction.atomic():
            row = Statement.objects.create(consultation=consultation, section_key=section_key, text=text,
                                           author=participant, status=status, client_key=key)  # fmt: skip
            audit_record(actor=None, action="consultations.statement_add", obj=row,
                         after={"section": section_key, "status": status})  # fmt: skip
    except IntegrityError:
        return Stored(Statement.objects.get(consultation=consultation, client_key=key), False)
    return Stored(row, True)


def statement_seed(*, actor: Any, consultation: Consultation, text: str, section_key: str = "") -> Statement:
    """A statement the consulting body puts up for the vote (published), before or during the period.
    The consulting body's own moderators only: the Front and village heads (``selectors.access``) bring
    the people's views, they do not write the body's statements."""
    require(actor, MODERATE, consultation)
    if consultation.status not in (Status.DRAFT, Status.OPEN):
        _refuse(_("This consultation is not taking views now."), errors.NOT_OPEN)
    text = _clean(text, rules.STATEMENT_MAX)
    section_key = _section(consultation, section_key)
    with transaction.atomic():
        row = Statement.objects.create(consultation=consultation, section_key=section_key, text=text,
                                       seeded_by=actor, status=Moderation.PUBLISHED)  # fmt: skip
        audit_record(actor=actor, action="consultations.statement_seed", obj=row, after={"section": section_key})
    return row


# Votes -----------------------------------------------------------------------------------------------------


_BUCKET = {1: "agree_total", -1: "disagree_total", 0: "passed_total"}


def vote_cast(*, consultation: Consultation, who: Who, statement_id: int, value: object) -> Stored:
    """The participant's vote on a published statement: +1 agree, −1 disagree, 0 pass. One per
    participant and statement, decided by the unique constraint under races: the same value again is
    the same vote (``created`` False), another value is refused ``ALREADY_VOTED``. A few queries: the
    statement, the participant, the insert and, in the same transaction, the statement's stored totals
    incremented in SQL (only when the row was inserted: a retry counts once). When the statement has
    merged duplicates and the participant voted on one of them, their vote on the statement replaces that
    one in the totals (``vote_resolution``: the target's own vote counts)."""
    if rules.vote_refusal(value) is not None:
        _refuse(_("Choose agree, disagree or pass."), errors.BAD_VOTE)
    _takes_views(consultation)
    found = (
        participation_sql.statement_for_vote(consultation.pk, statement_id)
        if isinstance(statement_id, int) and 0 < statement_id < 2**31
        else None
    )
    if found is None:
        _refuse(_("This statement is not open for votes."), errors.UNKNOWN_STATEMENT)
    # Judged again on the consultation's row as it is now, not the cached one the request started from.
    if not rules.takes_views(Status(found.status), found.opens_on, found.closes_on, clock.today()):
        _refuse(_("This consultation is not taking views now."), errors.NOT_OPEN)
    statement_pk, has_merged = found.statement_id, found.has_merged
    participant = participant_for(consultation=consultation, who=who)
    vote = int(value)  # type: ignore[call-overload]
    try:
        row = None
        if connection.vendor == "postgresql" and not has_merged and not connection.in_atomic_block:
            row = _vote_counted_in_one_statement(statement_pk, participant, vote)
            if row is None and Vote.objects.filter(statement_id=statement_pk, participant=participant).exists():
                raise IntegrityError("consult_vote_once")  # the same (participant, statement) is stored
            # else: merged into, merged away or hidden since it was read: judged again under the lock below
        if row is None:
            with transaction.atomic():
                merged_into_it = _statement_locked(statement_pk)
                row = Vote.objects.create(statement_id=statement_pk, participant=participant, value=vote)
                _count_vote(statement_pk, merged_into_it, participant, vote)
        return Stored(row, True)
    except IntegrityError:
        earlier = Vote.objects.get(statement_id=statement_pk, participant=participant)
        if earlier.value == value:
            return Stored(earlier, False)
        _refuse(_("You have already voted on this statement; a vote cannot be changed."), errors.ALREADY_VOTED)


def _statement_locked(statement_pk: int) -> bool:
    """Lock the statement's row for this vote's transaction and say whether duplicates were merged into it;
    refused ``UNKNOWN_STATEMENT`` when it is no longer published (hidden or merged away meanwhile). A merge
    locks the same rows (``_merge``): it waits for the votes in flight, and the votes after it see it."""
    found = (
        Statement.objects.select_for_update(no_key=True)
        .filter(pk=statement_pk, status=Moderation.PUBLISHED)
        .values_list("has_merged", flat=True)
        .first()
    )
    if found is None:
        _refuse(_("This statement is not open for votes."), errors.UNKNOWN_STATEMENT)
    return found


def _count_vote(statement_pk: int, has_merged: bool, participant: Participant, value: int) -> None:
    """The stored totals after one inserted vote (inside its transaction)."""
    replaced = None
    if has_merged:  # rare: only a statement duplicates were merged into
        replaced = (
            Vote.objects.filter(participant=participant, statement__merged_into_id=statement_pk,
                                statement__status=Moderation.MERGED)
            .order_by("id").values_list("value", flat=True).first()
        )  # fmt: skip
    changes: dict[str, int] = {_BUCKET[value]: 1}
    if replaced is None:
        changes["vote_count"] = 1
    elif replaced != value:
        changes[_BUCKET[replaced]] = -1
    else:
        return  # the counted duplicate's vote had the same value: the totals are unchanged
    _totals_add(statement_pk, changes)


def _vote_counted_in_one_statement(statement_pk: int, participant: Participant, value: int) -> Vote | None:
    """PostgreSQL: the vote's row and its statement's totals in ONE statement (``INSERT … ON CONFLICT DO
    NOTHING`` and the ``UPDATE`` in a data-modifying ``WITH``), so a vote is one round trip instead of
    four (BEGIN, INSERT, UPDATE, COMMIT) — the same rule as the transaction in ``vote_cast``: the totals
    move only when the row was inserted, both or neither (one statement is atomic). None when the
    (participant, statement) row already exists (a retry, or another request of the same person first:
    ``ON CONFLICT`` waits for it to commit), or when the statement is, once its row is locked, no longer
    published or has duplicates merged into it (a merge committed meanwhile: ``vote_cast`` then takes the
    transaction path). Only for a statement nothing was merged into (no vote to replace: ``_count_vote``
    keeps that case).

    The statement's row is locked first (``FOR NO KEY UPDATE``, which the totals' ``UPDATE`` takes anyway,
    so votes on one statement queue no longer than before) and its status and ``has_merged`` judged on the
    row as the lock returns it: a merge holding the lock is waited for and seen."""
    q, v, s = (
        participation_sql.quoted_column,
        participation_sql.quoted_table(Vote),
        participation_sql.quoted_table(Statement),
    )
    counted = _totals_update_sql([_BUCKET[value], "vote_count"])
    created_on = clock.today()
    sql = (
        f"WITH locked AS (SELECT {q(Statement, 'id')} FROM {s} WHERE {q(Statement, 'id')} = %s "  # noqa: S608
        f"AND {q(Statement, 'status')} = %s AND NOT {q(Statement, 'has_merged')} FOR NO KEY UPDATE), "
        f"inserted AS (INSERT INTO {v} ({q(Vote, 'statement')}, {q(Vote, 'participant')}, {q(Vote, 'value')}, "
        f"{q(Vote, 'created_on')}) SELECT {q(Statement, 'id')}, %s, %s, %s FROM locked "
        f"ON CONFLICT ({q(Vote, 'participant')}, {q(Vote, 'statement')}) DO NOTHING RETURNING {q(Vote, 'id')}), "
        f"counted AS ({counted} AND EXISTS (SELECT 1 FROM inserted) RETURNING 1) "
        f"SELECT {q(Vote, 'id')}, (SELECT COUNT(*) FROM counted) FROM inserted"
    )
    with participation_sql.cursor() as cursor:  # prepared on PostgreSQL after a few votes (it says why)
        cursor.execute(sql, [statement_pk, Moderation.PUBLISHED.value, participant.pk, value, created_on, 1, 1,
                             statement_pk])  # fmt: skip
        row = cursor.fetchone()
    if row is None:
        return None
    vote = Vote(pk=row[0], statement_id=statement_pk, participant=participant, value=value, created_on=created_on)
    vote._state.adding, vote._state.db = False, connection.alias  # a stored row, as the ORM would leave it
    return vote


def _totals_update_sql(names: list[str]) -> str:
    """``UPDATE <statement> SET a = a + %s, … WHERE id = %s`` for these stored totals (the increments, then the
    statement's id, as parameters): the one text both vote paths use. Names from the model only."""
    q = participation_sql.quoted_column
    sets = ", ".join(f"{q(Statement, name)} = {q(Statement, name)} + %s" for name in names)
    return f"UPDATE {participation_sql.quoted_table(Statement)} SET {sets} WHERE {q(Statement, 'id')} = %s"  # noqa: S608


def _totals_add(statement_pk: int, changes: dict[str, int]) -> None:
    """``UPDATE … SET total = total + n`` on one statement's stored totals, as SQL: it runs on every vote,
    and the ORM's ``update(F() + 1)`` spends three times the database's time compiling
    (``selectors.participation_sql`` says why)."""
    with participation_sql.cursor() as cursor:
        cursor.execute(_totals_update_sql(list(changes)), [*changes.values(), statement_pk])


def statement_totals_refresh(*, consultation: Consultation, statement_ids: list[int] | None = None) -> int:
    """The stored totals of these published statements (all, without ``statement_ids``) recounted exactly
    from the vote rows by the one rule (``selectors.participation.totals_recount``); how many changed.
    Called by moderation (a merge) and by ``danvan consultations recount``, which also marks every
    statement duplicates were merged into (``has_merged``: what a vote judges under its lock) should
    anything have left one unmarked."""
    if statement_ids is None:
        targets = Statement.objects.filter(consultation=consultation, merged_into__isnull=False).values(
            "merged_into_id"
        )
        Statement.objects.filter(pk__in=targets, has_merged=False).update(has_merged=True)
    recount = totals_recount(consultation, only=statement_ids)
    current = {pk: (a, d, p, n) for pk, a, d, p, n in Statement.objects.filter(pk__in=list(recount)).values_list(
        "pk", "agree_total", "disagree_total", "passed_total", "vote_count")}  # fmt: skip
    changed = 0
    for pk, (a, d, p) in recount.items():
        if current.get(pk) != (a, d, p, a + d + p):
            Statement.objects.filter(pk=pk).update(agree_total=a, disagree_total=d, passed_total=p,
                                                   vote_count=a + d + p)  # fmt: skip
            changed += 1
    return changed


# Comments --------------------------------------------------------------------------------------------------


def comment_add(*, consultation: Consultation, who: Who, text: str, section_key: str = "",
                client_key: str = "") -> Stored:  # fmt: skip
    """A participant's comment on a section or the whole draft (published; moderation may hide it)."""
    _takes_views(consultation)
    text = _clean(text, rules.COMMENT_MAX)
    section_key = _section(consultation, section_key)
    participant = participant_for(consultation=consultation, who=who)
    key = _client_key(participant.pk, client_key)
    if key:
        earlier = Comment.objects.filter(consultation=consultation, client_key=key).first()
        if earlier is not None:
            return Stored(earlier, False)
    try:
        with transaction.atomic():
            row = Comment.objects.create(consultation=consultation, section_key=section_key, text=text,
                                         participant=participant, channel=Channel.PLATFORM,
                                         client_key=key)  # fmt: skip
            audit_record(actor=None, action="consultations.comment_add", obj=row, after={"section": section_key})
    except IntegrityError:
        return Stored(Comment.objects.get(consultation=consultation, client_key=key), False)
    return Stored(row, True)


def _keyed_channel(channel: str) -> str:
    known = {c.value for c in Channel} - {Channel.PLATFORM.value}
    if channel not in known:
        _refuse(_("Choose the channel the view came through."), errors.BAD_CHANNEL)
    return channel


def _keyed_date(consultation: Consultation, day: dt.date | None) -> dt.date:
    if day is None:
        _refuse(_("Give the date of the meeting, ballot or letter."), errors.REQUIRED)
    if day > clock.today() or day < consultation.opens_on - dt.timedelta(days=30):
        _refuse(_("The date must be within the consultation and not in the future."), errors.BAD_DATE)
    return day


def _may_key_in(consultation: Consultation) -> None:
    if consultation.status not in (Status.OPEN, Status.CLOSED):
        _refuse(_("Views are keyed in while the consultation is open or being answered."), errors.BAD_STATE)


def comment_key_in(*, actor: Any, consultation: Consultation, text: str, section_key: str = "", channel: str,
                   source_ref: str, source_date: dt.date | None, supporters: int = 1,
                   client_key: str = "") -> Stored:  # fmt: skip
    """A view from a meeting, a ballot, a dialogue, the box or the Front, keyed in by an officer with its
    source (``source_ref``, ``source_date``) and how many people it speaks for."""
    require_act(actor, KEY_IN, consultation)
    _may_key_in(consultation)
    text = _clean(text, rules.COMMENT_MAX)
    section_key = _section(consultation, section_key)
    channel = _keyed_channel(channel)
    source_ref = rules.clean_text(source_ref)[:300]
    if not source_ref:
        _refuse(_("Say where the view comes from (the minutes, the ballot, the letter)."), errors.REQUIRED)
    source_date = _keyed_date(consultation, source_date)
    if not isinstance(supporters, int) or supporters < 1 or supporters > 1_000_000:
        _refuse(_("Give how many people the view speaks for (at least 1)."), errors.REQUIRED)
    key = _client_key(f"officer-{actor.pk}", client_key)
    if key:
        earlier = Comment.objects.filter(consultation=consultation, client_key=key).first()
        if earlier is not None:
            return Stored(earlier, False)
    with transaction.atomic():
        row = Comment.objects.create(consultation=consultation, section_key=section_key, text=text, channel=channel,
                                     source_ref=source_ref, source_date=source_date, supporters=supporters,
                                     keyed_in_by=actor, client_key=key)  # fmt: skip
        audit_record(actor=actor, action="consultations.comment_key_in", obj=row,
                     after={"channel": channel, "source_ref": source_ref, "source_date": source_date.isoformat(),
                            "supporters": supporters, "section": section_key})  # fmt: skip
    return Stored(row, True)


def tally_key_in(*, actor: Any, statement: Statement, channel: str, source_ref: str, held_on: dt.date | None,
                 agree: int, disagree: int, passed: int) -> KeyedTally:  # fmt: skip
    """Votes on a statement counted at a meeting or from paper ballots (no voter rows): they count in the
    statement's totals with their source, not on the opinion map."""
    consultation = statement.consultation
    require_act(actor, KEY_IN, consultation)
    _may_key_in(consultation)
    if statement.status != Moderation.PUBLISHED:
        _refuse(_("This statement is not open for votes."), errors.UNKNOWN_STATEMENT)
    channel = _keyed_channel(channel)
    source_ref = rules.clean_text(source_ref)[:300]
    if not source_ref:
        _refuse(_("Say where the count comes from (the minutes, the ballot count)."), errors.REQUIRED)
    held_on = _keyed_date(consultation, held_on)
    counts = (agree, disagree, passed)
    if any(not isinstance(n, int) or n < 0 or n > 1_000_000 for n in counts) or sum(counts) == 0:
        _refuse(_("Give the numbers counted (at least one vote)."), errors.REQUIRED)
    with transaction.atomic():
        row = KeyedTally.objects.create(statement=statement, channel=channel, source_ref=source_ref, held_on=held_on,
                                        agree=agree, disagree=disagree, passed=passed, recorded_by=actor)  # fmt: skip
        audit_record(actor=actor, action="consultations.tally_key_in", obj=statement,
                     after={"channel": channel, "source_ref": source_ref, "held_on": held_on.isoformat(),
                            "agree": agree, "disagree": disagree, "passed": passed})  # fmt: skip
    return row


# Moderation: nothing is deleted --------------------------------------------------------------------------------


def _reason(reason: str) -> str:
    reason = rules.clean_text(reason)[:500]
    if not reason:
        _refuse(_("Give the reason."), errors.REASON_REQUIRED)
    return reason


def _moderate(actor: Any, model: type[Statement] | type[Comment], row: Statement | Comment) -> Any:
    require_act(actor, MODERATE, row.consultation)
    return model.objects.select_for_update().get(pk=row.pk)


@transaction.atomic
def statement_publish(*, actor: Any, statement: Statement) -> Statement:
    """A pending statement (premoderated consultation) is shown and may be voted on."""
    locked = _moderate(actor, Statement, statement)
    if locked.status != Moderation.PENDING:
        _refuse(_("Only a statement waiting for moderation can be published."), errors.BAD_STATE)
    locked.status = Moderation.PUBLISHED
    locked.save(update_fields=["status"])
    audit_record(actor=actor, action="consultations.statement_publish", obj=locked,
                 before={"status": Moderation.PENDING}, after={"status": Moderation.PUBLISHED})  # fmt: skip
    return locked


@transaction.atomic
def statement_hide(*, actor: Any, statement: Statement, reason: str) -> Statement:
    """Hidden with a reason: kept, shown to staff with the reason, left out of the public page, the votes
    and the map (its votes stay stored)."""
    locked = _moderate(actor, Statement, statement)
    reason = _reason(reason)
    if locked.status not in (Moderation.PENDING, Moderation.PUBLISHED):
        _refuse(_("This statement is already hidden or merged."), errors.BAD_STATE)
    before = locked.status
    locked.status, locked.moderation_reason = Moderation.HIDDEN, reason
    locked.save(update_fields=["status", "moderation_reason"])
    audit_record(actor=actor, action="consultations.statement_hide", obj=locked, reason=reason,
                 before={"status": before}, after={"status": Moderation.HIDDEN})  # fmt: skip
    return locked


def _merge(actor: Any, model: type[Any], row: Any, into: Any, reason: str, action: str) -> Any:
    require_act(actor, MODERATE, row.consultation)
    # Both rows locked in one query in id order: two moderators merging A into B and B into A at once
    # (or A into D and D into T) would otherwise each hold one lock and wait for the other (a deadlock).
    # (PostgreSQL locks the rows as the ORDER BY emits them.)
    rows = {r.pk: r for r in model.objects.select_for_update().filter(pk__in=[row.pk, into.pk]).order_by("pk")}
    locked, target = rows[row.pk], rows.get(into.pk)
    if target is None:
        _refuse(_("Merge into another one of the same consultation."), errors.BAD_STATE)
    if target.consultation_id != locked.consultation_id or target.pk == locked.pk:
        _refuse(_("Merge into another one of the same consultation."), errors.BAD_STATE)
    if target.status != Moderation.PUBLISHED or locked.status not in (Moderation.PENDING, Moderation.PUBLISHED):
        _refuse(_("Only a shown one can be merged, into another shown one."), errors.BAD_STATE)
    before = locked.status
    locked.status, locked.merged_into = Moderation.MERGED, target
    locked.moderation_reason = rules.clean_text(reason)[:500]
    locked.save(update_fields=["status", "merged_into", "moderation_reason"])
    # No chains: what was merged into this one now points at the target too.
    model.objects.filter(merged_into=locked).update(merged_into=target)
    if model is Statement:  # under the target's lock, which the votes on it take too (``_statement_locked``)
        target.has_merged = True
        target.save(update_fields=["has_merged"])
        # the target's stored totals now count the duplicate's votes (one rule)
        statement_totals_refresh(consultation=target.consultation, statement_ids=[target.pk])
    audit_record(actor=actor, action=action, obj=locked, reason=locked.moderation_reason,
                 before={"status": before}, after={"status": Moderation.MERGED, "merged_into": target.pk})  # fmt: skip
    return locked


@transaction.atomic
def statement_merge(*, actor: Any, statement: Statement, into: Statement, reason: str = "") -> Statement:
    """A duplicate merged into another: its votes count for the target (a participant who voted on both
    keeps the target's vote, else their earliest on a duplicate: ``vote_resolution``), the target's
    stored totals recounted in the same transaction; nothing is deleted."""
    return _merge(actor, Statement, statement, into, reason, "consultations.statement_merge")


@transaction.atomic
def comment_hide(*, actor: Any, comment: Comment, reason: str) -> Comment:
    locked = _moderate(actor, Comment, comment)
    reason = _reason(reason)
    if locked.status not in (Moderation.PENDING, Moderation.PUBLISHED):
        _refuse(_("This comment is already hidden or merged."), errors.BAD_STATE)
    before = locked.status
    locked.status, locked.moderation_reason = Moderation.HIDDEN, reason
    locked.save(update_fields=["status", "moderation_reason"])
    # Its merged duplicates go with it (they stay pointing at it): nothing hidden stays public through them.
    duplicates = list(Comment.objects.select_for_update().filter(merged_into=locked, status=Moderation.MERGED)
                      .values_list("pk", flat=True))  # fmt: skip
    Comment.objects.filter(pk__in=duplicates).update(status=Moderation.HIDDEN, moderation_reason=reason)
    audit_record(actor=actor, action="consultations.comment_hide", obj=locked, reason=reason,
                 before={"status": before}, after={"status": Moderation.HIDDEN, "duplicates_hidden": duplicates})  # fmt: skip
    return locked


@transaction.atomic
def comment_merge(*, actor: Any, comment: Comment, into: Comment, reason: str = "") -> Comment:
    """A duplicate comment merged into another: its supporters count there; the text is kept."""
    return _merge(actor, Comment, comment, into, reason, "consultations.comment_merge")
