"""The links the journey across the parts walks (issue 15): a session's bookings lead to the register's
new-visit page for that booking, and a visit's page lists the cases made from it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.cases.tests.factories import routed_to
from danvan.reception.services.booking import booking_create
from danvan.reception.services.visit_cases import VisitPetition, visit_cases_create
from danvan.reception.tests.factories import at, session, visit

pytestmark = pytest.mark.django_db


def book(s: Any, n: int) -> Any:
    return booking_create(session=s, name=f"Công dân {n}", phone=f"0905 000 {n:03d}", email="",
                          id_number="", subject="Đường kiệt bị ngập khi mưa", request_key=f"key-{s.pk}-{n}")  # fmt: skip


def test_the_bookings_list_registers_the_visit_of_a_booking(client, rworld, frozen_clock) -> None:
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), capacity=1)
    first, second = book(s, 1).booking, book(s, 2).booking  # confirmed, waiting
    url = reverse("reception:session_bookings", args=[s.pk])
    new_visit = reverse("reception:visit_new")
    client.force_login(rworld.officer)
    page = client.get(url).content.decode()
    assert f'href="{new_visit}?booking={first.pk}"' in page and f'href="{new_visit}?booking={second.pk}"' in page
    # An inspector reads the bookings but does not write the register: no link.
    client.force_login(rworld.inspector)
    page = client.get(url)
    assert page.status_code == 200 and "?booking=" not in page.content.decode()


def test_a_visits_page_lists_the_cases_made_from_it(client, rworld) -> None:
    routed_to(rworld.phuong)
    v = visit(rworld.phuong, rworld.officer)
    url = reverse("reception:visit_detail", args=[v.pk])
    client.force_login(rworld.officer)
    assert 'id="visit-cases"' not in client.get(url).content.decode()
    made = visit_cases_create(actor=rworld.officer, visit=v, request_key="k1", petitions=[
        VisitPetition(track="pakn", content="Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn.",
                      place_text="phuong phu xuan, hue")])  # fmt: skip
    page = client.get(url).content.decode()
    assert 'id="visit-cases"' in page
    assert len(made) == 1
    case = made[0].case
    assert case.tracking_code in page and reverse("cases:case_detail", args=[case.pk]) in page
