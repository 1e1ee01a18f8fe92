"""A discipline grounded on a petition: found through cases' selectors by its tracking code, accepted only
when the complaint was upheld; the record keeps the case's id and code, nothing else of the petition."""

from __future__ import annotations

import pytest

from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import DisciplineRecord
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.commendation.factories import TODAY, form

pytestmark = pytest.mark.django_db


def test_a_discipline_is_linked_to_an_upheld_case_only(frozen_clock) -> None:
    from danvan.cases.choices import Status
    from danvan.cases.tests.factories import case_at, make_world

    world = make_world()
    case = case_at(Status.REGISTERED, handler=world.handler, head=world.head)
    base = {"actor": world.head, "organization": world.phuong, "deciding_organization": world.phuong,
            "person": world.handler, "form": form("khien-trach"), "decided_on": TODAY,
            "ground": "Thái độ thiếu tôn trọng công dân khi tiếp nhận đơn."}  # fmt: skip
    with pytest.raises(DomainError) as exc:  # not decided: not upheld
        services.discipline_record(**base, case_tracking_code=case.tracking_code)
    assert not isinstance(exc.value, PermissionDenied)
    assert exc.value.code == errors.DISCIPLINE_BAD_GROUND and not DisciplineRecord.objects.exists()
    type(case).objects.filter(pk=case.pk).update(outcome="right")  # found right (the cases app's own steps aside)
    with pytest.raises(PermissionDenied):  # another ward's handler records no discipline
        services.discipline_record(**{**base, "actor": world.other_handler}, case_tracking_code=case.tracking_code)
    record = services.discipline_record(**base, case_tracking_code=case.tracking_code.lower())
    assert (record.ground_case_id, record.ground_tracking_code) == (case.pk, case.tracking_code)
