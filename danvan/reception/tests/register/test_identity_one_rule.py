"""One identity rule for a booking and the register: the same number is accepted or refused by both
(``core.id_card``: an ID card with its province code, or a passport — NĐ 154/2026 Art. 12), and the same
dated rule (``rules.IDENTITY_RULES``: required from 1/7/2026) applies, with the refusal codes unchanged."""

from __future__ import annotations

import pytest

from danvan.core import id_card
from danvan.core.errors import DomainError
from danvan.reception import errors, register_rules, rules
from danvan.reception.services.register import InvalidVisit, visit_register
from danvan.reception.tests.booking.conftest import book
from danvan.reception.tests.factories import ReceptionWorld, at, session
from danvan.reception.tests.register.helpers import walk_in

pytestmark = pytest.mark.django_db


def test_a_passport_holder_who_booked_is_registered_with_the_same_number(rworld: ReceptionWorld,
                                                                          frozen_clock) -> None:  # fmt: skip
    july = session(rworld.point, rworld.chair, at(2026, 7, 6))
    booked = book(july, 1, id_number="c 1234567").booking
    assert booked.id_number == "C1234567"
    frozen_clock.move_to(at(2026, 7, 6, 8, 0))
    visit = visit_register(actor=rworld.officer, organization=rworld.phuong, request_key="passport-1",
                           data=walk_in(visitor_id_number=booked.id_number))  # fmt: skip
    assert visit.visitor_id_number == "C1234567"


def test_an_id_card_without_a_province_code_is_refused_by_both(rworld: ReceptionWorld, frozen_clock) -> None:
    june = session(rworld.point, rworld.chair, at(2026, 2, 9))
    with pytest.raises(DomainError) as booking_refused:
        book(june, 1, id_number="003 203 004 567")
    assert booking_refused.value.code == errors.BAD_FIELDS
    assert booking_refused.value.details == {"id_number": str(id_card.ID_NUMBER_PROVINCE)}
    with pytest.raises(InvalidVisit) as visit_refused:
        visit_register(actor=rworld.officer, organization=rworld.phuong,
                       data=walk_in(visitor_id_number="003 203 004 567"))  # fmt: skip
    assert visit_refused.value.code == errors.REQUIRED
    assert visit_refused.value.details == {"visitor_id_number": str(id_card.ID_NUMBER_PROVINCE)}


def test_one_dated_rule_for_booking_and_register() -> None:
    import datetime as dt

    for day in (dt.date(2026, 6, 30), dt.date(2026, 7, 1)):
        assert register_rules.identity_required_on(day) is rules.id_number_required(day) is (day >= dt.date(2026, 7, 1))
    assert not hasattr(register_rules, "IDENTITY_REQUIRED_FROM")
