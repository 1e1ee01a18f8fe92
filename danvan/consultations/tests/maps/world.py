"""A hand-built vote set with a known answer for the maps part's tests: 12 people (group A) agree with
statements 1–4 and disagree with 5–7, 8 people (group B) the opposite, and everyone agrees with
statement 8 (the common ground). A few passes make the votes less than identical."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.consultations.models import Consultation, Participant, Statement, Vote
from danvan.consultations.tests.factories import participant, statement

TEXTS = [
    ("dieu-1", "Chợ tạm đặt ở bãi đất đường Lê Lợi là hợp lý"),
    ("dieu-1", "Thời gian di dời 18 tháng là vừa phải"),
    ("dieu-2", "Bốc thăm vị trí sạp là công bằng"),
    ("dieu-2", "Ưu tiên người bán lâu năm khi chọn sạp"),
    ("dieu-3", "Nên giữ chợ ở chỗ cũ và xây từng phần"),
    ("dieu-3", "Hỗ trợ vận chuyển là chưa đủ"),
    ("", "Cần khảo sát thêm ý kiến tiểu thương"),
    ("", "Đảm bảo vệ sinh an toàn thực phẩm ở chợ tạm"),
]


@dataclass
class VoteSet:
    statements: list[Statement]  # in TEXTS' order
    group_a: list[Participant]
    group_b: list[Participant]


def vote_set(c: Consultation, *, a: int = 12, b: int = 8) -> VoteSet:
    statements = [statement(c, text, section_key=key) for key, text in TEXTS]
    group_a = [participant(c) for _ in range(a)]
    group_b = [participant(c) for _ in range(b)]
    rows = []
    for i, p in enumerate(group_a):
        for n, s in enumerate(statements[:4], start=1):
            rows.append(Vote(participant=p, statement=s, value=1 if (i + n) % 7 else 0))
        rows += [Vote(participant=p, statement=s, value=-1) for s in statements[4:7]]
        rows.append(Vote(participant=p, statement=statements[7], value=1))
    for i, p in enumerate(group_b):
        for n, s in enumerate(statements[:4], start=1):
            rows.append(Vote(participant=p, statement=s, value=-1 if (i + n) % 5 else 0))
        rows += [Vote(participant=p, statement=s, value=1) for s in statements[4:7]]
        rows.append(Vote(participant=p, statement=statements[7], value=1))
    Vote.objects.bulk_create(rows)
    return VoteSet(statements=statements, group_a=group_a, group_b=group_b)
