"""The dialogues part of reception's demo: the demo ward chair (``chutich``, org.demo) held a dialogue
with the people of residential group 1 on the flooding of a kiệt last week — four questions answered,
three commitments (one kept, one in progress, one not yet due) — and plans another, on moving the
morning market, that takes questions now. Made through the services; running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.models import Organization, RoleAssignment, User
from danvan.reception.choices import CommitmentStatus, Convener, DialogueStatus
from danvan.reception.models import Dialogue, DialogueCommitment
from danvan.reception.services import dialogues as services

FLOOD = "Ngập úng kiệt 14 Đặng Trần Côn mỗi mùa mưa"
MARKET = "Di dời chợ tạm Thuận Lộc sang khu đất trống đường Nhật Lệ"

QUESTIONS = [
    ("Mỗi lần mưa lớn nước ngập đến đầu gối, cống thoát nước ở đầu kiệt bị rác bít. Bao giờ phường nạo vét?",
     "Phường giao Phòng Kinh tế, Hạ tầng và Đô thị nạo vét toàn tuyến cống kiệt 14 trước ngày 15 của tháng sau."),
    ("Có thể nâng cốt mặt kiệt không? Nhà chúng tôi thấp hơn mặt đường chính gần nửa mét.",
     "Phường đưa việc nâng cốt và làm lại mặt kiệt vào kế hoạch đầu tư công năm tới, lấy ý kiến bà con trước."),
    ("Khi ngập, người già và trẻ nhỏ đi lại rất khó. Phường có hỗ trợ gì trong mùa mưa?",
     "Tổ dân phố lập danh sách hộ có người già, trẻ nhỏ; lực lượng xung kích hỗ trợ di chuyển khi có cảnh báo."),
    ("Một số hộ đổ rác xuống mương. Phường xử lý thế nào?",
     "Tổ dân phố tuyên truyền và bố trí thêm điểm tập kết rác ở đầu kiệt; vi phạm sẽ được lập biên bản."),
]  # fmt: skip


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.VIETNAM)


def demo_dialogues_seed(addr: str) -> list[str]:
    chair = User.objects.filter(username="chutich").first()
    assignment = (
        RoleAssignment.objects.filter(user=chair, role=Role.HEAD).select_related("organization").first()
        if chair
        else None
    )
    if chair is None or assignment is None:
        return []
    ward = assignment.organization
    children = Organization.objects.filter(parent=ward)
    works = children.filter(code__endswith="-phong-kt").first() or ward
    group = children.filter(code__endswith="-cd-1").first() or ward
    today = clock.today()
    held = _ward_flood(chair, ward, works, group, today)
    upcoming = _market(chair, ward, today)
    return [
        f"Đối thoại với Nhân dân (công khai): http://{addr}/doi-thoai/",
        f"Hội nghị đối thoại đã tổ chức, cam kết và tiến độ: http://{addr}/doi-thoai/{held.pk}/",
        f"Hội nghị đối thoại sắp tới, đang nhận câu hỏi (không cần tài khoản): http://{addr}/doi-thoai/{upcoming.pk}/",
        f"Quản lý đối thoại (chutich): http://{addr}/van-hanh/doi-thoai/",
    ]


def _ward_flood(chair: User, ward: Organization, works: Organization, group: Organization, today: dt.date) -> Dialogue:
    existing = Dialogue.objects.filter(organization=ward, subject=FLOOD).first()
    if existing is not None:
        return existing
    last_week = today - dt.timedelta(days=7)
    now = clock.now()
    # Planned and questioned through the services as if it were ahead, then dated back to last week below
    # (the services refuse a plan or a due date in the past, as they should).
    dialogue = services.dialogue_plan(actor=chair, plan=services.DialoguePlan(
        organization=ward, convener=Convener.STATE, head=chair, subject=FLOOD, unit=ward.unit,
        audience="Nhân dân Tổ dân phố 1", location="Nhà văn hóa Tổ dân phố 1, kiệt 14 Đặng Trần Côn",
        planned_at=now + dt.timedelta(hours=2), questions_until=now + dt.timedelta(hours=1),
        description="Chủ tịch UBND phường đối thoại với bà con về tình trạng ngập úng, thoát nước và vệ sinh môi trường kiệt 14.",
    ))  # fmt: skip
    services.dialogue_publish(actor=chair, dialogue_id=dialogue.pk)
    for i, (text, _answer) in enumerate(QUESTIONS[:2]):
        services.question_submit(dialogue_id=dialogue.pk, text=text, request_key=f"demo-flood-{i}",
                                 asker_name="Người dân Tổ dân phố 1")  # fmt: skip
    for text, answer in QUESTIONS[2:]:
        services.question_record(actor=chair, dialogue_id=dialogue.pk, text=text, answer=answer)
    for question in dialogue.questions.filter(answer=""):
        answer = next(a for t, a in QUESTIONS if t == question.text)
        services.question_answer(actor=chair, question_id=question.pk, answer=answer)
    services.dialogue_record_held(actor=chair, dialogue_id=dialogue.pk, held_at=_at(last_week, 19, 30), attendance=46,
        minutes="Chủ tịch UBND phường chủ trì; đại diện Phòng Kinh tế, Hạ tầng và Đô thị, Ủy ban MTTQ phường và 46 hộ dân "
                "dự. Bà con phản ánh ngập úng kéo dài, cống bị bít, mặt kiệt thấp. Chủ tịch trả lời từng ý kiến và kết luận "
                "ba việc phải làm, có người chịu trách nhiệm và thời hạn; kết quả công khai trên Dân Vận Số.")  # fmt: skip
    kept = services.commitment_add(actor=chair, dialogue_id=dialogue.pk, owner_organization=works, due_on=today,
                                   text="Nạo vét toàn tuyến cống thoát nước kiệt 14 Đặng Trần Côn.")  # fmt: skip
    progress = services.commitment_add(actor=chair, dialogue_id=dialogue.pk, owner_organization=group,
                                       text="Bố trí thêm điểm tập kết rác ở đầu kiệt và lập danh sách hộ cần hỗ trợ khi ngập.",
                                       due_on=today + dt.timedelta(days=2))  # fmt: skip
    services.commitment_add(actor=chair, dialogue_id=dialogue.pk, owner_organization=works,
                            text="Lập hồ sơ nâng cốt, làm lại mặt kiệt 14, đưa vào kế hoạch đầu tư công năm tới.",
                            due_on=today + dt.timedelta(days=60))  # fmt: skip
    services.commitment_progress(actor=chair, commitment_id=progress.pk,
                                 note="Đã đặt 2 thùng rác ở đầu kiệt; đang lập danh sách hộ có người già, trẻ nhỏ.")  # fmt: skip
    services.commitment_close(actor=chair, commitment_id=kept.pk, status=CommitmentStatus.KEPT,
                              note="Hoàn thành nạo vét 180 m cống; trận mưa sau đó kiệt không còn ngập.")  # fmt: skip
    # DEMO ONLY: date the story back to last week (rows, not services: no service rewrites the past).
    Dialogue.objects.filter(pk=dialogue.pk).update(planned_at=_at(last_week, 19, 30),
                                                   questions_until=_at(last_week - dt.timedelta(days=1), 17))  # fmt: skip
    dialogue.questions.update(created_at=_at(last_week - dt.timedelta(days=2), 9), answered_at=_at(last_week, 21))
    DialogueCommitment.objects.filter(pk=kept.pk).update(due_on=last_week + dt.timedelta(days=5),
                                                          closed_on=last_week + dt.timedelta(days=4))  # fmt: skip
    dialogue.refresh_from_db()
    assert dialogue.status == DialogueStatus.HELD
    return dialogue


def _market(chair: User, ward: Organization, today: dt.date) -> Dialogue:
    existing = Dialogue.objects.filter(organization=ward, subject=MARKET).first()
    if existing is not None:
        return existing
    day = today + dt.timedelta(days=12)
    dialogue = services.dialogue_plan(actor=chair, plan=services.DialoguePlan(
        organization=ward, convener=Convener.STATE, head=chair, subject=MARKET, unit=ward.unit,
        audience="Tiểu thương chợ tạm và Nhân dân các tổ dân phố lân cận", location="Hội trường UBND phường",
        planned_at=_at(day, 14), questions_until=_at(day - dt.timedelta(days=2), 17),
        description="Lấy ý kiến và trả lời về phương án di dời, bố trí sạp, thời gian chuyển và hỗ trợ tiểu thương.",
    ))  # fmt: skip
    services.dialogue_publish(actor=chair, dialogue_id=dialogue.pk)
    return dialogue
