"""The consultations' load benchmark keeps working: its open loop sends every planned request and records
each one, its check of "every acknowledged vote stored once" catches a lost, doubled, changed or stray
vote, its world builds, and its voters vote through a real server. Nothing here is about time
(``benchmarks/consultations_load.py`` measures that).

Here, outside ``danvan/``, beside the HTTP benchmark's own test (tests/test_http_benchmark.py)."""

from __future__ import annotations

import pytest

from benchmarks.consultations import scenario, stored_once, world
from benchmarks.consultations.stored_once import Stored
from benchmarks.http import load
from benchmarks.http.client import Session
from danvan.consultations.models import Consultation, Participant, Statement, Vote
from danvan.core.testing.browser import reference_data_restore
from danvan.core.testing.browser import reseeded_afterwards as reseeded_afterwards  # the live-server flush
from danvan.org.models import AdministrativeUnit


def _attempt(voter: int, statement: int, value: int = 1, acknowledged: bool = True) -> dict[str, object]:
    return {"voter": voter, "statement": statement, "value": value, "acknowledged": acknowledged,
            "status": "302" if acknowledged else "ReadTimeout"}  # fmt: skip


SENT = [_attempt(1, 10), _attempt(1, 11, -1), _attempt(2, 10, 0), _attempt(2, 12, 1, acknowledged=False)]
STORED = [Stored(1, 501, 10, 1), Stored(1, 501, 11, -1), Stored(2, 502, 10, 0)]


def test_the_check_passes_when_every_acknowledged_vote_is_stored_once() -> None:
    verdict = stored_once.check(SENT, STORED)
    assert verdict.ok
    assert (verdict.sent, verdict.acknowledged, verdict.acknowledged_stored_once) == (4, 3, 3)
    assert (verdict.unacknowledged, verdict.unacknowledged_stored) == (1, 0)


def test_a_vote_stored_though_its_answer_was_lost_is_allowed_once() -> None:
    verdict = stored_once.check(SENT, [*STORED, Stored(2, 502, 12, 1)])
    assert verdict.ok
    assert verdict.unacknowledged_stored == 1


def test_the_check_fails_on_a_lost_vote() -> None:
    verdict = stored_once.check(SENT, STORED[1:])
    assert not verdict.ok
    assert verdict.lost == [(1, 10)]
    assert verdict.acknowledged_stored_once == 2


def test_the_check_fails_on_a_vote_stored_twice_by_two_participants_of_one_device() -> None:
    verdict = stored_once.check(SENT, [*STORED, Stored(1, 777, 10, 1)])
    assert not verdict.ok
    assert verdict.duplicated == [(1, 10, 2)]


def test_the_check_fails_on_an_unacknowledged_vote_stored_twice() -> None:
    verdict = stored_once.check(SENT, [*STORED, Stored(2, 502, 12, 1), Stored(2, 778, 12, 1)])
    assert not verdict.ok
    assert verdict.unacknowledged_duplicated == [(2, 12, 2)]
    assert verdict.lost == verdict.duplicated == []


def test_the_check_fails_on_a_changed_value_a_stray_and_an_unknown_participant() -> None:
    changed = stored_once.check(SENT, [Stored(1, 501, 10, -1), *STORED[1:]])
    assert changed.changed == [(1, 10, 1, -1)] and not changed.ok
    stray = stored_once.check(SENT, [*STORED, Stored(2, 502, 99, 1)])
    assert stray.strays == [(2, 99)] and not stray.ok
    unknown = stored_once.check(SENT, [*STORED, Stored(None, 900, 10, 1)])
    assert unknown.unknown_participant_votes == 1 and not unknown.ok
    assert unknown.as_dict()["ok"] is False and unknown.as_dict()["lost_count"] == 0


