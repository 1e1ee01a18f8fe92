"""Shared test factories of cases: petitions, submitted cases, cases moved to a given status, the
routing that sends cases to a body, and the usual world of officers who handle them.

Cases are always made through the services (``case_submit`` and the handling steps), so each one
has its tracking code, timeline and legal clock exactly as in production; the clock is whatever time
the test stands at (``frozen_clock`` moves it). Bodies and officers come from
``danvan.org.tests.factories``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, RoutingRule
from danvan.cases.services import handling
from danvan.cases.services.intake import Petition, Submitted, case_submit
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import KIM_LONG, hue_city, make_user, officer, ward_body


@dataclass
class World:
    ubnd_tinh: Organization
    phuong: Organization  # UBND Phường Phú Xuân: where cases are routed
    other: Organization  # UBND Phường Kim Long: another body
    handler: User
    head: User
    other_handler: User
    inspector: User  # subtree of the province UBND
    dan_van: User  # subtree of the province UBND
    citizen: User


def routed_to(body: Organization) -> RoutingRule:
    """Send every case, whatever its place or topic, to ``body`` (a catch-all routing rule)."""
    return RoutingRule.objects.create(organization=body)


def make_world() -> World:
    """Huế with two wards; cases go to Phú Xuân, whose handler and head handle them."""
    tinh = hue_city()
    phuong = ward_body(tinh)
    other = ward_body(tinh, code=KIM_LONG)
    routed_to(phuong)
    return World(
        tinh,
        phuong,
        other,
        handler=officer("xuly", Role.HANDLER, phuong),
        head=officer("chutich", Role.HEAD, phuong),
        other_handler=officer("xuly2", Role.HANDLER, other),
        inspector=officer("thanhtra", Role.INSPECTOR, tinh, subtree=True),
        dan_van=officer("danvan", Role.DAN_VAN_OFFICER, tinh, subtree=True),
        citizen=make_user(username="congdan"),
    )


def petition(**overrides: Any) -> Petition:
    """A feedback item (phản ánh) about flooding in Phú Xuân, with the petitioner's consent."""
    values: dict[str, Any] = {
        "content": "Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.",
        "title": "Ngập nước kiệt 12",
        "track": "pakn",
        "place_text": "phuong phu xuan, hue",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "consent": True,
        "consent_text": "Tôi đồng ý.",
    }
    values.update(overrides)
    return Petition(**values)


def submit(actor: Any = None, **overrides: Any) -> Submitted:
    """Submit ``petition(**overrides)`` as ``actor`` (anonymous by default)."""
    return case_submit(actor=actor or AnonymousUser(), petition=petition(**overrides))


def citizen_with_case(username: str = "congdan", **overrides: Any) -> tuple[User, Case]:
    """A citizen with an account and the case they submitted while signed in."""
    citizen = make_user(username=username)
    return citizen, submit(actor=citizen, **overrides).case


# The usual way through each track, and who takes each step (the head signs decisions).
_PATHS: dict[str, list[tuple[Status, str, Any]]] = {
    Track.PAKN: [
        (Status.REGISTERED, "handler", lambda c, a: handling.case_register(case=c, actor=a)),
        (Status.ANSWERED, "handler", lambda c, a: handling.case_answer(case=c, actor=a, answer_text="Đã nạo vét cống.")),
        (Status.CLOSED, "handler", lambda c, a: handling.case_close(case=c, actor=a)),
    ],
    Track.KHIEU_NAI: [
        (Status.ACCEPTED, "handler", lambda c, a: handling.case_accept(case=c, actor=a)),
        (Status.VERIFYING, "handler", lambda c, a: handling.case_start_verification(case=c, actor=a)),
        (Status.DECIDED, "head", lambda c, a: handling.case_decide(case=c, actor=a, outcome="partly_right",
                                                                  decision_number="5/QĐ-UBND",
                                                                  answer_text="Khiếu nại đúng một phần.")),
        (Status.NOTIFIED, "handler", lambda c, a: handling.case_send_decision(case=c, actor=a)),
        (Status.FINAL, "handler", lambda c, a: handling.case_finalize(case=c, actor=a)),
        (Status.CLOSED, "handler", lambda c, a: handling.case_close(case=c, actor=a)),
    ],
    Track.TO_CAO: [
        (Status.ACCEPTED, "handler", lambda c, a: handling.case_accept(case=c, actor=a)),
        (Status.VERIFYING, "handler", lambda c, a: handling.case_start_verification(case=c, actor=a)),
        (Status.CONCLUDED, "head", lambda c, a: handling.case_decide(case=c, actor=a, outcome="right",
                                                                    decision_number="7/KL-UBND",
                                                                    answer_text="Tố cáo đúng.")),
        (Status.NOTIFIED, "handler", lambda c, a: handling.case_send_decision(case=c, actor=a)),
        (Status.CLOSED, "handler", lambda c, a: handling.case_close(case=c, actor=a)),
    ],
}  # fmt: skip


def case_at(status: Status, *, handler: User, head: User, track: str = Track.PAKN, actor: Any = None,
            **overrides: Any) -> Case:  # fmt: skip
    """A case of ``track``, submitted now and moved along the usual path until it is in ``status``.

    ``handler`` and ``head`` must hold those roles in the body the case is routed to (the world's
    ``handler`` and ``head``); every step goes through the handling services, so the timeline and the
    legal clock (``due_on``, ``due_step``) are the real ones at the test's current time."""
    case = submit(actor=actor, track=track, **overrides).case
    if status == Status.RECEIVED:
        return case
    actors = {"handler": handler, "head": head}
    for reached, who, step in _PATHS[track]:
        step(case, actors[who])
        if reached == status:
            return case
    raise ValueError(f"{status} is not on the usual path of {track}")
