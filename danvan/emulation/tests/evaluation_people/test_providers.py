"""Each person indicator against hand-built data: exact numbers, and "not measured" with its reason (never
a zero) where the platform holds nothing about the person."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.emulation.rules.evaluation import Figure
from danvan.emulation.selectors import evaluation_indicators as ind
from danvan.emulation.selectors import evaluation_people as sel

pytestmark = pytest.mark.django_db


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=9, tzinfo=VIETNAM)


def test_the_sheet_has_five_indicators_and_no_grade_or_discipline():
    keys = [i.key for i in sel.person_indicators()]
    assert keys == ["cases_settled_on_time", "reception_presided", "commitments_completed", "training_certificates",
                    "commendations"]  # fmt: skip


def test_cases_the_person_settled_on_time_and_late_are_counted_exactly(people, frozen_clock):
    from danvan.cases.choices import Status, Track
    from danvan.cases.services import handling
    from danvan.cases.tests.factories import case_at

    w = people
    frozen_clock.move_to(at("2025-03-02"))
    on_time = [case_at(Status.REGISTERED, handler=w.handler, head=w.head) for _ in range(3)]
    late = case_at(Status.REGISTERED, handler=w.handler, head=w.head)
    assert late.due_on is not None
    for case in [*on_time, late]:
        handling.case_assign(case=case, actor=w.head, handler=w.handler)
    frozen_clock.move_to(at("2025-03-04"))
    for case in on_time:
        handling.case_answer(case=case, actor=w.handler, answer_text="Đã xử lý.")
    # A denunciation the same handler concluded: never on the sheet (read by roles without cases.view_to_cao).
    denounced = case_at(Status.VERIFYING, track=Track.TO_CAO, handler=w.handler, head=w.head)
    handling.case_assign(case=denounced, actor=w.head, handler=w.handler)
    handling.case_decide(case=denounced, actor=w.head, outcome="right", decision_number="7/KL-UBND",
                         answer_text="Tố cáo đúng.")  # fmt: skip
    frozen_clock.move_to(dt.datetime.combine(late.due_on + dt.timedelta(days=3), dt.time(9), tzinfo=VIETNAM))
    handling.case_answer(case=late, actor=w.handler, answer_text="Đã xử lý, chậm.")
    frozen_clock.move_to(at("2026-02-05"))

    got = sel.measure_people(w.phuong, [w.handler.pk, w.head.pk], 2025, ["cases_settled_on_time"])[
        "cases_settled_on_time"
    ]
    figure = got[w.handler.pk].figure
    assert figure is not None
    assert (figure.numerator, figure.denominator, figure.value) == (3, 4, 75.0)
    assert figure.link.endswith(f"?handler={w.handler.pk}&organization={w.phuong.pk}&include_closed=on")
    # The head handled none: not measured, not 0 %.
    assert got[w.head.pk] == ind.Measured(None, ind.NO_DATA)
    assert sel.measure_people(w.phuong, [w.handler.pk], 2024, ["cases_settled_on_time"])["cases_settled_on_time"][
        w.handler.pk] == ind.Measured(None, ind.NO_DATA)  # fmt: skip


def test_reception_sessions_presided_count_the_receiver_or_else_the_head():
    from danvan.reception.choices import SessionStatus
    from danvan.reception.tests.factories import at as rat
    from danvan.reception.tests.factories import make_reception_world, session

    w = make_reception_world()
    session(w.point, w.chair, rat(2025, 1, 6), status=SessionStatus.HELD)  # nobody recorded: the chair
    session(w.point, w.chair, rat(2025, 2, 3), status=SessionStatus.HELD, held_by=w.chair)
    session(w.point, w.chair, rat(2025, 3, 3), status=SessionStatus.HELD, held_by=w.deputy)  # the deputy stood in
    session(w.point, w.chair, rat(2025, 4, 7), status=SessionStatus.CANCELLED)
    session(w.point, w.chair, rat(2025, 5, 5))  # planned, never held
    session(w.point, w.chair, rat(2024, 12, 2), status=SessionStatus.HELD)  # another year

    got = sel.measure_people(w.phuong, [w.chair.pk, w.deputy.pk, w.officer.pk], 2025, ["reception_presided"])[
        "reception_presided"]  # fmt: skip
    assert got[w.chair.pk].figure == Figure(2.0, numerator=2, link=got[w.chair.pk].figure.link)
    assert got[w.chair.pk].figure.link.endswith(f"/nguoi-dung-dau/{w.chair.pk}/?month=2025-12")
    assert got[w.deputy.pk].figure.value == 1.0  # no duty of his own, but he presided one
    # A reception officer has no head's duty and presided none: not his duty, not zero.
    assert got[w.officer.pk] == ind.Measured(None, ind.NOT_APPLICABLE)
    # The chair's duty runs from 2025: in 2026 he is measured, at 0.
    assert sel.measure_people(w.phuong, [w.chair.pk], 2026, ["reception_presided"])["reception_presided"][
        w.chair.pk].figure.value == 0.0  # fmt: skip


def _commitment(person, org, title):
    from danvan.emulation.models import Commitment

    return Commitment.objects.create(person=person, organization=org, year=2025, title=title, reason="Vì dân",
                                     measurable_result="Đủ", due_on=dt.date(2025, 12, 1))  # fmt: skip


def _review(commitment, *, version=1, assessment=""):
    from danvan.emulation.models import CommitmentReview

    return CommitmentReview.objects.create(commitment=commitment, period="yearend", version=version, text="Đã làm",
                                           self_rating="completed", assessment=assessment)  # fmt: skip


def test_commitments_completed_are_the_heads_latest_year_end_assessment(people):
    from danvan.core import clock

    w = people
    kept = _commitment(w.handler, w.phuong, "Trả lời đúng hạn")
    _review(kept, assessment="completed")
    redone = _commitment(w.handler, w.phuong, "Gặp tổ dân phố")
    _review(redone, assessment="completed")
    _review(redone, version=2, assessment="partly")  # the latest version counts: partly, not completed
    withdrawn = _commitment(w.handler, w.phuong, "Rút lại")
    withdrawn.withdrawn_at = clock.now()
    withdrawn.save()

    got = sel.measure_people(w.phuong, [w.handler.pk, w.head.pk], 2025, ["commitments_completed"])[
        "commitments_completed"
    ]
    figure = got[w.handler.pk].figure
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, 50.0)
    assert figure.link == f"/van-hanh/thi-dua/cam-ket/{kept.pk}/"
    assert got[w.head.pk] == ind.Measured(None, ind.NO_DATA)  # registered none


def test_training_certificates_of_the_year_count_for_the_enrolled(people):
    from danvan.emulation.models import Course, Enrolment, TrainingCertificate, TrainingTopic

    w = people
    topic = TrainingTopic.objects.get(code="tiep-cong-dan")
    courses = [Course.objects.create(organization=w.phuong, topic=topic, title=f"Khoá {n}", created_by=w.head)
               for n in range(3)]  # fmt: skip
    this = Enrolment.objects.create(course=courses[0], person=w.handler, enrolled_by=w.head)
    last = Enrolment.objects.create(course=courses[1], person=w.handler, enrolled_by=w.head)
    enrolled_only = Enrolment.objects.create(course=courses[0], person=w.head, enrolled_by=w.head)
    Enrolment.objects.filter(pk__in=[this.pk, last.pk, enrolled_only.pk]).update(created_at=at("2025-02-01"))
    cert = TrainingCertificate.objects.create(enrolment=this, number="PX-2025-1", issued_on=dt.date(2025, 3, 1),
                                              issued_by=w.head)  # fmt: skip
    TrainingCertificate.objects.create(enrolment=last, number="PX-2024-1", issued_on=dt.date(2024, 12, 30),
                                       issued_by=w.head)  # fmt: skip
    revoked_enrolment = Enrolment.objects.create(course=courses[2], person=w.handler, enrolled_by=w.head)
    TrainingCertificate.objects.create(enrolment=revoked_enrolment, number="PX-2025-2", issued_on=dt.date(2025, 4, 1),
                                       issued_by=w.head, revoked_on=dt.date(2025, 5, 1),
                                       revoke_reason="Cấp nhầm")  # fmt: skip  # revoked: never counted

    got = sel.measure_people(w.phuong, [w.handler.pk, w.head.pk, w.other_handler.pk], 2025, ["training_certificates"])[
        "training_certificates"]  # fmt: skip
    assert got[w.handler.pk].figure == Figure(1.0, numerator=1, link=f"/van-hanh/thi-dua/dao-tao/chung-chi/{cert.pk}/")
    assert got[w.head.pk].figure == Figure(0.0, numerator=0, link="")  # enrolled, no certificate yet: a real 0
    assert got[w.other_handler.pk] == ind.Measured(None, ind.NO_DATA)  # never enrolled on the platform


def test_commendations_decided_for_the_person_in_the_year(people):
    from danvan.emulation.models import CommendationForm, CommendationProposal

    w = people
    form = CommendationForm.objects.get(code="bang-khen")

    def proposal(person, status, decided_on=None, number=""):
        return CommendationProposal.objects.create(
            organization=w.phuong, subject_kind="person", person=person, subject_organization=w.phuong,
            subject_name=person.full_name or person.username, achievements="Tận tụy", proposed_form=form,
            proposed_level="tinh", status=status, decided_on=decided_on, decision_number=number,
        )  # fmt: skip

    decided = proposal(w.handler, "decided", dt.date(2025, 6, 1), "12/QĐ-UBND")
    proposal(w.handler, "decided", dt.date(2024, 6, 1), "11/QĐ-UBND")  # another year
    proposal(w.handler, "proposed")  # not decided
    proposal(w.head, "not_commended", dt.date(2025, 6, 1))

    got = sel.measure_people(w.phuong, [w.handler.pk, w.head.pk], 2025, ["commendations"])["commendations"]
    assert got[w.handler.pk].figure == Figure(1.0, numerator=1,
                                              link=f"/van-hanh/thi-dua/khen-thuong/{decided.pk}/")  # fmt: skip
    assert got[w.head.pk].figure == Figure(0.0, numerator=0, link="")  # zero included, as for the units


def test_a_key_without_provider_is_not_measured(people):
    sel.unregister_person_indicator("commendations")
    assert sel.measure_people(people.phuong, [people.handler.pk], 2025, ["commendations"])["commendations"][
        people.handler.pk] == ind.Measured(None, ind.NO_PROVIDER)  # fmt: skip