def test_the_plan_is_open_loop_each_vote_on_a_statement_its_voter_has_not_voted_on() -> None:
    voters = [scenario.Voter(i, Session("http://127.0.0.1:1"), device=f"d{i}", csrf="t", ahead=list(range(1, 31)))
              for i in range(20)]  # fmt: skip
    plans = scenario.plan("x", voters, rate=10, seconds=2, page_rate=5, readers=3)
    votes = [p for plan in plans.vote_plans for p in plan]
    assert sorted(p.due for p in votes) == [n / 10 for n in range(20)]
    assert len({(p.tag[0], p.tag[1]) for p in votes}) == 20  # no voter twice on one statement
    assert all(p.tag[0] == i for i, plan in enumerate(plans.vote_plans) for p in plan)
    assert sorted(p.due for plan in plans.page_plans for p in plan) == [m / 5 for m in range(10)]


def test_the_device_id_is_read_from_its_signed_cookie() -> None:
    assert scenario.device_id("AbC-d_9:Zx1sig") == "AbC-d_9"
    assert scenario.device_id('"AbC:Zx1"') == "AbC"


@pytest.mark.django_db
def test_the_world_has_one_open_consultation_with_its_statements_and_earlier_votes() -> None:
    manifest = world.build(statements=40, prior_participants=25, votes_each=5, seed=3)
    assert len(manifest["statements"]) == 40
    assert Statement.objects.filter(pk__in=manifest["statements"], status="published").count() == 40
    assert Participant.objects.filter(consultation_id=manifest["consultation"]).count() == 25
    assert Vote.objects.filter(statement__consultation_id=manifest["consultation"]).count() == manifest["prior_votes"]
    assert manifest["participant_id_above"] == Participant.objects.order_by("-id").values_list("id", flat=True)[0]
    again = world.build(statements=40, prior_participants=0, seed=3)  # remade, not added to
    assert Statement.objects.filter(consultation__code=world.CODE).count() == 40
    assert again["prior_votes"] == 0


@pytest.mark.django_db
def test_the_check_reads_the_votes_of_the_run_by_device_from_the_database() -> None:
    """Votes cast through the participation service, as the voting page casts them: mapped back to their
    devices by the participant's key; the votes from before the run are not the run's."""
    from danvan.consultations.services.participation import Who, vote_cast

    manifest = world.build(statements=10, prior_participants=3, votes_each=2, seed=4)
    consultation = Consultation.objects.get(pk=manifest["consultation"])
    ids = manifest["statements"]
    attempts = []
    for voter, device in enumerate(["dev-a", "dev-b"]):
        for statement, value in ((ids[0], 1), (ids[voter + 1], -1)):
            vote_cast(consultation=consultation, who=Who(device=device), statement_id=statement, value=value)
            attempts.append({**_attempt(voter, statement, value), "device": device})
    attempts.append({**_attempt(1, ids[5], 0, acknowledged=False), "device": "dev-b"})  # its answer was lost
    verdict = stored_once.verify(manifest, attempts)
    assert verdict.ok, verdict.as_dict()
    assert (verdict.acknowledged_stored_once, verdict.unacknowledged_stored) == (4, 0)
    Vote.objects.filter(
        statement_id=ids[1], participant__key=stored_once.participant_key(consultation, "dev-a")
    ).delete()
    assert stored_once.verify(manifest, attempts).lost == [(0, ids[1])]
    # A vote by a device the run does not know (not one of the voters, not from before the run).
    vote_cast(consultation=consultation, who=Who(device="dev-x"), statement_id=ids[2], value=1)
    assert stored_once.verify(manifest, attempts).unknown_participant_votes == 1


