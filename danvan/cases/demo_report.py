"""Demo cases in the report's other stages: a feedback item answered and its file closed, and a complaint
decided with its decision sent — so the report of receipt and handling shows answered, decided and
closed apart (``selectors.REPORT_STAGES``). Idempotent: cases are matched on their idempotency key."""

from __future__ import annotations

from django.db import transaction

from danvan.cases.choices import Channel, Track
from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.services.intake import Petition, case_submit
from danvan.org.models import User


def _petition(track: str, title: str, content: str) -> Petition:
    return Petition(content=content, title=title, track=track, place_text="phuong phu xuan, hue",
                    name="Nguyễn Văn Tâm", phone="0905777888", consent=True,
                    consent_text="Tôi đồng ý (dữ liệu demo).")  # fmt: skip


@transaction.atomic
def demo_report_stages_seed() -> list[Case]:
    handler = User.objects.filter(username="xuly").first()
    head = User.objects.filter(username="chutich").first()
    if handler is None or head is None:
        return []
    cases = []
    closed = Case.objects.filter(channel=Channel.WEB, idempotency_key="demo-closed-1").first()
    if closed is None:
        closed = case_submit(actor=None, idempotency_key="demo-closed-1", petition=_petition(
            Track.PAKN, "Cây xanh đổ chắn lối đi", "Cây xanh trước trường tiểu học bị đổ sau mưa, chắn lối đi của học sinh.",
        )).case  # fmt: skip
        handling.case_register(case=closed, actor=handler)
        handling.case_answer(case=closed, actor=handler, answer_text="Đội cây xanh đã cắt dọn cây đổ ngay trong ngày.")
        closed = handling.case_close(case=closed, actor=handler)
    cases.append(closed)
    decided = Case.objects.filter(channel=Channel.WEB, idempotency_key="demo-decided-1").first()
    if decided is None:
        decided = case_submit(actor=None, idempotency_key="demo-decided-1", petition=_petition(
            Track.KHIEU_NAI, "Khiếu nại quyết định xử phạt vi phạm hành chính",
            "Tôi khiếu nại Quyết định số 45/QĐ-XPHC vì đã xử phạt tôi về lỗi tôi không vi phạm.",
        )).case  # fmt: skip
        handling.case_accept(case=decided, actor=handler, document_number="07/TB-UBND")
        handling.case_start_verification(case=decided, actor=handler)
        handling.case_decide(case=decided, actor=head, outcome="partly_right", decision_number="12/QĐ-UBND",
                             answer_text="Khiếu nại đúng một phần: giảm mức phạt.")  # fmt: skip
        decided = handling.case_send_decision(case=decided, actor=handler)
    cases.append(decided)
    return cases
