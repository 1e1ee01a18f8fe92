"""``case_assign_many``: the inbox's bulk assignment, all or nothing, each case checked and audited."""

from __future__ import annotations

import pytest

from danvan.cases.models import Case, CaseEvent
from danvan.cases.services.assignment import AssignmentRefused, case_assign_many
from danvan.cases.services.handling import case_answer, case_close, case_register
from danvan.cases.tests.factories import World, submit
from danvan.core.errors import NotFound, PermissionDenied
from danvan.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_every_case_is_assigned_with_its_timeline_and_audit_entry(world: World) -> None:
    cases = [submit().case, submit().case]
    assigned = case_assign_many(actor=world.head, case_ids=[c.pk for c in cases], handler=world.handler)
    assert [c.pk for c in assigned] == [c.pk for c in cases]
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("handler_id", flat=True)) == {
        world.handler.pk}  # fmt: skip
    assert CaseEvent.objects.filter(action="assign", case__in=cases, actor=world.head).count() == 2
    assert AuditEvent.objects.filter(action="cases.assign", actor=world.head).count() == 2


def test_one_refusal_and_nothing_is_kept_each_refusal_named(world: World) -> None:
    fine = submit().case
    closed = submit().case
    case_register(case=closed, actor=world.handler)
    case_answer(case=closed, actor=world.handler, answer_text="Đã xử lý.")
    case_close(case=closed, actor=world.handler)
    elsewhere = submit().case
    Case.objects.filter(pk=elsewhere.pk).update(handling_organization=world.other)
    with pytest.raises(AssignmentRefused) as refused:
        case_assign_many(actor=world.head, case_ids=[fine.pk, closed.pk, elsewhere.pk, 999_999],
                         handler=world.handler)  # fmt: skip
    refusals = {r.case: r.error for r in refused.value.refusals}
    closed.refresh_from_db()
    # the closed case by its code; the case of another body and a missing one alike, by their id only
    assert set(refusals) == {closed.tracking_code, f"#{elsewhere.pk}", "#999999"}
    assert refusals[closed.tracking_code].code == "closed"
    assert isinstance(refusals[f"#{elsewhere.pk}"], NotFound) and isinstance(refusals["#999999"], NotFound)
    assert refused.value.code == "assignment_refused"
    fine.refresh_from_db()
    assert fine.handler_id is None  # rolled back with the rest
    assert not CaseEvent.objects.filter(action="assign").exists()
    assert not AuditEvent.objects.filter(action="cases.assign").exists()


def test_a_handler_may_not_assign_and_the_chosen_person_must_handle_the_body(world: World) -> None:
    case = submit().case
    with pytest.raises(AssignmentRefused) as refused:
        case_assign_many(actor=world.handler, case_ids=[case.pk], handler=world.handler)
    assert isinstance(refused.value.refusals[0].error, PermissionDenied)
    with pytest.raises(AssignmentRefused) as refused:
        case_assign_many(actor=world.head, case_ids=[case.pk], handler=world.other_handler)
    assert refused.value.refusals[0].error.code == "not_a_handler"
    case.refresh_from_db()
    assert case.handler_id is None
