"""The staff page, the REST API, the state machine and the services agree on which steps a case offers.

For every track, every state of its machine and a few terminal ones, with the facts that change the answer
(second round, complexity and extensions, an answer to publish, the state before a suspension, no body
yet), and for the roles around the body (handler, head, dân vận officer, inspector):

* the moves the step registry calls possible are exactly ``transitions.allowed_actions``;
* the REST ``allowed_actions`` are exactly the registry's possible steps that ``POST /cases/{id}/actions``
  takes, and the staff page offers exactly the possible steps the person's role allows;
* what the page offers and what the API lists are the same steps wherever both can take them;
* the service of every step, called by the head (who holds every staff right of the body), accepts it
  when the registry says it is possible and refuses it otherwise: a step offered is one the service
  accepts, and a step the service refuses is never offered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from danvan.cases import steps, transitions
from danvan.cases.choices import Status, Track, reject_reasons_for
from danvan.cases.models import Case
from danvan.cases.selectors import case_may_view
from danvan.cases.services.handling import case_allowed_actions
from danvan.cases.tests.factories import World, submit
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.deadlines.rules import complexity_from_criteria
from danvan.org import permissions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

S = Status
ROLES = ("handler", "head", "dan_van", "inspector")
TODAY = "today"  # a fact replaced by the frozen clock's date when the case is made
HIDDEN_AT = dt.datetime(2026, 1, 2, 9, 0, tzinfo=dt.UTC)  # taken off the public page


@dataclass(frozen=True)
class Scenario:
    track: Track
    status: Status
    facts: dict[str, Any] = field(default_factory=dict)  # fields of the case set after it is sent

    def __str__(self) -> str:
        extra = ",".join(f"{k}={v}" for k, v in sorted(self.facts.items()) if k != "handling_organization")
        return (
            f"{self.track}:{self.status}"
            + (f"[{extra}]" if extra else "")
            + ("[no body]" if "handling_organization" in self.facts else "")
        )


def _scenarios() -> list[Scenario]:
    found = []
    for track, machine in transitions.MACHINES.items():
        for status in [*machine, S.CLOSED, S.REJECTED]:
            facts: dict[str, Any] = {}
            if status == S.SUSPENDED:
                facts["suspended_from"] = S.VERIFYING
            found.append(Scenario(track, status, facts))
    found += [
        # a suspension whose earlier state is unknown cannot be resumed
        Scenario(Track.KHIEU_NAI, S.SUSPENDED),
        # a second-time complaint: a dialogue before the decision, no third round
        *(Scenario(Track.KHIEU_NAI, status, {"round": 2}) for status in (S.VERIFYING, S.DIALOGUE, S.NOTIFIED)),
        # extensions of a denunciation: none when ordinary, one when complex, two when especially complex
        Scenario(Track.TO_CAO, S.VERIFYING, {"criteria": ["a"]}),
        Scenario(Track.TO_CAO, S.VERIFYING, {"criteria": ["a"], "extensions": 1}),
        Scenario(Track.TO_CAO, S.VERIFYING, {"criteria": ["a", "b", "c"], "extensions": 1}),
        # an answer to publish
        *(Scenario(track, status, {"answer_text": "Đã trả lời."}) for track, status in (
            (Track.PAKN, S.ANSWERED), (Track.KHIEU_NAI, S.NOTIFIED), (Track.KHIEU_NAI, S.FINAL),
            (Track.TO_CAO, S.NOTIFIED))),
        # "still not fixed": within the window after the answer was sent (an answer with no date: never)
        Scenario(Track.PAKN, S.ANSWERED, {"answer_text": "Đã trả lời.", "notified_on": TODAY}),
        # public feedback: shown (it may be taken off, its text corrected), taken off (shown again, corrected),
        # and withheld by the citizen or no longer handled (nothing to moderate)
        *(Scenario(Track.PAKN, status, {"publish_wanted": True}) for status in (S.RECEIVED, S.ANSWERED, S.REJECTED)),
        *(Scenario(Track.PAKN, status, {"publish_wanted": True, "public_hidden_at": HIDDEN_AT,
                                        "public_hidden_reason": "offensive"}) for status in (S.REGISTERED, S.CLOSED,
                                                                                             S.TERMINATED)),
        # a case not yet with a body: nobody to assign, no petitioners to record
        *(Scenario(track, S.RECEIVED, {"handling_organization": None})
          for track in (Track.UNCLASSIFIED, Track.PAKN, Track.KHIEU_NAI)),
    ]  # fmt: skip
    return found


SCENARIOS = _scenarios()


def _arguments(key: str, case: Case, w: World) -> dict[str, Any]:
    """Valid input for the step's service on ``case`` (what a person would type in its form)."""
    if key == "merge_duplicate":  # another case of the same track and body, which it repeats
        kind = Track.PAKN if case.track == Track.UNCLASSIFIED else case.track
        original = submit(track=kind).case
        Case.objects.filter(pk=original.pk).update(track=case.track)
        return {"original": original.tracking_code}
    grounds = reject_reasons_for(case.track)
    part = "Nội dung phần này của đơn, đủ dài để được tiếp nhận như một đơn riêng."
    arguments: dict[str, dict[str, Any]] = {
        "classify": {"track": Track.PAKN if case.track != Track.PAKN else Track.KHIEU_NAI},
        "accept": {"criteria": ["a"]},
        "reject": {"reason": grounds.values[0] if grounds else "x"},
        # (A denunciation's contact is sealed, so its parts stay denunciations: a complaint part would need a name.)
        "split": {"parts": [{"track": Track.TO_CAO if case.is_to_cao else Track.PAKN, "title": "Một", "content": part},
                            {"track": Track.TO_CAO if case.is_to_cao else Track.KHIEU_NAI, "title": "Hai",
                             "content": part}]},
        "parties": {"parties": [{"name": "Lê Văn Bình", "address": "", "phone": "", "is_representative": False}]},
        "transfer": {"to": w.other, "reason": "Thuộc thẩm quyền của phường Kim Long."},
        "assign": {"handler": w.handler},
        "hold_dialogue": {"minutes": "Biên bản đối thoại."},
        "set_complexity": {"criteria": ["a", "b"]},
        "extend": {"decision_number": "12/QĐ-UBND", "reason": "Vụ việc phức tạp."},
        "suspend": {"reason": "Chờ kết quả giám định."},
        "decide": {"outcome": "right", "decision_number": "34/QĐ-UBND", "answer_text": "Nội dung quyết định."},
        "conclude": {"outcome": "right", "decision_number": "35/KL-UBND", "answer_text": "Nội dung kết luận."},
        "answer": {"answer_text": "Đã thay bóng đèn."},
        "publish": {"public_answer": "Đã xử lý xong."},
        "mark_info_only": {"note": "Đơn nặc danh, dùng làm thông tin."},
        "court_filed": {"note": "TAND thành phố Huế, 01/02/2026."},
        "withdraw": {"note": "Đơn xin rút ngày 01/02/2026."},
        "reopen": {"note": "Đèn sáng được hai ngày rồi lại tắt."},
        "hide_public": {"reason": "personal_data", "note": ""},
        "show_public": {"note": ""},
        "correct_public": {"public_title": "Đèn đường hỏng", "public_text": "Năm cột đèn không sáng đã một tuần."},
        "second_complaint": {"content": "Tôi không đồng ý với quyết định giải quyết lần đầu, đề nghị giải quyết lại."},
    }  # fmt: skip
    return arguments.get(key, {})


