"""The visit_cases part's demo: a visit to the ward's reception that brought a feedback item and a
denunciation (sealed: the visit keeps no identity in clear, and only the tố cáo's case links back to it —
the feedback case neither links to the sealed visit nor names its register line), and a crowd of 12 with three representatives
whom the chair met, after a crowd of 8 on the same matter two weeks earlier (so the early warning shows).

Visits are made with the model and the next serial of the body's year when no other part's demo made
them; the cases, the sealing and the crowds go through this part's services. Running it again changes
nothing (each visit is found by its ``request_key``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max

from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.models import User
from danvan.reception import choices
from danvan.reception.models import Crowd, Visit, VisitCase
from danvan.reception.services.crowds import crowd_meeting_record, crowd_record
from danvan.reception.services.visit_cases import VisitPetition, visit_cases_create

MATTER = "Bồi thường thu hồi đất dự án khu dân cư ven sông"


def _visit(key: str, organization: Any, officer: Any, received_at: dt.datetime, **fields: Any) -> Visit:
    found = Visit.objects.filter(request_key=key).first()
    if found is not None:
        return found
    year = received_at.year
    last = Visit.objects.filter(organization=organization, year=year).aggregate(n=Max("serial_no"))["n"] or 0
    return Visit.objects.create(organization=organization, year=year, serial_no=last + 1, received_at=received_at,
                                receiving_officer=officer, handling=choices.Handling.RECEIVED, request_key=key,
                                **fields)  # fmt: skip


def _people(n: int) -> list[dict[str, str]]:
    names = ["Nguyễn Văn Bình", "Trần Thị Cúc", "Lê Văn Dũng"]
    return [{"name": names[i], "address": f"{i + 3} kiệt 7 đường ven sông"} for i in range(n)]


def demo_visit_cases_seed(addr: str) -> list[str]:
    head = User.objects.filter(username="chutich").first()
    assignment = head.role_assignments.filter(role=Role.HEAD).select_related("organization").first() if head else None
    if head is None or assignment is None:
        return []
    body = assignment.organization
    officer = (
        User.objects.filter(role_assignments__organization=body, role_assignments__role=Role.RECEPTION_OFFICER).first()
        or head
    )
    now = clock.now().astimezone(clock.VIETNAM)
    morning = now.replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    unit_id: int | None = body.unit_id
    visit = _visit("demo-visit-cases-1", body, officer, morning, visitor_name="Trương Văn Khải",
                   visitor_address="9 kiệt 3 đường Lê Lợi", visitor_phone="0905111222",
                   visitor_id_number="046085004321",
                   content="Ông Trương Văn Khải phản ánh cống thoát nước tắc và tố cáo việc thu tiền sai quy định.")  # fmt: skip
    if not VisitCase.objects.filter(visit=visit).exists():
        visit_cases_create(actor=officer, visit=visit, request_key="demo", petitions=[
            VisitPetition(track="pakn", title="Cống thoát nước tắc", place_unit_id=unit_id,
                          content="Cống thoát nước đầu kiệt 3 bị tắc, nước tràn vào nhà khi mưa."),
            VisitPetition(track="to_cao", title="Thu tiền sai quy định khi xác nhận hồ sơ", place_unit_id=unit_id,
                          content="Cán bộ thu 500.000 đồng mỗi lần xác nhận hồ sơ đất đai, không có biên lai."),
        ])  # fmt: skip
    earlier = _visit("demo-visit-crowd-1", body, officer, morning - dt.timedelta(days=14), group_size=8,
                     content="Tám hộ dân đề nghị xem lại giá bồi thường thu hồi đất ven sông.")  # fmt: skip
    if not Crowd.objects.filter(visit=earlier).exists():
        crowd_record(actor=officer, visit=earlier, representatives=_people(2), appointment_signed=True,
                     statement="Đề nghị áp giá bồi thường theo bảng giá mới.", statement_signed=True,
                     matter_key=MATTER)  # fmt: skip
    crowd_visit = _visit("demo-visit-crowd-2", body, officer, morning, group_size=12, head_present=True,
                         content="Mười hai hộ dân trở lại về giá bồi thường thu hồi đất ven sông.")  # fmt: skip
    crowd = Crowd.objects.filter(visit=crowd_visit).first()
    if crowd is None:
        crowd = crowd_record(actor=officer, visit=crowd_visit, representatives=_people(3), appointment_signed=True,
                             statement="Đề nghị đối thoại trực tiếp với Chủ tịch về giá bồi thường.",
                             statement_signed=True, matter_key=MATTER)  # fmt: skip
    if crowd.met_at is None:
        crowd_meeting_record(actor=officer, crowd=crowd, met_at=morning + dt.timedelta(hours=1), met_by=head,
                             note="Chủ tịch tiếp thu, giao phòng chuyên môn rà soát giá bồi thường trong 15 ngày.",
                             joint_bodies="Phòng Kinh tế, Hạ tầng và Đô thị")  # fmt: skip
    return [
        f"Lượt tiếp có phản ánh và tố cáo (đã niêm phong danh tính; chỉ hồ sơ tố cáo dẫn về lượt tiếp) — vụ việc (chutich): "
        f"http://{addr}/van-hanh/tiep-cong-dan/so/{visit.pk}/vu-viec/",
        f"Đoàn đông người 12 người, 3 đại diện (chutich): http://{addr}/van-hanh/tiep-cong-dan/so/{crowd_visit.pk}/dong-nguoi/",
        f"Cảnh báo sớm đoàn đông người trở lại (chutich, danvan): http://{addr}/van-hanh/tiep-cong-dan/canh-bao-dong-nguoi/",
    ]
