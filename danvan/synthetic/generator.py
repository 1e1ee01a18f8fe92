"""Turning walks and letters into rows: cases, timelines, files, sealed identities, ratings, campaigns.

Every value is set the way the services set it — ``search_text`` like ``case_submit`` and
``case_publish``, a tố cáo's identity sealed and its text redacted like intake, the dates each step
sets, the legal clock from ``case_deadline_refresh``'s inputs — only written in bulk instead of one
service call at a time. See ``docs/generate.md`` for the distributions.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import hashlib
import hmac
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from danvan.cases import transitions
from danvan.cases.choices import Channel, DecisionOutcome, EventVisibility, Status, Track, reject_reasons_for
from danvan.cases.models import Attachment, Case, CaseEvent, SealedIdentity, Suspension
from danvan.cases.transitions import Action
from danvan.core.errors import DomainError
from danvan.core.tokens import token_digest
from danvan.deadlines.engine import Deadline
from danvan.deadlines.rules import Modifiers, Pause
from danvan.deadlines.selectors import DeadlineContext, deadline_compute
from danvan.files import sealing
from danvan.surveys.choices import Aspect, Flag, Source
from danvan.surveys.models import Answer, Invitation, Response
from danvan.surveys.services.invitations import EDIT_PURPOSE, RATING_PURPOSE
from danvan.synthetic import lifecycle, texts, vocab
from danvan.synthetic.bodies import TOPIC_BODY, Body, ProvinceBodies
from danvan.synthetic.lifecycle import SUBMIT, Walk, WalkOptions, weighted
from danvan.synthetic.sinks import Sink, copy_line, table

VN = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has had no daylight saving since 1975
CODE_PREFIX = "SG-"
KEY_PREFIX = "gen:"
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # as rules.tracking_code_new
_CODE_SPACE = len(_ALPHABET) ** 6
_TRACK_PREFIX = {Track.PAKN: "PA", Track.KHIEU_NAI: "KN", Track.TO_CAO: "TC", Track.UNCLASSIFIED: "DV"}

TRACK_SHARES = [(Track.PAKN, 70), (Track.KHIEU_NAI, 20), (Track.TO_CAO, 10)]
TOPIC_SHARES = {
    Track.PAKN: [("giao-thong-ha-tang", 18), ("moi-truong", 15), ("xay-dung-trat-tu-do-thi", 12), ("dien-nuoc", 10),
                 ("an-ninh-trat-tu", 10), ("thu-tuc-hanh-chinh", 8), ("dat-dai", 7), ("thai-do-phuc-vu", 5),
                 ("chinh-sach-xa-hoi", 5), ("y-te", 4), ("giao-duc", 4), ("khac", 2)],
}  # fmt: skip
CHANNEL_SHARES = {
    Track.PAKN: [(Channel.WEB, 50), (Channel.COUNTER, 12), (Channel.MAIL, 8), (Channel.API, 8), (Channel.OPEN311, 14),
                 (Channel.RECEPTION, 8)],
    Track.KHIEU_NAI: [(Channel.WEB, 35), (Channel.COUNTER, 25), (Channel.MAIL, 20), (Channel.API, 5),
                      (Channel.RECEPTION, 15)],
    Track.TO_CAO: [(Channel.WEB, 40), (Channel.COUNTER, 20), (Channel.MAIL, 25), (Channel.API, 5),
                   (Channel.RECEPTION, 10)],
}  # fmt: skip
P_UNCLASSIFIED = 0.08  # submitted as "không rõ", classified by staff
P_PROVINCE_BODY = 0.12  # handled by a provincial body rather than the commune
P_NO_COMMUNE = 0.03  # the place names only the province: routed to the reception board
P_ROUND_2 = 0.10  # first-time complaints whose complainant will complain again
P_ACCOUNT = 0.15  # web petitions sent from a citizen account
P_EVIDENCE = 0.08  # petitions with photos or documents
P_SCAN = 0.75  # petitions taken at the counter with the signed paper scanned in
P_ASSIGNED = 0.9  # handled after an explicit assignment by the head


class Deadlines:
    """``deadline_compute`` behind a cache keyed by everything the engine reads.

    A million cases share a few thousand (step, start day, modifiers) combinations, so the engine
    runs only for those; the cached answer is the very object it returned.
    """

    def __init__(self, context: DeadlineContext) -> None:
        self.context = context
        self.cache: dict[tuple[Any, ...], Deadline | None] = {}
        self.calls = 0

    def compute(self, procedure: str, step: str, started_on: dt.date, criteria: tuple[str, ...], remote: bool,
                extensions: int, pauses: tuple[tuple[dt.date, dt.date | None], ...]) -> Deadline | None:  # fmt: skip
        # As case_deadline_refresh: only the suspensions inside this clock stop it.
        pauses = tuple(pause for pause in pauses if pause[0] >= started_on)
        key = (procedure, step, started_on, criteria, remote, extensions, pauses)
        try:
            return self.cache[key]
        except KeyError:
            pass
        self.calls += 1
        try:
            result: Deadline | None = deadline_compute(
                procedure=procedure, step=step, started_on=started_on,
                modifiers=Modifiers.from_criteria(criteria, remote_area=remote, extensions=extensions),
                pauses=[Pause(s, r) for s, r in pauses], context=self.context,
            )  # fmt: skip
        except DomainError:
            result = None  # as case_deadline_refresh: no rule, no date
        self.cache[key] = result
        return result

    def due_function(self, remote: bool) -> lifecycle.DueFunction:
        def due(track: str, status: str, round_: int, received_on: dt.date, accepted_on: dt.date | None,
                decided_on: dt.date | None, criteria: tuple[str, ...], extensions: int,
                pauses: tuple[tuple[dt.date, dt.date | None], ...]) -> dt.date | None:  # fmt: skip
            clock = lifecycle.clock_for(track, status, round_)
            if clock is None:
                return None
            anchor = {"received_on": received_on, "accepted_on": accepted_on, "decided_on": decided_on}[clock.anchor]
            deadline = self.compute(clock.procedure, clock.step, anchor or received_on, criteria, remote, extensions,
                                    pauses)  # fmt: skip
            return deadline.due_on if deadline else None

        return due


@dataclass
class Buffers:
    """The rows of one chunk, per table, before ids are given (cases carry theirs already)."""

    cases: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    suspensions: list[tuple[Any, ...]] = field(default_factory=list)
    sealed: list[tuple[Any, ...]] = field(default_factory=list)
    attachments: list[tuple[Any, ...]] = field(default_factory=list)
    invitations: list[tuple[Any, ...]] = field(default_factory=list)
    responses: list[tuple[Any, ...]] = field(default_factory=list)
    answers: list[tuple[Any, ...]] = field(default_factory=list)  # response_id is the index in ``responses``
    # PostgreSQL: the same rows already in COPY's text format (made in the worker), the tuples dropped.
    text: dict[str, Any] | None = None

    def to_copy_text(self) -> None:
        text: dict[str, Any] = {"cases": "".join(copy_line(row) + "\n" for row in self.cases),
                                "case_count": len(self.cases)}  # fmt: skip
        for name in ("events", "suspensions", "sealed", "attachments", "invitations", "responses"):
            text[name] = [copy_line(row) for row in getattr(self, name)]
        text["answers"] = [(row[0], copy_line(row[1:])) for row in self.answers]
        self.text = text
        for name in ("cases", "events", "suspensions", "sealed", "attachments", "invitations", "responses",
                     "answers"):  # fmt: skip
            setattr(self, name, [])


@dataclass
class Stats:
    """What a run made, merged over its chunks."""

    by_track_status: dict[tuple[str, str], int] = field(default_factory=dict)
    open_cases: int = 0
    overdue: int = 0
    events: int = 0
    attachments: int = 0
    sealed: int = 0
    invitations: int = 0
    ratings: int = 0
    answers: int = 0
    split: int = 0
    round_2: int = 0
    deadline_calls: int = 0  # the engine ran (cache misses), summed over the processes

    def merge(self, other: Stats) -> None:
        for key, value in other.by_track_status.items():
            self.by_track_status[key] = self.by_track_status.get(key, 0) + value
        for name in ("open_cases", "overdue", "events", "attachments", "sealed", "invitations", "ratings", "answers",
                     "split", "round_2", "deadline_calls"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))


CASE_COLUMNS = [
    "id", "created_at", "updated_at", "tracking_code", "access_token_hash", "track", "status", "round",
    "suspended_from", "title", "content", "redacted_content", "topic_id", "place_text", "place_unit_id", "latitude",
    "longitude", "handling_organization_id", "handler_id", "identity_clerk_id", "submitter_id", "contact_name",
    "contact_phone", "contact_email", "contact_address", "is_anonymous", "people_count", "channel",
    "idempotency_key", "consent_text", "consented_at", "received_on", "accepted_on", "decided_on", "notified_on",
    "closed_at", "criteria", "remote_area", "extensions", "court_filed", "reject_reason", "due_on", "warn_on",
    "due_step", "due_explanation", "due_estimated", "outcome", "decision_number", "answer_text", "public_answer",
    "published_at", "parent_id", "previous_id", "search_text", "redaction_pending", "redaction_hints",
    "access_salt", "idempotency_fingerprint",
    # Public feedback: generated cases are not on the public feed (nobody was asked).
    "publish_wanted", "public_title", "public_text", "reopened_on",
    # The counter's ID card (none: generated petitions carry no ID card) and merged duplicates (none).
    "id_number_digest", "id_number_last4", "duplicate_of_id",
    # Moderation of the public page (none: not public).
    "public_hidden_at", "public_hidden_reason",
]  # fmt: skip
_CASE_INDEX = {name: i for i, name in enumerate(CASE_COLUMNS)}


@dataclass
class Draft:
    """One case being built: its letter, people, bodies and walk."""

    track: str
    submitted_track: str
    received_on: dt.date
    commune: texts.Commune | None
    province: ProvinceBodies
    topic: str
    channel: str
    person: texts.Person | None
    letter: texts.Letter
    body: Body
    home: texts.Commune  # the commune the letter is about (``commune`` is None when only the province is named)
    walk: Walk | None = None
    round: int = 1
    parent_id: int | None = None
    previous_id: int | None = None
    submitter: int | None = None


class CaseFactory:
    def __init__(self, *, rng: random.Random, start: dt.date, end: dt.date, provinces: dict[int, ProvinceBodies],
                 communes: list[texts.Commune], topics: dict[str, int], deadlines: Deadlines,
                 is_working_day: Callable[[dt.date], bool], citizens: list[int], ratings_share: float,
                 rating_template: int, rating_questions: dict[str, list[tuple[int, str, str]]], seed_material: str,
                 chunks: int, sink: Sink) -> None:  # fmt: skip
        self.rng, self.start, self.end = rng, start, end
        self.seed_material, self.chunks, self.chunk_index = seed_material, max(1, chunks), 0
        self.provinces = provinces
        self.by_province_unit = {p.unit_id: p for p in provinces.values()}
        self.communes = communes
        self.topics = topics
        self.deadlines = deadlines
        self._is_working_day = is_working_day
        self._working: dict[dt.date, dt.date] = {}
        self.citizens = citizens
        self.ratings_share = ratings_share
        self.rating_template = rating_template
        self.rating_questions = rating_questions  # per track: (criterion id, code, aspect), overall first
        self.sink = sink
        self.texts = texts.TextMaker(rng)
        self.folder = texts.WordFolder()
        self.stats = Stats()
        self.quality: dict[int, float] = {}
        self.numbers: dict[tuple[int, int, str], int] = {}
        self.key_id = sealing.key_fingerprint()
        self.serial = 0
        self.on_cases: Callable[[int], None] = lambda count: None
        self._rating_key: bytes | None = None
        # case id + this = the case's rank among all generated cases (1, 2, …): what codes derive from,
        # so that the same seed gives the same codes whatever ids the database hands out.
        self.ordinal_offset = 0
        self.copy_text = False  # PostgreSQL: hand over rows in COPY's text format
        self._days, self._day_weights = self._day_distribution()
        self._commune_cumulative = list(_cumulate([self._commune_weight(c) for c in communes]))
        self._labels = self._vietnamese_labels()
        self.tables = {
            "cases": table(Case, CASE_COLUMNS),
            "events": table(CaseEvent, ["id", "case_id", "at", "actor_id", "action", "from_status", "to_status",
                                        "note", "document_number", "visibility", "data"]),
            "suspensions": table(Suspension, ["id", "case_id", "suspended_on", "resumed_on", "reason",
                                              "decision_number"]),
            "sealed": table(SealedIdentity, ["id", "case_id", "token", "key_id", "created_at"]),
            "attachments": table(Attachment, ["id", "case_id", "file", "name", "content_type", "size", "sha256",
                                              "kind", "sealed", "uploaded_by_id", "uploaded_at", "is_public"]),
            "invitations": table(Invitation, ["id", "template_id", "subject", "token_hash", "organization_id",
                                              "unit_id", "service", "topic", "official_id", "created_at", "opens_at",
                                              "expires_at", "used"]),
            "responses": table(Response, RESPONSE_COLUMNS),
            "answers": table(Answer, ["id", "response_id", "criterion_id", "aspect", "value"]),
        }  # fmt: skip
        self.coverage: list[tuple[str, str]] = []  # (track, state) the first chunk ends one case in, each
        self.forced: list[tuple[str, str]] = []

    def chunk(self, index: int, first_id: int, size: int) -> tuple[Buffers, Stats]:
        """Generate ``size`` cases with ids from ``first_id``: chunk ``index`` of the run.

        Each chunk draws from its own generator seeded by (seed, chunk), so the data do not depend on
        how many processes generate the chunks, nor in which order they finish.
        """
        self.rng = random.Random(f"{self.seed_material}/chunk/{index}")  # noqa: S311 - reproducible data, not a secret
        self.texts = texts.TextMaker(self.rng)
        self.numbers = {}
        self.chunk_index = index
        self.forced = list(self.coverage) if index == 0 else []
        self.stats = Stats()
        calls_before = self.deadlines.calls
        buffers = Buffers()
        made = reported = 0
        while made < size:
            made += self.group(buffers, first_id + made, size - made)
            if made - reported >= 500:
                self.on_cases(made - reported)
                reported = made
        self.on_cases(made - reported)
        self.stats.events = len(buffers.events)
        self.stats.deadline_calls = self.deadlines.calls - calls_before
        if self.copy_text:
            buffers.to_copy_text()
        return buffers, self.stats

    # Distributions ----------------------------------------------------------------------------------

    def _day_distribution(self) -> tuple[list[dt.date], list[float]]:
        """Days of the period, weighted: more petitions as the platform is adopted, fewer at weekends
        and on days off (Tết), none after the as-of date."""
        days, cumulative, total = [], [], 0.0
        span = max(1, (self.end - self.start).days)
        day = self.start
        while day <= self.end:
            weight = 0.6 + 0.9 * (day - self.start).days / span
            if day.weekday() == 5:
                weight *= 0.45
            elif day.weekday() == 6:
                weight *= 0.3
            elif not self._is_working_day(day):
                weight *= 0.35
            total += weight
            days.append(day)
            cumulative.append(total)
            day += dt.timedelta(days=1)
        return days, cumulative

    def _commune_weight(self, commune: texts.Commune) -> float:
        base = {"phường": 1.8, "xã": 1.0}.get(commune.division_type, 0.4)
        return base * math.exp(self.rng.gauss(0, 0.5))

    def received_day(self) -> dt.date:
        pick = self.rng.random() * self._day_weights[-1]
        return self._days[min(bisect.bisect_left(self._day_weights, pick), len(self._days) - 1)]

    def pick_commune(self) -> texts.Commune:
        pick = self.rng.random() * self._commune_cumulative[-1]
        index = min(bisect.bisect_left(self._commune_cumulative, pick), len(self.communes) - 1)
        return self.communes[index]

    def working_day(self, day: dt.date) -> dt.date:
        found = self._working.get(day)
        if found is None:
            found = day
            while not self._is_working_day(found):
                found += dt.timedelta(days=1)
            self._working[day] = found
        return found

    def _vietnamese_labels(self) -> dict[str, str]:
        with translation.override("vi"):
            labels = {f"channel:{c.value}": str(c.label) for c in Channel}
            labels |= {f"track:{t.value}": str(t.label) for t in Track}
            for track in Track:
                grounds = reject_reasons_for(track)  # the one mapping of grounds per track
                labels |= {f"reject:{track.value}:{r.value}": str(r.label) for r in grounds or []}
            from django.utils.translation import gettext

            labels["received"] = gettext("Received through %(channel)s.")
            labels["classified"] = gettext("Classified as: %(track)s")
            labels["transferred"] = gettext("Transferred to %(body)s. Reason: %(reason)s")
        return labels

    # Identity and numbers ---------------------------------------------------------------------------

    def tracking_code(self, track: str, day: dt.date, ordinal: int) -> str:
        # A bijection of the case's rank onto the six letters (31^6 codes): unique without remembering
        # the codes already given, across chunks, processes and appended runs. Not a secret: the
        # private link's token is what protects a case.
        value = (ordinal * 387_420_489 + 11_111_111) % _CODE_SPACE
        body = []
        for _ in range(6):
            value, digit = divmod(value, 31)
            body.append(_ALPHABET[digit])
        return f"{CODE_PREFIX}{_TRACK_PREFIX[Track(track)]}-{day:%y%m}-{''.join(body)}"

    def access_hash(self) -> str:
        # The private link's secret is drawn and thrown away, as intake does: only its hash is kept.
        token = base64.urlsafe_b64encode(self.rng.getrandbits(192).to_bytes(24, "big")).decode().rstrip("=")
        return hashlib.sha256(token.encode()).hexdigest()

    def number(self, body: Body, day: dt.date, kind: str) -> str:
        """A document number of the body for the year; chunks interleave so that none repeats."""
        key = (body.id, day.year, kind)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{(self.numbers[key] - 1) * self.chunks + self.chunk_index + 1}/{kind}-{body.sign}"

    def rating_token(self, case_id: int) -> str:
        """``surveys.services.invitations.rating_token`` with its HMAC key derived once per run.

        ``core.tokens.derived_token`` is Django's ``salted_hmac``: HMAC-SHA256 under
        sha256(salt + SECRET_KEY); the tests check both give the same token.
        """
        if self._rating_key is None:
            from django.conf import settings

            salt = f"danvan.{RATING_PURPOSE}".encode()
            self._rating_key = hashlib.sha256(salt + str(settings.SECRET_KEY).encode()).digest()
        return hmac.new(self._rating_key, str(case_id).encode(), hashlib.sha256).hexdigest()[:40]

    def body_quality(self, body_id: int) -> float:
        """How well a body serves people (its ratings centre on it): fixed per body for the seed."""
        quality = self.quality.get(body_id)
        if quality is None:
            seeded = random.Random(f"{self.seed_material}/quality/{body_id}")  # noqa: S311 - reproducible data
            quality = self.quality[body_id] = seeded.gauss(0, 0.45)
        return quality

    # Groups ---------------------------------------------------------------------------------------

    def group(self, buffers: Buffers, first_id: int, budget: int) -> int:
        """Generate one petition and what follows from it (split parts, a second complaint); return how
        many cases it made (at most ``budget``), writing their rows into ``buffers``."""
        rng = self.rng
        self.serial = first_id + self.ordinal_offset
        forced = self.forced.pop() if self.forced else None
        track = forced[0] if forced else weighted(rng, TRACK_SHARES)
        if track == Track.UNCLASSIFIED:
            draft = self.draft(Track.PAKN, self.received_day(), anonymous_allowed=False)
            draft.submitted_track = Track.UNCLASSIFIED
        else:
            draft = self.draft(track, self.received_day(), anonymous_allowed=forced is None)
        # A split needs the petitioner's details for its parts (case_split copies them).
        options = WalkOptions(final_track=draft.track, anonymous=draft.person is None,
                              allow_split=budget >= 3 and draft.person is not None,
                              p_complex=0.12 if draft.track == Track.KHIEU_NAI else 0.25)  # fmt: skip
        if forced is not None:
            options.stop_at = forced[1]
            if forced[0] == Track.UNCLASSIFIED:
                options.final_track = Track.UNCLASSIFIED
            draft.walk = self._forced_walk(draft, options)
            if draft.walk is None:
                options.stop_at, options.final_track = "", draft.track
                draft.received_on = self.received_day()
                draft.walk = self._walk(draft, options)
        else:
            if draft.track == Track.KHIEU_NAI and budget >= 2 and rng.random() < P_ROUND_2:
                options.stop_at_notified = True
            draft.walk = self._walk(draft, options)
        made = 1
        case_id = first_id
        self.case(buffers, case_id, draft)
        w = draft.walk
        if w.status == Status.SPLIT:
            self.stats.split += 1
            split_on = w.steps[-1].on
            parts = (Track.TO_CAO, Track.TO_CAO) if draft.track == Track.TO_CAO else (Track.PAKN, Track.KHIEU_NAI)
            for part_track in parts:
                child = self.draft(part_track, split_on, like=draft)
                child.parent_id = case_id
                child.walk = self._walk(child, WalkOptions(final_track=part_track, allow_split=False))
                self.case(buffers, first_id + made, child)
                made += 1
        elif options.stop_at_notified and w.status == Status.NOTIFIED and w.notified_on is not None:
            second_on = w.notified_on + dt.timedelta(days=rng.randint(3, 25))
            if second_on <= self.end:
                self.stats.round_2 += 1
                second = self.second_complaint(draft, second_on)
                second.previous_id = case_id
                second.walk = self._walk(second, WalkOptions(final_track=Track.KHIEU_NAI, round=2, allow_split=False,
                                                             p_complex=0.2))  # fmt: skip
                self.case(buffers, first_id + made, second)
                made += 1
        return made

    def _walk(self, draft: Draft, options: WalkOptions, *, end: dt.date | None = None) -> Walk:
        remote = bool(draft.commune and draft.commune.remote)
        return lifecycle.walk(rng=self.rng, submitted_track=draft.submitted_track, received_on=draft.received_on,
                              end=end or self.end, due=self.deadlines.due_function(remote),
                              working_day=self.working_day, options=options)  # fmt: skip

    def _forced_walk(self, draft: Draft, options: WalkOptions) -> Walk | None:
        """A walk that ends in ``options.stop_at`` on the as-of date: find a path that reaches it, then
        move the receipt date back so the path's last step falls inside the period."""
        far = self.end + dt.timedelta(days=3650)
        for _attempt in range(400):
            draft.received_on = max(self.start, self.end - dt.timedelta(days=90))
            state = self.rng.getstate()
            w = self._walk(draft, options, end=far)
            if w.status != options.stop_at:
                continue
            length = w.steps[-1].on - w.steps[0].on
            for slack in (3, 10, 30, 60):
                received = self.end - length - dt.timedelta(days=slack)
                if received < self.start:
                    received = self.start
                draft.received_on = received
                after = self.rng.getstate()
                self.rng.setstate(state)
                again = self._walk(draft, options)
                if again.status == options.stop_at and again.track == options.final_track:
                    return again
                self.rng.setstate(after)
        return None  # the period is too short for this state: the case walks freely instead

    def draft(self, track: str, received_on: dt.date, *, like: Draft | None = None,
              anonymous_allowed: bool = True) -> Draft:  # fmt: skip
        rng = self.rng
        if like is not None:
            commune, province, person, channel = like.home, like.province, like.person, like.channel
        else:
            commune = self.pick_commune()
            province = self.by_province_unit[commune.province_id]
            anonymous = anonymous_allowed and ((track == Track.PAKN and rng.random() < 0.05)
                                               or (track == Track.TO_CAO and rng.random() < 0.12))  # fmt: skip
            person = None if anonymous else self.texts.person(commune, self.serial)
            channel = weighted(rng, CHANNEL_SHARES[Track(track)])
        if track == Track.TO_CAO:
            topic, letter = self.texts.to_cao(commune, received_on.year, person)
        elif track == Track.KHIEU_NAI:
            assert person is not None
            topic, letter = self.texts.khieu_nai(commune, received_on, person)
        else:
            topic = weighted(rng, TOPIC_SHARES[Track.PAKN])
            letter = self.texts.pakn(commune, topic, received_on.year, person)
        if like is not None:
            letter.title = f"{letter.title} (tách từ đơn {like.letter.context.get('code', '')})".strip()
            letter.place_text = like.letter.place_text
            channel = like.channel
        place_commune: texts.Commune | None = like.commune if like is not None else commune
        if like is None and rng.random() < P_NO_COMMUNE:
            place_commune = None
            letter.place_text = f"{commune.province_short}"
        body = self._first_body(track, topic, place_commune, province)
        submitter = None
        if channel == Channel.WEB and person is not None and self.citizens and rng.random() < P_ACCOUNT:
            submitter = rng.choice(self.citizens)
        if like is not None:
            submitter = like.submitter
        return Draft(track=track, submitted_track=track if rng.random() >= P_UNCLASSIFIED or track == Track.TO_CAO
                     or like is not None else Track.UNCLASSIFIED, received_on=received_on, commune=place_commune,
                     province=province, topic=topic, channel=channel, person=person, letter=letter, body=body,
                     home=commune, submitter=submitter)  # fmt: skip

    def _first_body(self, track: str, topic: str, commune: texts.Commune | None, province: ProvinceBodies) -> Body:
        if commune is None:
            return province.bodies["ban-tcd"]
        if self.rng.random() < P_PROVINCE_BODY:
            if track == Track.TO_CAO:
                return province.bodies["thanh-tra"] if self.rng.random() < 0.5 else province.ubnd
            return province.bodies[TOPIC_BODY.get(topic, "ban-tcd")]
        return province.communes[commune.id]

    def _transfer_body(self, draft: Draft, current: Body) -> Body:
        province = draft.province
        if current.kind == "ubnd" and current.id != province.ubnd.id:
            if self.rng.random() < 0.4 and len(province.communes) > 1:
                others = [b for b in province.communes.values() if b.id != current.id]
                return self.rng.choice(others)
            return province.bodies[TOPIC_BODY.get(draft.topic, "ban-tcd")]
        if draft.commune is not None:
            return province.communes[draft.commune.id]
        return province.ubnd if current.id != province.ubnd.id else province.bodies["ban-tcd"]

    def second_complaint(self, first: Draft, received_on: dt.date) -> Draft:
        commune = first.commune
        assert first.person is not None and first.walk is not None
        body = first.province.ubnd  # the superior of the first body (legal-spec §1.4)
        decision = first.letter.context.get("decision_number", "")
        letter = self.texts.khieu_nai_second(first.home, first.person, decision,
                                             first.letter.title[:150] + " (lần hai)")  # fmt: skip
        letter.place_text = first.letter.place_text
        return Draft(track=Track.KHIEU_NAI, submitted_track=Track.KHIEU_NAI, received_on=received_on, commune=commune,
                     province=first.province, topic=first.topic, channel=first.channel, person=first.person,
                     letter=letter, body=body, home=first.home, round=2, submitter=first.submitter)  # fmt: skip

    # One case -------------------------------------------------------------------------------------

    def case(self, buffers: Buffers, case_id: int, draft: Draft) -> None:
        rng, w, letter, person = self.rng, draft.walk, draft.letter, draft.person
        assert w is not None
        code = self.tracking_code(draft.submitted_track, draft.received_on, case_id + self.ordinal_offset)
        letter.context["code"] = code
        is_to_cao = draft.track == Track.TO_CAO
        content = texts.clean(letter.content)
        title = texts.clean(letter.title)[:200]
        place_text = texts.clean(letter.place_text)[:300]
        redacted = ""
        content_as_written = content
        if is_to_cao:
            title, content = texts.redact_to_cao(texts.Letter(title, content, place_text, context=letter.context),
                                                 person)  # fmt: skip
            redacted = content
        counter = draft.channel in {Channel.COUNTER, Channel.RECEPTION}
        # Bodies along the way: the first, then one per transfer.
        bodies = [draft.body]
        for step in w.steps:
            if step.action == Action.TRANSFER:
                bodies.append(self._transfer_body(draft, bodies[-1]))
        # Who handles at each body: assigned by the head at the first step there (usually).
        handlers: list[int | None] = []
        for body in bodies:
            handlers.append(rng.choice(body.handlers) if body.handlers and rng.random() < P_ASSIGNED else None)
        events = buffers.events
        body_index = 0
        assigned_at: set[int] = set()
        at: dt.datetime | None = None
        submitted_at: dt.datetime | None = None
        decision_number = answer_text = public_answer = ""
        closed_at = published_at = None
        stint_handler = handlers[0]
        for step in w.steps:
            body = bodies[body_index]
            staff = body.handlers[0] if body.handlers else None
            actor = stint_handler or (rng.choice(body.handlers) if body.handlers else None)
            at = self._time(step.on, at, citizen=step.action == SUBMIT and not counter)
            if step.action == SUBMIT:
                submit_actor = draft.submitter if not counter else staff
                note = self._labels["received"] % {"channel": self._labels[f"channel:{draft.channel}"]}
                events.append((case_id, at, submit_actor, "submit", "", step.to_status, note, "",
                               EventVisibility.PUBLIC, "{}"))  # fmt: skip
                submitted_at = at
                continue
            if body_index not in assigned_at and step.action != Action.WITHDRAW:
                assigned_at.add(body_index)
                if stint_handler is not None:
                    events.append((case_id, at, body.head or None, "assign", step.from_status, step.from_status, "",
                                   "", EventVisibility.INTERNAL, json.dumps({"handler": stint_handler})))  # fmt: skip
                    at += dt.timedelta(minutes=rng.randint(5, 90))
            decides = step.action in {Action.DECIDE, Action.CONCLUDE, Action.EXTEND, Action.SUSPEND, Action.RESUME}
            who = (body.head or actor) if decides else actor
            note, document, visibility = "", "", EventVisibility.PUBLIC
            data: dict[str, Any] = step.extra if step.action in {Action.CLASSIFY, Action.REJECT} else {}
            action = step.action
            if action == Action.CLASSIFY:
                note = self._labels["classified"] % {"track": self._labels[f"track:{step.track}"]}
            elif action == Action.ACCEPT:
                document = self.number(body, step.on, "TB")
            elif action == Action.REJECT:
                note = self._labels[f"reject:{step.track}:{w.reject_reason}"] + "."
                closed_at = at
            elif action == Action.TRANSFER:
                new_body = bodies[body_index + 1]
                reason = rng.choice(vocab.TRANSFER_REASONS)
                note = self._labels["transferred"] % {"body": new_body.name, "reason": reason}
                data = {"to": new_body.id}
            elif action == Action.HOLD_DIALOGUE:
                note = rng.choice(vocab.DIALOGUE_MINUTES).format(n=step.extra.get("n", 1))
                data = {"held_on": step.on.isoformat()}
            elif action == Action.EXTEND:
                note = "Vụ việc phức tạp, cần thêm thời gian xác minh."
                document = self.number(body, step.on, "QĐ")
            elif action == Action.SUSPEND:
                note = rng.choice(vocab.SUSPEND_REASONS)
                document = self.number(body, step.on, "QĐ")
                buffers.suspensions.append((case_id, step.on, None, note, document))
            elif action == Action.RESUME:
                document = self.number(body, step.on, "QĐ")
                last = buffers.suspensions[-1]
                buffers.suspensions[-1] = (last[0], last[1], step.on, last[3], last[4])
            elif action in {Action.DECIDE, Action.CONCLUDE}:
                decision_number = document = self.number(body, step.on, "KL" if is_to_cao else "QĐ")
                petitioner = (
                    f"{'ông' if person and person.male else 'bà'} {person.name}" if person else "người khiếu nại"
                )
                answer_text = self.texts.decision_text(step.track, w.outcome, w.round, petitioner)
            elif action == Action.ANSWER:
                answer_text = self.texts.pakn_answer(body.name.replace("Ủy ban nhân dân", "UBND"), step.on.year)
            elif action == Action.PUBLISH:
                public_answer = self.texts.public_answer(step.track, w.outcome, body.name)
                published_at = at
            elif action in {Action.CLOSE, Action.WITHDRAW, Action.COURT_FILED}:
                closed_at = at
                if action == Action.WITHDRAW:
                    note = "Người gửi đơn có văn bản xin rút đơn."
                    who = draft.submitter or actor
                elif action == Action.COURT_FILED:
                    note = "Người khiếu nại đã khởi kiện vụ án hành chính tại Tòa án nhân dân."
            elif action == Action.MARK_INFO_ONLY:
                note = "Không đủ điều kiện xử lý là tố cáo (Luật Tố cáo 2018, Điều 25): xử lý như thông tin."
                visibility = EventVisibility.INTERNAL
            elif action == Action.SPLIT:
                note = "Đơn có nhiều nội dung thuộc các loại đơn khác nhau: tách thành các hồ sơ riêng."
            events.append((case_id, at, who, str(action), step.from_status, step.to_status, note, document,
                           visibility, json.dumps(data, ensure_ascii=False) if data else "{}"))  # fmt: skip
            if action == Action.TRANSFER:
                body_index += 1
                stint_handler = handlers[body_index]
        final_body = bodies[-1]
        final_handler = handlers[-1] if (len(bodies) - 1) in assigned_at else None
        last_at = at
        assert submitted_at is not None and last_at is not None
        # The legal clock of the state reached, exactly as case_deadline_refresh computes it.
        remote = bool(draft.commune and draft.commune.remote)
        clock = lifecycle.clock_for(w.track, w.status, w.round)
        due_on = warn_on = None
        due_step = due_explanation = ""
        due_estimated = False
        if clock is not None:
            anchor = getattr(w, clock.anchor) or w.received_on
            deadline = self.deadlines.compute(clock.procedure, clock.step, anchor, tuple(w.criteria), remote,
                                              w.extensions, w.pauses())  # fmt: skip
            due_step = f"{clock.procedure}.{clock.step}"
            if deadline is not None:
                due_on, warn_on, due_explanation, due_estimated = (deadline.due_on, deadline.warn_on,
                                                                   deadline.explanation, deadline.estimated)  # fmt: skip
        search = self.folder(code, title, redacted or content, place_text, public_answer)
        contact = ("", "", "", "")
        if person is not None and not is_to_cao:
            phone = person.phone if rng.random() < 0.85 else ""
            address = person.address if draft.track == Track.KHIEU_NAI or rng.random() < 0.6 else ""
            if not (phone or person.email or address):
                phone = person.phone
            contact = (person.name, phone, person.email, address)
        topic_id = self.topics.get(draft.topic)
        row = (
            case_id, submitted_at, last_at, code, self.access_hash(), w.track, w.status, w.round, w.suspended_from,
            title, content, redacted, topic_id, place_text, draft.commune.id if draft.commune else None, None, None,
            final_body.id, final_handler, None, draft.submitter, *contact, person is None, letter.people_count,
            draft.channel, f"{KEY_PREFIX}{case_id}", vocab.CONSENT_TEXT, submitted_at, w.received_on, w.accepted_on,
            w.decided_on, w.notified_on, closed_at, json.dumps(w.criteria), remote, w.extensions, w.court_filed,
            w.reject_reason, due_on, warn_on, due_step, due_explanation, due_estimated, w.outcome, decision_number,
            answer_text, public_answer, published_at, draft.parent_id, draft.previous_id, search,
            # Generated history: every denunciation's redaction counts as reviewed by its handler.
            False, "[]",
            # No salt: a generated case's private link is not derivable (its secret was never made), and
            # no idempotency fingerprint (generated cases are never retried).
            "", "",
            False, "", "", None,
            "", "", None,
            None, "",
        )  # fmt: skip
        buffers.cases.append(row)
        letter.context["decision_number"] = decision_number
        key = (w.track, w.status)
        self.stats.by_track_status[key] = self.stats.by_track_status.get(key, 0) + 1
        if w.status in transitions.OPEN:
            self.stats.open_cases += 1
            if due_on is not None and due_on < self.end:
                self.stats.overdue += 1
        if is_to_cao and person is not None:
            identity_record = {"name": person.name, "phone": person.phone, "email": person.email,
                               "address": person.address, "id_number": person.id_number,
                               "content": content_as_written}  # fmt: skip
            buffers.sealed.append((case_id, sealing.seal_json(identity_record), self.key_id, submitted_at))
            self.stats.sealed += 1
        self._attachments(buffers, case_id, code, draft, submitted_at, is_to_cao)
        if w.answered_on is not None:
            self._rating(buffers, case_id, draft, final_body, final_handler, w)

    def _time(self, day: dt.date, previous: dt.datetime | None, *, citizen: bool) -> dt.datetime:
        rng = self.rng
        if citizen:
            minute = rng.randint(6 * 60, 23 * 60 + 30)
        else:
            minute = rng.choice([rng.randint(7 * 60 + 30, 11 * 60 + 30), rng.randint(13 * 60 + 30, 17 * 60)])
        moment = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randint(0, 59), tzinfo=VN)
        if previous is not None and moment <= previous:
            moment = previous + dt.timedelta(minutes=rng.randint(3, 40))
            midnight = dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=VN)
            if moment > midnight:
                moment = max(midnight, previous + dt.timedelta(seconds=1))
        return moment

    def _attachments(self, buffers: Buffers, case_id: int, code: str, draft: Draft, at: dt.datetime,
                     is_to_cao: bool) -> None:  # fmt: skip
        rng = self.rng
        folder = f"cases/{draft.received_on:%Y/%m}/{code}/"
        counter = draft.channel == Channel.COUNTER and rng.random() < P_SCAN
        uploader = draft.submitter
        files: list[tuple[str, str, int, str, bool]] = []
        if rng.random() < P_EVIDENCE:
            for i in range(1, rng.choice([1, 1, 2, 3]) + 1):
                if rng.random() < 0.75:
                    files.append((f"anh-hien-truong-{i}.jpg", "image/jpeg", rng.randint(80_000, 3_500_000),
                                  Attachment.Kind.EVIDENCE, False))  # fmt: skip
                else:
                    files.append((f"tai-lieu-{i}.pdf", "application/pdf", rng.randint(50_000, 4_000_000),
                                  Attachment.Kind.EVIDENCE, False))  # fmt: skip
        if counter:
            # The signed or fingerprinted petition, sealed for a tố cáo (Luật Tố cáo 2018, Điều 56(2)).
            files.append(("don-ky-ten.pdf", "application/pdf", rng.randint(150_000, 2_500_000),
                          Attachment.Kind.PETITION_SCAN, is_to_cao))  # fmt: skip
            province = draft.province
            body = province.communes.get(draft.commune.id) if draft.commune else province.bodies["ban-tcd"]
            uploader = body.handlers[0] if body and body.handlers else None
        for name, content_type, size, kind, sealed in files:
            stored = f"{folder}{rng.getrandbits(64):016x}-{name}" + (".sealed" if sealed else "")
            digest = f"{rng.getrandbits(256):064x}"
            buffers.attachments.append((case_id, stored, name, content_type, size, digest, kind, sealed, uploader,
                                        at, False))  # fmt: skip
        if files:
            self.stats.attachments += len(files)

    # Ratings --------------------------------------------------------------------------------------

    def _rating(self, buffers: Buffers, case_id: int, draft: Draft, body: Body, handler: int | None,
                w: Walk) -> None:  # fmt: skip
        rng = self.rng
        answered_on = w.answered_on
        assert answered_on is not None
        opens_at = dt.datetime(answered_on.year, answered_on.month, answered_on.day, 16, 30, tzinfo=VN)
        expires_at = opens_at + dt.timedelta(days=60)  # DANVAN_RATING_OPEN_DAYS
        token = self.rating_token(case_id)
        unit = draft.commune.id if draft.commune else None
        used = False
        if rng.random() < self.ratings_share:
            day = answered_on + dt.timedelta(days=min(59, int(rng.expovariate(1 / 4))))
            if day <= self.end:
                used = True
                mood = 3.55 + self.body_quality(body.id) + _OUTCOME_EFFECT.get((w.track, w.outcome), 0.0)
                mood += (-0.7 if w.late else 0.0) + rng.gauss(0, 0.6)
                comment = ""
                if rng.random() < 0.12:
                    comment = rng.choice(vocab.RATING_COMMENTS_GOOD if mood >= 3.5 else vocab.RATING_COMMENTS_BAD)
                answered_at = dt.datetime(day.year, day.month, day.day, rng.randint(7, 22), rng.randint(0, 59),
                                          tzinfo=VN)  # fmt: skip
                index = len(buffers.responses)
                buffers.responses.append((
                    self.rating_template, None, Source.CASE_RATING, body.id, unit, w.track, draft.topic, handler, day,
                    comment, token_digest(token, purpose=EDIT_PURPOSE), answered_at + dt.timedelta(days=7), None, "",
                    "", "", None, None,
                ))  # fmt: skip
                questions = self.rating_questions[w.track]
                for criterion_id, code, aspect in questions:
                    value = _likert(rng, mood, no_opinion=0.0 if code.endswith("overall") else 0.04)
                    buffers.answers.append((index, criterion_id, aspect, value))
                self.stats.ratings += 1
                self.stats.answers += len(questions)
        buffers.invitations.append((self.rating_template, f"case:{case_id}", token_digest(token), body.id, unit,
                                    w.track, draft.topic, handler, opens_at, opens_at, expires_at, used))  # fmt: skip
        self.stats.invitations += 1

    # Writing --------------------------------------------------------------------------------------

    def flush(self, buffers: Buffers) -> None:
        """Write one chunk's rows, giving ids to the tables whose rows were built without them."""
        sink, t = self.sink, self.tables
        if buffers.text is not None:
            self._flush_text(buffers.text)
            return
        sink.write(t["cases"], buffers.cases)
        for name in ("events", "suspensions", "sealed", "attachments", "invitations"):
            rows = getattr(buffers, name)
            first = sink.reserve(t[name], len(rows))
            sink.write(t[name], [(first + i, *row) for i, row in enumerate(rows)])
        first_response = sink.reserve(t["responses"], len(buffers.responses))
        sink.write(t["responses"], [(first_response + i, *row) for i, row in enumerate(buffers.responses)])
        first_answer = sink.reserve(t["answers"], len(buffers.answers))
        sink.write(t["answers"], [(first_answer + i, first_response + r, c, a, v)
                                  for i, (r, c, a, v) in enumerate(buffers.answers)])  # fmt: skip

    def _flush_text(self, text: dict[str, Any]) -> None:
        sink, t = self.sink, self.tables
        sink.write_text(t["cases"], text["cases"], text["case_count"])
        for name in ("events", "suspensions", "sealed", "attachments", "invitations"):
            lines = text[name]
            first = sink.reserve(t[name], len(lines))
            sink.write_text(t[name], "".join(f"{first + i}\t{line}\n" for i, line in enumerate(lines)), len(lines))
        responses = text["responses"]
        first_response = sink.reserve(t["responses"], len(responses))
        sink.write_text(t["responses"], "".join(f"{first_response + i}\t{line}\n" for i, line in enumerate(responses)),
                        len(responses))  # fmt: skip
        answers = text["answers"]
        first_answer = sink.reserve(t["answers"], len(answers))
        sink.write_text(t["answers"], "".join(f"{first_answer + i}\t{first_response + r}\t{line}\n"
                                              for i, (r, line) in enumerate(answers)), len(answers))  # fmt: skip


