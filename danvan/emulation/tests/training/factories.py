"""The training part's test world: Huế, the Phú Xuân ward and Kim Long beside it, an organiser (the ward's
head with its subtree), a dân vận officer over the city, officers to train, and helpers to build a course."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from danvan.emulation.models import TrainingTopic
from danvan.emulation.services import training as services
from danvan.org.choices import Role
from danvan.org.models import Organization
from danvan.org.tests.factories import KIM_LONG, hue_city, officer, ward_body


@dataclass
class World:
    city: Organization
    ward: Organization
    other: Organization
    head: Any  # the ward's head, with its subtree: the organiser
    dan_van: Any  # a dân vận officer over the city and its subtree
    clerk: Any  # a counter clerk of the ward (must be trained in one-stop service)
    reception: Any  # a reception officer of the ward
    handler: Any  # a handler of the ward
    stranger: Any  # a counter clerk of Kim Long
    other_head: Any  # Kim Long's head

    @property
    def reception_topic(self) -> TrainingTopic:
        return TrainingTopic.objects.get(code="tiep-cong-dan")

    @property
    def one_stop_topic(self) -> TrainingTopic:
        return TrainingTopic.objects.get(code="mot-cua")


def training_world() -> World:
    city = hue_city()
    ward, other = ward_body(city), ward_body(city, code=KIM_LONG)
    return World(
        city=city, ward=ward, other=other,
        head=officer("chutich", Role.HEAD, ward, subtree=True, full_name="Lê Văn Chủ"),
        dan_van=officer("danvan", Role.DAN_VAN_OFFICER, city, subtree=True, full_name="Phạm Thị Dân Vận"),
        clerk=officer("tiepnhan", Role.COUNTER_CLERK, ward, full_name="Đỗ Thị Tiếp Nhận"),
        reception=officer("tiepdan", Role.RECEPTION_OFFICER, ward, full_name="Ấu Văn Tiếp"),
        handler=officer("xuly", Role.HANDLER, ward, full_name="Trần Thị Xử Lý"),
        stranger=officer("khac", Role.COUNTER_CLERK, other, full_name="Người Khác"),
        other_head=officer("chutich2", Role.HEAD, other, full_name="Chủ Tịch Khác"),
    )  # fmt: skip


def course_with_sessions(w: World, *, days: tuple[dt.date, ...] = (dt.date(2026, 1, 20), dt.date(2026, 2, 3)),
                         capacity: int = 30, topic: TrainingTopic | None = None) -> Any:  # fmt: skip
    course = services.course_create(user=w.head, organization=w.ward, topic=topic or w.reception_topic,
                                    title="Kỹ năng tiếp công dân")  # fmt: skip
    for day in days:
        services.session_add(user=w.head, course=course, held_on=day, place="Hội trường UBND phường",
                             trainer="Ban Tiếp công dân thành phố", capacity=capacity)  # fmt: skip
    return course


def certified(w: World, course: Any, person: Any) -> Any:
    """Enrol ``person``, mark him present at every session held, and issue his certificate."""
    enrolment = services.enrolment_add(user=w.head, course=course, person=person)
    for session in course.sessions.all():
        present = set(session.course.enrolments.filter(attendance__session=session, attendance__present=True)
                      .values_list("pk", flat=True)) | {enrolment.pk}  # fmt: skip
        services.attendance_record(user=w.head, session=session, present=present)
    return services.certificate_issue(user=w.head, enrolment=enrolment)
