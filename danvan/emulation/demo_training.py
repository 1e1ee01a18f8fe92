"""The training part's demo rows (see demo.py): a course on citizen reception run by the demo ward's
People's Committee (organised by its head, chutich), two sessions in Huế (three weeks and one week ago),
the demo officers of the ward enrolled (xuly, tiepnhan); xuly attended both and is certified, tiepnhan
missed the second. So the ward's coverage is 1 of 2. Through the services; running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from danvan.core import clock
from danvan.emulation.models import Course, TrainingTopic
from danvan.emulation.services import training as services
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment, User

TITLE = "Kỹ năng tiếp công dân cho cán bộ phường, xã năm {year}"


def seed(addr: str) -> list[str]:
    head = User.objects.filter(username="chutich").first()
    assignment = RoleAssignment.objects.filter(user=head, role=Role.HEAD).select_related("organization__unit").first()
    topic = TrainingTopic.objects.filter(code="tiep-cong-dan").first()
    people = {u.username: u for u in User.objects.filter(username__in=["xuly", "tiepnhan"])}
    if head is None or assignment is None or topic is None or len(people) < 2:
        return []
    ward = assignment.organization
    today = clock.today()
    title = TITLE.format(year=today.year)
    course = Course.objects.filter(organization=ward, title=title).first()
    if course is None:
        course = _create(head, ward, topic, title, people, today, ward.unit.name)
    coverage = reverse("emulation:training_coverage") + f"?body={ward.pk}&year={today.year}"
    lines = [
        f"Đào tạo: khóa “{course.title}” — http://{addr}{reverse('emulation:training_course', args=[course.pk])}"
        " (đăng nhập chutich)",
        f"Độ phủ đào tạo của {ward.name}: http://{addr}{coverage}",
        f"Yêu cầu đào tạo theo vai trò (bảng chung cả nước, quantri sửa): "
        f"http://{addr}{reverse('emulation:training_requirements')}",
    ]
    certificate = course.enrolments.filter(certificate__isnull=False).select_related("certificate").first()
    if certificate is not None:
        number = certificate.certificate.number
        lines.append(f"Xác minh chứng chỉ {number}: http://{addr}{reverse('emulation:training_verify')}?so={number}")
    return lines


@transaction.atomic
def _create(head: User, ward: object, topic: TrainingTopic, title: str, people: dict[str, User], today: dt.date,
            place_name: str) -> Course:  # fmt: skip
    course = services.course_create(
        user=head, organization=ward, topic=topic, title=title,  # type: ignore[arg-type]
        description="Quy trình tiếp công dân, kỹ năng lắng nghe và giải thích, ghi sổ tiếp công dân.",
    )  # fmt: skip
    first = services.session_add(user=head, course=course, held_on=today - dt.timedelta(days=21),
                                 place=f"Hội trường UBND {place_name}, thành phố Huế",
                                 trainer="Ban Tiếp công dân thành phố Huế", capacity=30)  # fmt: skip
    second = services.session_add(user=head, course=course, held_on=today - dt.timedelta(days=7),
                                  place="Trung tâm Phục vụ hành chính công thành phố Huế",
                                  trainer="Ban Tuyên giáo và Dân vận Thành ủy Huế", capacity=30)  # fmt: skip
    xuly = services.enrolment_add(user=head, course=course, person=people["xuly"])
    tiepnhan = services.enrolment_add(user=head, course=course, person=people["tiepnhan"])
    services.attendance_record(user=head, session=first, present={xuly.pk, tiepnhan.pk})
    services.attendance_record(user=head, session=second, present={xuly.pk})
    services.certificate_issue(user=head, enrolment=xuly)
    return course