class _Undo(Exception):
    pass


def _accepts(key: str, case: Case, w: World) -> bool:
    """Does the step's service, called by the head with valid input, take the step? (Undone afterwards.)"""
    try:
        with transaction.atomic():
            steps.STEPS[key].service(case=case, actor=w.head, **_arguments(key, case, w))
            raise _Undo
    except _Undo:
        return True
    except DomainError:
        return False
    finally:
        case.refresh_from_db()


def _make(scenario: Scenario, w: World) -> Case:
    kind = Track.PAKN if scenario.track == Track.UNCLASSIFIED else scenario.track
    case = submit(track=kind).case
    facts = {key: clock.today() if value == TODAY else value for key, value in scenario.facts.items()}
    Case.objects.filter(pk=case.pk).update(track=scenario.track, status=scenario.status, **facts)
    case.refresh_from_db()
    return case


def _page_steps(client: Client, user: Any, case: Case) -> list[str]:
    client.force_login(user)
    response = client.get(f"/van-hanh/ho-so/{case.pk}/")
    return [] if response.status_code == 404 else [step["key"] for step in response.context["steps"]]


def _api_steps(client: Client, user: Any, case: Case) -> list[str] | None:
    client.force_login(user)
    response = client.get(f"/api/v1/cases/{case.pk}")
    return None if response.status_code == 404 else response.json()["allowed_actions"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_the_page_the_api_the_state_machine_and_the_services_agree(client: Client, world: World,
                                                                   scenario: Scenario) -> None:  # fmt: skip
    case = _make(scenario, world)
    possible = steps.possible_steps(case)
    # The moves are the state machine's, no more and no less.
    moves = {str(action) for action in case_allowed_actions(case)}
    assert {key for key in possible if steps.STEPS[key].possible is None} == moves
    api_takes = [key for key in possible if steps.STEPS[key].api]
    for role in ROLES:
        user = getattr(world, role)
        permitted = [key for key in possible if permissions.user_may(user, steps.STEPS[key].permission, case)]
        offered = _page_steps(client, user, case)
        listed = _api_steps(client, user, case)
        # (A case nobody's role covers yet, with no body, is shown to no officer: offered nothing.)
        assert offered == (permitted if case_may_view(user, case) else []), role
        if listed is not None:  # the API lists before permission checks, for whoever may read the case
            assert listed == api_takes, role
            assert [key for key in offered if steps.STEPS[key].api] == [
                key for key in listed if permissions.user_may(user, steps.STEPS[key].permission, case)
            ], role
        else:
            assert offered == [], role
    # The head may take every staff step of the body: the services accept exactly the possible ones.
    for key in steps.STEPS:
        # ``decide`` and ``conclude`` are one service; the track says which name the step has.
        expected = key in possible or (key in {"decide", "conclude"} and {"decide", "conclude"} & set(possible))
        assert _accepts(key, case, world) == bool(expected), key


def test_the_matrix_reaches_every_move_of_the_state_machines() -> None:
    """Not vacuous: every action of ``transitions`` is possible in at least one scenario above."""
    reached: set[str] = set()
    for s in SCENARIOS:
        facts = transitions.Facts(
            round=s.facts.get("round", 1), complexity=str(complexity_from_criteria(s.facts.get("criteria", []))),
            extensions=s.facts.get("extensions", 0), suspended_from=s.facts.get("suspended_from"),
            has_answer="answer_text" in s.facts,
            # (the "still not fixed" window is open on the day the answer was sent)
            reopen_until=dt.date(2026, 1, 31) if "notified_on" in s.facts else None, today=dt.date(2026, 1, 2),
        )  # fmt: skip
        reached |= {str(action) for action in transitions.allowed_actions(s.track, s.status, facts)}
    assert reached == {str(action) for action in transitions.Action}


def test_the_rest_actions_are_the_registry_s_api_steps() -> None:
    from danvan.cases.api_schemas import STEP_ACTIONS

    assert set(STEP_ACTIONS) == {key for key, step in steps.STEPS.items() if step.api}
    assert {key for key, step in steps.STEPS.items() if not step.api} == {
        "split", "parties", "set_complexity", "second_complaint", "merge_duplicate", "reopen", "hide_public",
        "show_public", "correct_public"}  # fmt: skip


def test_every_step_has_a_form_on_the_staff_page() -> None:
    from danvan.cases.forms.staff import STEP_FORMS

    assert list(STEP_FORMS) == list(steps.STEPS)


def test_the_matrix_reaches_every_moderation_step() -> None:
    """Not vacuous for the public page's moderation either: each step is possible in a scenario above, and
    impossible in another."""
    from types import SimpleNamespace

    cases: list[Any] = [
        SimpleNamespace(track=s.track, status=s.status, publish_wanted=s.facts.get("publish_wanted", False),
                        public_hidden_at=s.facts.get("public_hidden_at"))
        for s in SCENARIOS
    ]  # fmt: skip
    for key in ("hide_public", "show_public", "correct_public"):
        predicate = steps.STEPS[key].possible
        assert predicate is not None
        possible = {bool(predicate(c)) for c in cases}
        assert possible == {True, False}, key