RESPONSE_COLUMNS = [
    "id", "template_id", "campaign_id", "source", "organization_id", "unit_id", "service", "topic", "official_id",
    "answered_on", "comment", "edit_key_hash", "editable_until", "form_nonce", "paper_form_number", "device_hash",
    "flag", "flag_cleared_by_id", "entered_by_id",
]  # fmt: skip
_OUTCOME_EFFECT: dict[tuple[str, str], float] = {
    (Track.PAKN, DecisionOutcome.ANSWERED): 0.2,
    (Track.KHIEU_NAI, DecisionOutcome.RIGHT): 0.8, (Track.KHIEU_NAI, DecisionOutcome.PARTLY_RIGHT): 0.1,
    (Track.KHIEU_NAI, DecisionOutcome.WRONG): -0.8,
    (Track.TO_CAO, DecisionOutcome.RIGHT): 0.5, (Track.TO_CAO, DecisionOutcome.PARTLY_RIGHT): 0.1,
    (Track.TO_CAO, DecisionOutcome.WRONG): -0.4,
}  # fmt: skip


def _likert(rng: random.Random, mood: float, *, no_opinion: float) -> int:
    if no_opinion and rng.random() < no_opinion:
        return 0
    return min(5, max(1, round(mood + rng.gauss(0, 0.55))))


