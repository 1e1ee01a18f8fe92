"""The conclusions part of reception's demo: a notice of the demo head (chutich) after one of the demo's
sessions (or, when the schedule part's rows are absent, a past session made here in the factories'
shape), with two tasks — one done, one open — and the follow code and URLs printed. Idempotent: the
notice has a fixed request key; the session and the point are found again by their fixed fields."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.models import Organization, RoleAssignment, User
from danvan.reception.choices import SessionStatus, TaskStatus
from danvan.reception.models import ConclusionNotice, ReceptionPoint, ReceptionSession
from danvan.reception.services.conclusions import TaskInput, conclusion_issue, task_done

REQUEST_KEY = "demo-conclusions-1"


def _session(org: Organization, head: User) -> ReceptionSession:
    now = clock.now()
    held = (
        ReceptionSession.objects.filter(organization=org, starts_at__lt=now)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if held is not None:
        return held
    point, _ = ReceptionPoint.objects.get_or_create(
        organization=org, name=f"Trụ sở tiếp công dân {org}",
        defaults={"address": "Trụ sở UBND", "unit": org.unit, "hours": "Thứ Hai–Thứ Sáu, 7:30–11:30"},
    )  # fmt: skip
    day = clock.today() - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    starts = dt.datetime(day.year, day.month, day.day, 7, 30, tzinfo=clock.VIETNAM)
    session, _ = ReceptionSession.objects.get_or_create(
        organization=org, point=point, head=head, starts_at=starts,
        defaults={"ends_at": starts + dt.timedelta(hours=4), "capacity": 10, "status": SessionStatus.HELD},
    )  # fmt: skip
    return session


def demo_conclusions_seed(addr: str) -> list[str]:
    head = User.objects.filter(username="chutich").first()
    assignment = RoleAssignment.objects.filter(user=head, role=Role.HEAD).select_related("organization").first()
    if head is None or assignment is None:
        return []
    org = assignment.organization
    notice = ConclusionNotice.objects.filter(request_key=REQUEST_KEY).first()
    if notice is None:
        today = clock.today()
        handler = User.objects.filter(username="xuly").first()
        notice = conclusion_issue(
            actor=head, organization=org, session=_session(org, head), request_key=REQUEST_KEY,
            summary="Kiến nghị của người dân về ngập úng kiệt 12 đường Hùng Vương khi mưa lớn",
            body=("Sau khi nghe công dân trình bày, Chủ tịch UBND kết luận: việc ngập úng là có thật, do cống "
                  "thoát nước bị bồi lấp. Giao các bộ phận chuyên môn khảo sát, nạo vét và trả lời công dân."),
            signer_title="CHỦ TỊCH", recipients="Như trên\nThường trực Đảng ủy\nỦy ban MTTQ",
            tasks=[
                TaskInput(description="Khảo sát hiện trạng cống thoát nước kiệt 12 Hùng Vương",
                          owner_organization=org, owner_user=handler, due_on=today + dt.timedelta(days=7)),
                TaskInput(description="Nạo vét cống, báo cáo kết quả và trả lời công dân bằng văn bản",
                          owner_organization=org, due_on=today + dt.timedelta(days=30)),
            ],
        )  # fmt: skip
    first = notice.tasks.order_by("due_on", "id").first()
    if first is not None and first.status == TaskStatus.OPEN:
        task_done(actor=head, task=first, result="Đã khảo sát: cống bị bồi lấp 40 m, đề xuất nạo vét.")
    base = f"http://{addr}"
    return [
        f"Thông báo kết luận {notice.number_text} (chutich): {base}{reverse('reception:conclusion_detail', args=[notice.pk])}"
        f" — bản in: {base}{reverse('reception:conclusion_print', args=[notice.pk])}",
        f"Nhiệm vụ theo kết luận (xuly, chutich): {base}{reverse('reception:conclusion_tasks')}",
        f"Theo dõi kết luận bằng mã {notice.follow_code} (không cần tài khoản): "
        f"{base}{reverse('reception:conclusion_follow')}?code={notice.follow_code}",
    ]
