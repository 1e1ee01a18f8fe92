"""The answers part's world: the usual consultation closed, with comments on its sections (made as rows:
participation's services are another part's), some keyed in from a meeting."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.consultations import choices
from danvan.consultations.models import Comment, Consultation
from danvan.consultations.tests.factories import ConsultationsWorld

TEXTS = [
    ("dieu-1", "Chợ tạm ở đường Lê Lợi quá xa nhà dân, người già đi lại khó khăn."),
    ("dieu-1", "cho tam o duong le loi qua xa nha dan, nguoi gia di lai kho khan"),
    ("dieu-1", "Đề nghị có xe đưa đón người cao tuổi ra chợ tạm."),
    ("dieu-3", "Cần miễn phí thuê sạp 12 tháng thay vì 6 tháng."),
    ("dieu-3", "Mien phi thue sap nen keo dai 12 thang cho tieu thuong"),
    ("", "Nên công bố rõ tiến độ xây chợ mới."),
]


def comment(c: Consultation, text: str, section_key: str = "", **fields: Any) -> Comment:
    return Comment.objects.create(consultation=c, text=text, section_key=section_key, **fields)


@pytest.fixture
def closed(cworld: ConsultationsWorld) -> ConsultationsWorld:
    c = cworld.consultation
    c.status = choices.Status.CLOSED
    c.save(update_fields=["status"])
    for key, text in TEXTS:
        comment(c, text, key)
    comment(c, "Bãi giữ xe của chợ tạm cần mái che.", "dieu-2", channel=choices.Channel.MEETING,
            source_ref="Biên bản họp tổ dân phố 1 ngày 20/11", supporters=14)  # fmt: skip
    comment(c, "Nội dung quảng cáo không liên quan", "dieu-2", status=choices.Moderation.HIDDEN,
            moderation_reason="Quảng cáo")  # fmt: skip
    return cworld
