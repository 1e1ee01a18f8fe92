"""A sheet is a unit's: it counts only what the official did in that body (the security review's cross-unit
leak), and the gates agree on ids out of range, closed units and the years offered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from danvan.core.clock import VIETNAM
from danvan.org.choices import Role

pytestmark = pytest.mark.django_db

LIST = "/van-hanh/thi-dua/danh-gia/can-bo/"
API = "/api/v1/emulation/evaluations/officials"


@pytest.fixture(autouse=True)
def _day(frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, tzinfo=VIETNAM))  # default year: 2025


def as_(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def moved(people, frozen_clock):
    """Kim Long's handler held a role in Phú Xuân 1–10 January 2025; everything he did that year was Kim
    Long's: a case settled on time, a reception session presided, a commitment assessed completed, a
    commendation as Kim Long's official."""
    from danvan.cases.choices import Status
    from danvan.cases.services import handling
    from danvan.cases.tests.factories import case_at
    from danvan.emulation.models import CommendationForm, CommendationProposal, Commitment, CommitmentReview
    from danvan.org.tests.factories import grant
    from danvan.reception.choices import SessionStatus
    from danvan.reception.tests.factories import at as rat
    from danvan.reception.tests.factories import head_duty, reception_point, session

    w = people
    kl = w.other_handler
    grant(kl, Role.HANDLER, w.phuong, start_on=dt.date(2025, 1, 1), end_on=dt.date(2025, 1, 10))
    frozen_clock.move_to(dt.datetime(2025, 3, 2, 9, tzinfo=VIETNAM))
    case = case_at(Status.RECEIVED, handler=w.handler, head=w.head)  # routed to Phú Xuân, sent on to Kim Long
    handling.case_transfer(case=case, actor=w.head, to=w.other, reason="Thuộc thẩm quyền phường Kim Long.")
    handling.case_register(case=case, actor=kl)
    handling.case_assign(case=case, actor=w.other_head, handler=kl)
    frozen_clock.move_to(dt.datetime(2025, 3, 4, 9, tzinfo=VIETNAM))
    handling.case_answer(case=case, actor=kl, answer_text="Đã xử lý.")
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, tzinfo=VIETNAM))
    point = reception_point(w.other)
    session(point, kl, rat(2025, 4, 7), status=SessionStatus.HELD)
    head_duty(point, kl)
    commitment = Commitment.objects.create(person=kl, organization=w.other, year=2025, title="Đúng hạn",
                                           reason="Vì dân", measurable_result="100%", due_on=dt.date(2025, 12, 1))  # fmt: skip
    CommitmentReview.objects.create(commitment=commitment, period="yearend", text="Đã làm", self_rating="completed",
                                    assessment="completed")  # fmt: skip
    CommendationProposal.objects.create(
        organization=w.other, subject_kind="person", person=kl, subject_organization=w.other, subject_name="Xử lý 2",
        achievements="Tận tụy", proposed_form=CommendationForm.objects.get(code="bang-khen"), proposed_level="tinh",
        status="decided", decided_on=dt.date(2025, 6, 1), decision_number="12/QĐ-UBND",
    )  # fmt: skip
    return case


def _texts(response):
    return {cell["key"]: cell["text"] for cell in response.context["cells"]}


def test_phu_xuans_head_sees_nothing_the_official_did_in_kim_long(client, people, moved):
    w = people
    response = as_(client, w.head).get(f"{LIST}{w.phuong.pk}/{w.other_handler.pk}/?year=2025")
    assert response.status_code == 200
    assert _texts(response) == {"cases_settled_on_time": "not measured", "reception_presided": "not measured",
                                "commitments_completed": "not measured", "training_certificates": "not measured",
                                "commendations": "0"}  # fmt: skip
    why = {cell["key"]: cell["why_label"] for cell in response.context["cells"]}
    assert why["reception_presided"] == "not measured: not this official's duty"
    assert moved.tracking_code not in response.content.decode()
    api = client.get(f"{API}/{w.phuong.pk}/{w.other_handler.pk}?year=2025").json()
    assert [(line["key"], line["measured"]) for line in api["lines"]] == [
        ("cases_settled_on_time", False), ("reception_presided", False), ("commitments_completed", False),
        ("training_certificates", False), ("commendations", True)]  # fmt: skip
    assert api["lines"][-1]["figure"]["value"] == 0.0


def test_kim_longs_head_sees_them_on_kim_longs_sheet_with_the_inbox_on_that_body(client, people, moved):
    w = people
    response = as_(client, w.other_head).get(f"{LIST}{w.other.pk}/{w.other_handler.pk}/?year=2025")
    assert response.status_code == 200
    assert _texts(response) == {"cases_settled_on_time": "100% (1/1)", "reception_presided": "1",
                                "commitments_completed": "100% (1/1)", "training_certificates": "not measured",
                                "commendations": "1"}  # fmt: skip
    sources = {c["key"]: str(c["source"]) for c in response.context["cells"]}
    assert sources["cases_settled_on_time"].startswith("Petitions of this unit the official handled")
    assert sources["training_certificates"].endswith("wherever he was trained")  # personal, documented
    link = next(c["figure"].link for c in response.context["cells"] if c["key"] == "cases_settled_on_time")
    assert link == f"/van-hanh/ho-so/?handler={w.other_handler.pk}&organization={w.other.pk}&include_closed=on"


def test_a_person_id_beyond_a_primary_key_is_not_found_not_a_server_error(client, people):
    huge = 10**25
    as_(client, people.head)
    assert client.get(f"{LIST}{people.phuong.pk}/{huge}/?year=2025").status_code == 404
    assert client.get(f"{LIST}{huge}/{people.handler.pk}/?year=2025").status_code == 404
    assert client.get(f"{LIST}?don_vi=%C2%B2").status_code == 404  # "²" is a digit to str.isdigit, not to int()
    assert client.get(f"{API}/{people.phuong.pk}/{huge}?year=2025").status_code == 404


def test_the_years_offered_are_the_evaluations_once_each(people):
    from danvan.emulation.forms.evaluation_people import PeopleFilterForm, SheetYearForm

    years = [2026, 2025, 2024, 2023, 2022, 2021]
    assert [y for y, _label in SheetYearForm({}).fields["year"].choices] == years  # type: ignore[attr-defined]
    assert [y for y, _label in PeopleFilterForm({}, units=[]).fields["year"].choices] == years  # type: ignore[attr-defined]


def test_a_closed_unit_has_no_sheet_as_it_has_no_list(client, people):
    people.phuong.is_active = False
    people.phuong.save(update_fields=["is_active"])
    as_(client, people.head)
    assert client.get(f"{LIST}{people.phuong.pk}/{people.handler.pk}/?year=2025").status_code == 404
    assert client.get(f"{LIST}?don_vi={people.phuong.pk}").status_code == 404
    as_(client, people.handler)
    assert client.get(f"{API}/{people.phuong.pk}/{people.handler.pk}?year=2025").status_code == 404
