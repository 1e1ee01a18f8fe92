"""Assigning many cases at once (the inbox's ticked rows): all of them, or none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import selectors
from danvan.cases.models import Case
from danvan.cases.services.handling import case_assign
from danvan.core.errors import DomainError, NotFound
from danvan.org.models import User


@dataclass(frozen=True)
class Refusal:
    """One case that could not be assigned: its tracking code (``#<id>`` for one the actor may not see,
    so that its code is not shown) and the service's error."""

    case: str
    error: DomainError


class AssignmentRefused(DomainError):
    """Some cases could not be assigned, so none was; ``refusals`` says which and why."""

    code = codes.ASSIGNMENT_REFUSED

    def __init__(self, refusals: list[Refusal]):
        super().__init__(_("No case has been assigned: some of them cannot be."))
        self.refusals = refusals


def case_assign_many(*, actor: Any, case_ids: list[int], handler: User, note: str = "") -> list[Case]:
    """Give every case of ``case_ids`` to ``handler``, in one transaction: each through ``case_assign`` (the
    actor's permission on that case, the handler's on its body, an open case; the timeline and the audit
    log), each read through the permission gate first. One refusal and nothing is kept
    (``AssignmentRefused`` lists every refusal, so the officer fixes the selection once)."""
    refusals: list[Refusal] = []
    assigned: list[Case] = []
    with transaction.atomic():
        for pk in case_ids:
            try:
                case = selectors.case_get_for(user=actor, pk=pk)
            except NotFound as exc:
                refusals.append(Refusal(f"#{pk}", exc))
                continue
            try:
                assigned.append(case_assign(case=case, actor=actor, handler=handler, note=note))
            except DomainError as exc:
                refusals.append(Refusal(case.tracking_code, exc))
        if refusals:
            raise AssignmentRefused(refusals)  # leaving the block by an exception rolls every assignment back
    return assigned
