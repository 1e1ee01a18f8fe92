"""Letters about street lights in Phú Xuân: one matter written by several people, and others."""

from __future__ import annotations

from typing import Any

from danvan.cases.models import Case
from danvan.cases.tests.factories import submit

SAME = [
    (
        "Đèn đường Lê Lợi không sáng",
        "Đèn chiếu sáng trên đường Lê Lợi đoạn trước nhà số 45 không sáng hai tuần nay, buổi tối rất nguy hiểm.",
    ),
    (
        "Phản ánh đèn đường Lê Lợi",
        "Kính gửi UBND phường. Đèn chiếu sáng trên đường Lê Lợi đoạn trước nhà số 45 không sáng, đề nghị sửa.",
    ),
    (
        "Đèn đường hỏng",
        "Tôi xin phản ánh: đèn chiếu sáng trên đường Lê Lợi đoạn trước nhà số 45 không sáng đã lâu. Xin cảm ơn.",
    ),
]
OTHERS = [
    ("Đèn đường Hùng Vương", "Đèn chiếu sáng trên đường Hùng Vương đoạn trước nhà số 7 không sáng một tháng nay."),
    ("Ngập nước kiệt 12", "Kiệt 12 bị ngập nước mỗi khi mưa lớn, nước tràn vào nhà dân, đề nghị nạo vét cống."),
    ("Rác thải chợ", "Rác thải ở chợ không được thu gom, bốc mùi hôi, đề nghị xử lý."),
]  # fmt: skip


def letter(i: int, *, same: bool = True, **overrides: Any) -> Case:
    title, content = (SAME if same else OTHERS)[i]
    return submit(title=title, content=content, **overrides).case