@pytest.mark.django_db(transaction=True)
def test_the_planned_open_loop_records_every_request_and_stops_by_itself(reseeded_afterwards, live_server) -> None:
    sessions = [Session(live_server.url) for _ in range(3)]
    plans = [[load.Planned(n * 0.05 + i * 0.01, "health", lambda s: s.get("/suc-khoe/"), tag=(i, n))
              for n in range(4)] for i in range(3)]  # fmt: skip
    outcomes = load.run_plan(plans, sessions)
    assert len(outcomes) == 12 and all(o.ok and o.status == "200" for o in outcomes)
    assert sorted(o.tag for o in outcomes) == sorted((i, n) for i in range(3) for n in range(4))
    assert all(o.latency > 0 and o.sent >= o.due - 0.001 for o in outcomes)
    assert load.summary(outcomes, 0.2)["ok"] == 12
    # Past the plan's last due time by more than give_up_after: recorded as unsent, never sent.
    late = load.run_plan([[load.Planned(0.0, "health", lambda s: s.get("/suc-khoe/")),
                           load.Planned(0.5, "health", lambda s: s.get("/suc-khoe/"))]], [Session(live_server.url)],
                         give_up_after=-0.3)  # fmt: skip
    assert [o.status for o in late] == ["200", "unsent"]
    assert load.summary(late, 1.0)["errors"] == 1
    # A browser following the answer at once: a request of its own, timed from the first answer.
    followed = load.run_plan([[load.Planned(0.0, "health", lambda s: s.get("/suc-khoe/"),
                                            follow=lambda s, r: s.get("/suc-khoe/"))]], [Session(live_server.url)])  # fmt: skip
    assert [(o.operation, o.status) for o in followed] == [("health", "200"), ("health → next", "200")]
    assert followed[1].sent >= followed[0].latency


@pytest.mark.django_db(transaction=True)
def test_voters_vote_through_a_real_server_and_every_acknowledged_vote_is_stored_once(reseeded_afterwards,
                                                                                      live_server) -> None:  # fmt: skip
    """20 voters, 10 votes/s for 2 s, on a live server: every vote acknowledged and stored once."""
    if not AdministrativeUnit.objects.exists():  # flushed by an earlier live-server test of this module
        reference_data_restore()
    manifest = world.build(statements=30, prior_participants=5, votes_each=3, seed=2)
    voters = scenario.voters_prepare(live_server.url, manifest["code"], 20, manifest["statements"], threads=1)
    assert len({v.device for v in voters}) == 20
    plans = scenario.plan(manifest["code"], voters, rate=10, seconds=2, page_rate=2, readers=1)
    sessions = [v.session for v in voters] + scenario.readers_make(live_server.url, 1)
    outcomes = load.run_plan(plans.vote_plans + plans.page_plans, sessions)
    votes = [o for o in outcomes if o.operation == "vote"]
    assert len(votes) == 20
    assert all(o.ok for o in votes), [o.detail for o in votes if not o.ok][:3]
    assert all(o.ok for o in outcomes if o.operation == "page")
    attempts = scenario.attempts_of(votes, voters)
    verdict = stored_once.verify(manifest, attempts)
    assert verdict.ok, verdict.as_dict()
    assert verdict.acknowledged_stored_once == 20
    # And the check, on the very rows of this run, fails once a stored vote goes missing.
    Vote.objects.filter(participant_id__gt=manifest["participant_id_above"]).order_by("id").first().delete()  # type: ignore[union-attr]
    assert stored_once.verify(manifest, attempts).lost != []


def test_the_summary_counts_the_rate_until_the_last_answer_and_leaves_failures_out_of_the_percentiles() -> None:
    def outcome(due: float, latency: float, status: str = "200") -> load.Outcome:
        return load.Outcome("vote", 0, due, due, latency, status, status == "200")

    # Due over 2 s, answered until 5 s (a server behind the window): 3 successes over 5 s, not over 2.
    rows = [outcome(0.0, 0.1), outcome(1.0, 0.2), outcome(1.9, 3.1), outcome(0.0, 4.0, "TimeoutError"),
            outcome(1.99, 9.0, "unsent")]  # fmt: skip
    s = load.summary(rows, 2.0)
    assert (s["requests"], s["ok"], s["errors"]) == (5, 3, 2)
    assert s["until_last_answer_seconds"] == 5.0
    assert s["achieved_per_second"] == 0.6
    assert (s["p50_ms"], s["max_ms"]) == (200.0, 3100.0)
    assert s["statuses"] == {"200": 3, "TimeoutError": 1, "unsent": 1}
