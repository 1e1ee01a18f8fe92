"""The answers part's demo rows (see demo.py): on ``chinh-trang-via-he-phu-xuan`` (closed last month by the
drafts part's demo, with the comments participation's demo seeds), as the ward's chair (``chutich``):
suggest the groups, answer each (in turn accepted, explained, not accepted with its reason), record the
decision two days ago and publish the summary, which also publishes the ward's disclosure of item 11.

Everything goes through the services. Each step is taken only when not yet done (a published summary
is left as it is; groups already answered keep their answers), so running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.consultations import choices
from danvan.consultations.models import Consultation
from danvan.consultations.services import answers as services
from danvan.core import clock
from danvan.org.models import User

PAVEMENT = "chinh-trang-via-he-phu-xuan"
EXPLAINED = (
    "UBND phường giải trình: dự thảo đã quy định nội dung này; khi triển khai, phường sẽ hướng dẫn cụ thể đến từng "
    "tổ dân phố."
)
NOT_ACCEPTED_REASON = (
    "Vỉa hè phải bảo đảm lối đi tối thiểu 1,5 m cho người đi bộ theo quy định quản lý, sử dụng hè phố; không thể "
    "dành thêm phạm vi để xe, bày hàng."
)
ANSWERS = [
    (choices.Answer.ACCEPTED, "UBND phường tiếp thu ý kiến; nội dung đã được điều chỉnh trong dự thảo lần 2.", ""),
    (choices.Answer.EXPLAINED, EXPLAINED, ""),
    (choices.Answer.NOT_ACCEPTED, "UBND phường không tiếp thu ý kiến này.", NOT_ACCEPTED_REASON),
]
SUMMARY = (
    "Trong thời gian lấy ý kiến, UBND phường nhận được ý kiến của Nhân dân qua Cổng thông tin và các cuộc họp tổ "
    "dân phố. UBND phường đã tổng hợp theo từng điều của dự thảo, tiếp thu các ý kiến hợp lý vào dự thảo lần 2 "
    "(dành vỉa hè trước cổng trường cho học sinh, kéo dài thời gian tự tháo dỡ lên 60 ngày, hỗ trợ hộ khó khăn) "
    "và giải trình các ý kiến chưa tiếp thu như sau."
)


@transaction.atomic
def seed(addr: str) -> list[str]:
    c = Consultation.objects.filter(code=PAVEMENT).first()
    actor = User.objects.filter(username="chutich").first()
    if c is None or actor is None:
        return []
    if c.status == choices.Status.CLOSED and c.comments.exists():
        services.groups_suggest(actor=actor, consultation=c)
        for i, group in enumerate(c.groups.filter(answer=choices.Answer.PENDING).order_by("section_key", "id")):
            answer, text, reason = ANSWERS[i % len(ANSWERS)]
            services.group_answer(actor=actor, group=group, answer=answer, text=text, reason=reason)
        if c.decided_on is None:
            today = clock.today()
            decided_on = max(today - dt.timedelta(days=2), c.closes_on if c.closes_on <= today else today)
            services.decision_record(actor=actor, consultation=c, decided_on=decided_on)
            c.refresh_from_db()
        services.summary_publish(actor=actor, consultation=c, text=SUMMARY)
        c.refresh_from_db()
    if c.status != choices.Status.PUBLISHED:
        return [f"  Trả lời ý kiến (chưa công bố): http://{addr}/van-hanh/gop-y/dot/{c.code}/tra-loi/"]
    return [f"  Kết quả tiếp thu, giải trình: http://{addr}/gop-y/{c.code}/ket-qua/ "
            f"(báo cáo in: http://{addr}/gop-y/{c.code}/ket-qua/bao-cao/)"]  # fmt: skip
