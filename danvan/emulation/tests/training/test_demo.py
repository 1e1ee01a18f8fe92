"""The demo: a citizen-reception course in Huế with two sessions, the ward's demo officers enrolled, one
certified; running it again changes nothing."""

from __future__ import annotations

import pytest

from danvan.emulation import demo_training
from danvan.emulation.models import Course, Enrolment, TrainingAttendance, TrainingCertificate, TrainingSession
from danvan.emulation.selectors import training as selectors
from danvan.org.models import RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_course_once(frozen_clock):
    from danvan.org.demo import demo_seed

    demo_seed(46)
    lines = demo_training.seed("127.0.0.1:8000")
    assert demo_training.seed("127.0.0.1:8000") == lines
    course = Course.objects.get()
    assert course.topic.code == "tiep-cong-dan" and TrainingSession.objects.count() == 2
    assert sorted(Enrolment.objects.values_list("person__username", flat=True)) == ["tiepnhan", "xuly"]
    assert TrainingAttendance.objects.filter(present=True).count() == 3
    certificate = TrainingCertificate.objects.get()
    assert certificate.enrolment.person.username == "xuly"
    ward = RoleAssignment.objects.get(user__username="chutich", role="head").organization
    report = selectors.coverage_report(user=User.objects.get(username="chutich"), root=ward, year=2026)
    assert (report.row(ward).own.required, report.row(ward).own.trained) == (2, 1)
    text = "\n".join(lines)
    assert "Yêu cầu đào tạo theo vai trò (bảng chung cả nước, quantri sửa): http://127.0.0.1:8000/" in text
    assert f"/van-hanh/thi-dua/dao-tao/khoa/{course.pk}/" in text and certificate.number in text


def test_the_demo_does_nothing_without_the_demo_officers():
    assert demo_training.seed("127.0.0.1:8000") == []