def _cumulate(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


# Campaigns ------------------------------------------------------------------------------------------


def campaign_rows(*, rng: random.Random, sink: Sink, provinces: dict[int, ProvinceBodies],
                  province_names: dict[int, str], count: int, template: int,
                  questions: list[tuple[int, str, str]], start: dt.date, end: dt.date, quality: Callable[[int], float],
                  progress: Callable[[int], None]) -> tuple[int, int]:  # fmt: skip
    """One SIPAS campaign per province, and ``count`` answers spread over them by size."""
    from danvan.surveys.models import Campaign

    campaigns = table(Campaign, ["id", "created_at", "updated_at", "code", "title", "template_id", "starts_on",
                                 "ends_on", "status", "owner_id", "device_limit", "min_seconds"])  # fmt: skip
    through = Campaign.organizations.through
    targets = table(through, ["id", "campaign_id", "organization_id"])
    responses = table(Response, RESPONSE_COLUMNS)
    answers_table = table(Answer, ["id", "response_id", "criterion_id", "aspect", "value"])
    starts_on = max(start, end - dt.timedelta(days=150))
    created = dt.datetime(starts_on.year, starts_on.month, starts_on.day, 8, 0, tzinfo=VN)
    sizes = {code: len(p.communes) + 1 for code, p in provinces.items()}
    total_size = sum(sizes.values()) or 1
    first_campaign = sink.reserve(campaigns, len(provinces))
    campaign_ids = {code: first_campaign + i for i, code in enumerate(sorted(provinces))}
    rows, target_rows = [], []
    for code in sorted(provinces):
        p = provinces[code]
        rows.append((campaign_ids[code], created, created, f"gen-sipas-{code}",
                     f"Khảo sát sự hài lòng (SIPAS) năm {end.year} — {province_names[code]}", template, starts_on, end,
                     "open", p.ubnd.id, 3, 20))  # fmt: skip
        for body in [*p.communes.values(), p.bodies["tt-hcc"]]:
            target_rows.append((campaign_ids[code], body.id))
    sink.write(campaigns, rows)
    first_target = sink.reserve(targets, len(target_rows))
    sink.write(targets, [(first_target + i, *r) for i, r in enumerate(target_rows)])
    span = max(0, (end - starts_on).days)
    written = answers_written = 0
    for code in sorted(provinces):
        p = provinces[code]
        share = round(count * sizes[code] / total_size)
        if code == max(provinces):
            share = count - written  # the last one takes the rounding
        bodies = [*p.communes.values()]
        hcc = p.bodies["tt-hcc"]
        clerk = p.ubnd.handlers[0] if p.ubnd.handlers else None
        batch = 20_000
        done = 0
        while done < share:
            n = min(batch, share - done)
            first = sink.reserve(responses, n)
            response_rows, answer_rows = [], []
            for i in range(n):
                body = hcc if rng.random() < 0.15 or not bodies else rng.choice(bodies)
                unit = None if body is hcc else body.unit_id
                day = starts_on + dt.timedelta(days=rng.randint(0, span))
                response_id = first + i
                paper = rng.random() < 0.45
                flag = ""
                if not paper:
                    roll = rng.random()
                    flag = Flag.TOO_FAST if roll < 0.02 else Flag.BURST if roll < 0.03 else ""
                comment = ""
                mood = 3.5 + quality(body.id) + rng.gauss(0, 0.7)
                if rng.random() < 0.06:
                    comment = rng.choice(vocab.RATING_COMMENTS_GOOD if mood >= 3.5 else vocab.RATING_COMMENTS_BAD)
                response_rows.append((
                    response_id, template, campaign_ids[code], Source.PAPER if paper else Source.WEB, body.id, unit, "",
                    "", None, day, comment, "", None, None if paper else f"{KEY_PREFIX}{response_id}",
                    f"{done + i + 1:06d}" if paper else "",
                    "" if paper else f"{rng.getrandbits(256):064x}", flag, None, clerk if paper else None,
                ))  # fmt: skip
                for criterion_id, _code, aspect in questions:
                    if aspect == Aspect.EXPECTATION:
                        if rng.random() < 0.12:
                            answer_rows.append((response_id, criterion_id, aspect, 1))
                        continue
                    answer_rows.append((response_id, criterion_id, aspect, _likert(rng, mood, no_opinion=0.03)))
            sink.write(responses, response_rows)
            first_answer = sink.reserve(answers_table, len(answer_rows))
            sink.write(answers_table, [(first_answer + j, *row) for j, row in enumerate(answer_rows)])
            answers_written += len(answer_rows)
            done += n
            progress(n)
        written += share
    return written, answers_written
