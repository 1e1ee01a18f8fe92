"""The voting part's selectors: an online round's public state and result, the receipts published so
anyone can check their ballot was counted, and the households that voted (never what they chose)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from danvan.core import clock
from danvan.democracy import rules
from danvan.democracy.enums import Form, VoteRoundStatus
from danvan.democracy.models import Household, Matter, OnlineBallot, OnlineConsent, OnlineVoter, VoteRound
from danvan.democracy.permissions import RUN_DECISIONS
from danvan.org.permissions import user_may


def online_round(round_id: int) -> VoteRound | None:
    """The online round ``round_id`` (any status), with its matter and village; None if there is none."""
    return VoteRound.objects.select_related("matter", "village").filter(pk=round_id, form=Form.ONLINE).first()


@dataclass(frozen=True)
class Tally:
    households_total: int
    consent_yes: int
    consent_needed: int  # the fewest agreeing households that let the vote open
    voted: int
    yes: int | None  # None until counted: no running totals while the vote is open
    no: int | None
    passed: bool | None
    needed: int  # the fewest agreeing households that pass
    rule: str  # "> 50%"
    basis: str


def tally(round_: VoteRound) -> Tally:
    counted = round_.status == VoteRoundStatus.CLOSED
    total = round_.households_total
    consent = round_.consent_yes
    if consent is None or round_.status == VoteRoundStatus.CONSENT:
        consent = OnlineConsent.objects.filter(round=round_, agreed=True).count()
    return Tally(households_total=total, consent_yes=consent, consent_needed=rules.ONLINE_CONSENT.needed(total),
                 voted=OnlineVoter.objects.filter(round=round_).count(),
                 yes=round_.yes if counted else None, no=round_.no if counted else None,
                 passed=round_.passed if counted else None, needed=rules.ONLINE_PASS.needed(total),
                 rule=rules.ONLINE_PASS.describe(), basis=rules.ONLINE_PASS.basis)  # fmt: skip


def is_open(round_: VoteRound, now: dt.datetime | None = None) -> bool:
    now = now or clock.now()
    return bool(round_.opens_at and round_.closes_at and round_.opens_at <= now < round_.closes_at)


def public_rounds(commune_id: int, limit: int = 10) -> list[VoteRound]:
    """The commune's online votes for its public page: those asking consent or open first, then the
    latest counted; cancelled ones are left out. Titles, villages and dates only."""
    rows = (
        VoteRound.objects.filter(form=Form.ONLINE, village__commune_id=commune_id)
        .exclude(status=VoteRoundStatus.CANCELLED)
        .select_related("matter", "village")
        .order_by("-id")[:50]
    )
    live = [r for r in rows if r.status != VoteRoundStatus.CLOSED]
    counted = [r for r in rows if r.status == VoteRoundStatus.CLOSED]
    return (live + counted)[:limit]


def receipt_hashes(round_: VoteRound) -> list[str]:
    """Every ballot's receipt hash, in the order of the hashes (never the order cast)."""
    return list(OnlineBallot.objects.filter(round=round_).order_by("receipt_hash").values_list("receipt_hash",
                                                                                                flat=True))  # fmt: skip


def receipt_counted(round_: VoteRound, digest: str) -> bool:
    return OnlineBallot.objects.filter(round=round_, receipt_hash=digest).exists()


def voters(round_: VoteRound) -> QuerySet[Household]:
    """The households that voted (for the minutes' participants list): who, never what."""
    return Household.objects.filter(pk__in=OnlineVoter.objects.filter(round=round_).values("household_id")).order_by(
        "code"
    )


def consents(round_: VoteRound) -> list[dict[str, Any]]:
    """Each household of the village and its answer to "vote online?" (None: not answered)."""
    answers = dict(OnlineConsent.objects.filter(round=round_).values_list("household_id", "agreed"))
    return [{"household": h, "agreed": answers.get(h.pk)}
            for h in Household.objects.filter(village_id=round_.village_id, is_active=True).order_by("code")]  # fmt: skip


def rounds_for(user: Any) -> list[VoteRound]:
    """The online rounds the user may run, newest first."""
    rows = VoteRound.objects.select_related("matter", "village", "village__organization").filter(form=Form.ONLINE)
    return [r for r in rows.order_by("-id")[:200] if user_may(user, RUN_DECISIONS, r)]


def matters_to_put_online(user: Any) -> list[Matter]:
    """Item-6 village matters still to decide that the user may put to an online vote."""
    rows = (
        Matter.objects.select_related("village", "village__organization")
        .filter(item=6, scope="village", village__isnull=False, status__in=["proposed", "open"])
        .exclude(rounds__form=Form.ONLINE, rounds__status__in=[VoteRoundStatus.CONSENT, VoteRoundStatus.OPEN])
    )
    return [m for m in rows.order_by("-id")[:200] if user_may(user, RUN_DECISIONS, m.permission_organization())]


def figures(commune_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``online_rounds``: online votes counted in the year
    - ``online_households_voted``: households that voted in them
    - ``online_households_total``: households of those rounds' villages

    "On time" is decided here, once, by this part's own rule."""
    result = {
        commune_id: dict.fromkeys(("online_rounds", "online_households_voted", "online_households_total"), 0)
        for commune_id in commune_ids
    }
    rows = (
        VoteRound.objects.filter(
            form=Form.ONLINE, status=VoteRoundStatus.CLOSED, counted_at__year=year, village__commune_id__in=commune_ids
        )
        .annotate(n_voted=Count("voters", distinct=True))
        .values_list("village__commune_id", "households_total", "n_voted")
    )
    for commune_id, total, voted in rows:
        figures_ = result[commune_id]
        figures_["online_rounds"] += 1
        figures_["online_households_voted"] += voted
        figures_["online_households_total"] += total
    return result


def household_limit_key(pk: int, code: str) -> str:
    """The per-household counter's key for ``ui.limits`` (hashed there, like a contact). Only requests
    whose phone matched are counted on it, so a stranger cannot use up a household's budget."""
    return f"vote-household:{pk}:{(code or '').strip().casefold()}"
