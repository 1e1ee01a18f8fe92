"""Every step staff take on a case, declared once: who may take it, when it is possible, its service.

The staff case page offers the steps ``offered_to`` a person (each with its form, ``forms.staff.STEP_FORMS``)
and ``POST /van-hanh/ho-so/<pk>/<step>/`` calls the step's service; the REST API lists ``api_allowed`` as a
case's ``allowed_actions`` and ``POST /cases/{case_id}/actions`` calls the same service. When a step is
possible is never written here: a move of the state machine is possible when ``transitions.allowed_actions``
says so, and the steps that are not moves (assign, parties, set_complexity, second_complaint) ask the
predicates of ``transitions`` that their services check too (the public page's moderation asks those of
``services.moderation``, over ``publicity``'s rule). A test walks tracks, states, facts and roles
and proves the page, the API and the services agree (tests/test_step_agreement.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.cases import permissions as case_permissions
from danvan.cases import selectors, transitions
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case
from danvan.cases.services import duplicates, feedback, handling, moderation, parties
from danvan.org import permissions

HANDLE, DECIDE, ASSIGN = case_permissions.HANDLE, case_permissions.DECIDE, case_permissions.ASSIGN


def _assignable(case: Case) -> bool:
    return transitions.assign_possible(Status(case.status), has_body=case.handling_organization_id is not None)


def _complexity(case: Case) -> bool:
    return transitions.complexity_possible(Track(case.track), Status(case.status))


def _second_complaint(case: Case) -> bool:
    # The query runs only for a first-time complaint in a state that allows a second one.
    return transitions.second_complaint_possible(
        Track(case.track), Status(case.status), case.round
    ) and not selectors.case_second_round_open(case)


@dataclass(frozen=True)
class Step:
    """One step a person takes on a case.

    ``possible`` is ``None`` for a move of the state machine (``transitions`` decides), else the predicate
    of a step that is not a move. ``api``: ``POST /cases/{case_id}/actions`` takes it (its schema is in
    ``cases.api_schemas.CaseStep``; a step without one is taken on the staff page only)."""

    permission: str
    service: Callable[..., Any]
    label: Any
    done: Any
    possible: Callable[[Case], bool] | None = None
    api: bool = True


# The order here is the order on the page. Keys are the transitions' actions and the steps that are not moves.
STEPS: dict[str, Step] = {
    "classify": Step(HANDLE, handling.case_classify, _("Classify"), _("The case has been put on its legal track.")),
    "register": Step(HANDLE, handling.case_register, _("Register"), _("The case has been registered.")),
    "start_study": Step(HANDLE, handling.case_start_study, _("Start the study"),
                        _("The feedback item is under study.")),
    "accept": Step(HANDLE, handling.case_accept, _("Accept (thụ lý)"),
                   _("The case has been accepted; the resolution deadline is running.")),
    "reject": Step(HANDLE, handling.case_reject, _("Do not accept"),
                   _("The case has not been accepted; the petitioner will be told why.")),
    "split": Step(HANDLE, handling.case_split, _("Split into several cases"),
                  _("The petition has been split into several cases."), api=False),
    "parties": Step(HANDLE, parties.case_parties_set, _("Petitioners and representatives"),
                    _("The petitioners are recorded."), possible=_assignable, api=False),
    "transfer": Step(HANDLE, handling.case_transfer, _("Transfer to the competent body"),
                     _("The case has been transferred.")),
    "assign": Step(ASSIGN, handling.case_assign, _("Assign a handler"), _("The handler has been assigned."),
                   possible=_assignable),
    "start_verification": Step(HANDLE, handling.case_start_verification, _("Start verification"),
                               _("Verification has started.")),
    "hold_dialogue": Step(HANDLE, handling.case_hold_dialogue, _("Record a dialogue"),
                          _("The dialogue has been recorded.")),
    "set_complexity": Step(DECIDE, handling.case_set_complexity, _("Record the complexity"),
                           _("The complexity has been recorded."), possible=_complexity, api=False),
    "extend": Step(DECIDE, handling.case_extend, _("Extend the time limit"), _("The time limit has been extended.")),
    "suspend": Step(DECIDE, handling.case_suspend, _("Suspend"),
                    _("The case has been suspended; its clock has stopped.")),
    "resume": Step(DECIDE, handling.case_resume, _("Resume"), _("The case has been resumed; its clock runs again.")),
    "decide": Step(DECIDE, handling.case_decide, _("Decide"), _("The decision has been recorded.")),
    "conclude": Step(DECIDE, handling.case_decide, _("Conclude"), _("The conclusion has been recorded.")),
    "send_decision": Step(HANDLE, handling.case_send_decision, _("Send the decision"),
                          _("The decision has been sent to the parties.")),
    "answer": Step(HANDLE, handling.case_answer, _("Answer the citizen"), _("The answer has been recorded and sent.")),
    "publish": Step(HANDLE, handling.case_publish, _("Publish the public answer"),
                    _("The public answer has been published.")),
    # Moderation of the public page (``services.moderation``): at any time, answered or not.
    "hide_public": Step(HANDLE, moderation.case_public_hide, _("Take off the public page"),
                        _("The report is no longer on the public page; its petitioner is told why."),
                        possible=moderation.hide_possible, api=False),
    "show_public": Step(HANDLE, moderation.case_public_show, _("Show on the public page again"),
                        _("The report is on the public page again."), possible=moderation.show_possible, api=False),
    "correct_public": Step(HANDLE, moderation.case_public_correct, _("Correct the public text"),
                           _("The public title and text have been corrected."), possible=moderation.correct_possible,
                           api=False),
    "mark_info_only": Step(HANDLE, handling.case_mark_info_only, _("Handle as information (Art. 25)"),
                           _("The case is kept as information.")),
    "court_filed": Step(HANDLE, handling.case_court_filed, _("Record a lawsuit"),
                        _("The case has been closed: it is before a court.")),
    "finalize": Step(HANDLE, handling.case_finalize, _("Mark as in legal effect"),
                     _("The decision is in legal effect.")),
    "close": Step(HANDLE, handling.case_close, _("Close"), _("The case has been closed.")),
    "reopen": Step(HANDLE, feedback.case_reopen, _("Reopen: the citizen says it is still not fixed"),
                   _("The feedback item is back in the queue for review."), api=False),
    "withdraw": Step(HANDLE, handling.case_withdraw, _("Record a withdrawal"),
                     _("The withdrawal has been recorded; the case is terminated.")),
    "merge_duplicate": Step(HANDLE, duplicates.case_merge_duplicate, _("Close as a duplicate of another case"),
                            _("The case has been closed as a duplicate; the petitioner will be told."), api=False),
    "second_complaint": Step(HANDLE, handling.case_second_complaint, _("Record a second complaint"),
                             _("The second complaint has been recorded as a new case."), possible=_second_complaint,
                             api=False),
}  # fmt: skip

# Every move of the state machine is a step (a new action in ``transitions`` needs its entry above).
assert {str(action) for action in transitions.Action} <= set(STEPS), "a transition has no step"


# The steps ``POST /cases/{case_id}/actions`` takes (a test checks they are api_schemas.CaseStep's actions).
API_STEPS = frozenset(key for key, step in STEPS.items() if step.api)


def possible_steps(case: Case, *, among: Iterable[str] | None = None) -> list[str]:
    """The steps possible now on ``case`` (before anyone's permission), in page order; only those ``among``
    when given (a guard that reads the database is then not run for a step nobody asked about)."""
    moves = {str(action) for action in handling.case_allowed_actions(case)}
    asked = set(STEPS if among is None else among)
    return [
        key for key, step in STEPS.items() if key in asked and (step.possible(case) if step.possible else key in moves)
    ]


def offered_to(user: Any, case: Case) -> list[str]:
    """The steps ``user`` may take now on ``case``: what the staff page offers."""
    return [key for key in possible_steps(case) if permissions.user_may(user, STEPS[key].permission, case)]


def api_allowed(case: Case) -> list[str]:
    """The possible steps that ``POST /cases/{case_id}/actions`` takes: the REST ``allowed_actions``
    (before permission checks, as its schema says)."""
    return possible_steps(case, among=API_STEPS)
