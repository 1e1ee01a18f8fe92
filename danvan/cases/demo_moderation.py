"""The demo's moderated report (issue 14): a public feedback item that named a neighbour, taken off the public
page by the ward's handler (``xuly``), so the staff case page shows "Show on the public page again" and the
citizen's private page says why it is not public. Idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from danvan.cases.choices import Channel, PublicHideReason, Track
from danvan.cases.models import Case
from danvan.cases.services import handling, moderation
from danvan.cases.services.intake import Petition, case_submit
from danvan.org.models import User

KEY = "demo-public-hidden"


@transaction.atomic
def demo_public_moderation_seed() -> Case | None:
    handler = User.objects.filter(username="xuly").first()
    head = User.objects.filter(username="chutich").first()
    if handler is None or head is None:
        return None
    case = Case.objects.filter(channel=Channel.WEB, idempotency_key=KEY).first()
    if case is not None:
        return case
    petition = Petition(
        title="Karaoke ồn ào đến nửa đêm ở kiệt 7 Chi Lăng", track=Track.PAKN, topic_code="moi-truong",
        content="Nhà ông Trần Văn Hùng trong kiệt 7 Chi Lăng mở karaoke rất to đến 12 giờ đêm, cả xóm không ngủ được.",
        place_text="phuong phu xuan, hue", latitude=Decimal("16.478100"), longitude=Decimal("107.590300"),
        name="Lê Thị Hoa", phone="0935333444", consent=True, consent_text="Tôi đồng ý (dữ liệu demo).", publish=True,
    )  # fmt: skip
    case = case_submit(actor=None, petition=petition, idempotency_key=KEY).case
    handling.case_assign(case=case, actor=head, handler=handler)
    handling.case_register(case=case, actor=handler)
    # The automatic redaction cannot know a neighbour's name: the handler takes it off until it is corrected.
    return moderation.case_public_hide(case=case, actor=handler, reason=PublicHideReason.PERSONAL_DATA,
                                       note="Nêu tên một hộ dân cụ thể; cần sửa nội dung trước khi đăng lại.")  # fmt: skip
