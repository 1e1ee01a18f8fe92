"""Insight's demo data. Each part adds its seed in its own block; ``danvan demo`` (web) calls them."""

from __future__ import annotations

import random

# --- route ---

ROUTE_SUBJECTS = {
    "giao-thong-ha-tang": ["mặt đường bị sụt lún, nhiều ổ gà", "đèn đường không sáng cả dãy", "cầu bộ hành bị hư hỏng",
                           "vỉa hè bị đào xới chưa hoàn trả"],
    "moi-truong": ["rác thải tồn đọng không được thu gom", "cống thoát nước bốc mùi hôi", "xưởng gỗ xả khói bụi",
                   "nước thải chảy tràn ra đường"],
    "dien-nuoc": ["nước máy có màu đục và mùi lạ", "mất điện nhiều giờ không báo trước", "đồng hồ nước chạy sai",
                  "áp lực nước yếu, tầng hai không có nước"],
    "an-ninh-trat-tu": ["karaoke mở to đến nửa đêm", "thanh niên tụ tập đua xe ban đêm", "trộm cắp xe máy xảy ra nhiều",
                        "quán nhậu lấn chiếm vỉa hè gây mất trật tự"],
}  # fmt: skip
ROUTE_FRAMES = ["Tôi xin phản ánh tình trạng {s} tại {p}.", "Kính gửi UBND phường: {s} ở {p} đã lâu chưa được xử lý.",
                "Đề nghị chính quyền xử lý việc {s} khu vực {p}.", "Nhiều hộ dân bức xúc vì {s}, {p}.",
                "{s} gần {p}, mong phường sớm giải quyết."]  # fmt: skip
ROUTE_PLACES = ["kiệt 12 Nguyễn Trãi", "tổ 5", "chợ Tây Lộc", "đường Đinh Tiên Hoàng", "trường tiểu học Phú Xuân"]
ROUTE_NEW_KEY = "demo-route-new"


def demo_route_seed(history: int = 80) -> list[str]:
    """Handled petitions of Phú Xuân on four topics (received, then registered by its handler: confirmed),
    a routing model trained from them, and one new petition without a topic, with the model's suggestions
    on its staff page. Idempotent (petitions keyed; a model trained only when none is in use)."""
    from django.db import transaction

    from danvan.cases.choices import Channel, Track
    from danvan.cases.models import Case, TopicCategory
    from danvan.cases.services import handling
    from danvan.cases.services.intake import Petition, case_submit
    from danvan.core.errors import DomainError
    from danvan.insight.models import ModelKind, ModelVersion
    from danvan.insight.services.route import route_train
    from danvan.org.models import User

    handler = User.objects.filter(username="xuly").first()
    topics = [t for t in ROUTE_SUBJECTS if TopicCategory.objects.filter(code=t, is_active=True).exists()]
    if handler is None or len(topics) < 2:
        return []
    rng = random.Random(18)  # noqa: S311 - demo text, not a secret

    def send(key: str, text: str, topic: str) -> Case:
        petition = Petition(content=text, title=text[:70].rstrip(" ,."), track=Track.PAKN,
                            place_text="phuong phu xuan, hue", name="Nguyễn Thị Mai", phone="0905111222",
                            consent=True, consent_text="Tôi đồng ý (dữ liệu demo).", topic_code=topic)  # fmt: skip
        return case_submit(actor=None, petition=petition, channel=Channel.WEB, idempotency_key=key).case

    for i in range(history):
        key = f"demo-route-{i}"
        if Case.objects.filter(channel=Channel.WEB, idempotency_key=key).exists():
            continue
        topic = topics[i % len(topics)]
        text = rng.choice(ROUTE_FRAMES).format(s=rng.choice(ROUTE_SUBJECTS[topic]), p=rng.choice(ROUTE_PLACES))
        with transaction.atomic():
            case = send(key, text[:1].upper() + text[1:], topic)
            handling.case_register(case=case, actor=handler, note="Vào sổ (dữ liệu demo).")
    if not ModelVersion.objects.filter(kind=ModelKind.ROUTE, in_use=True).exists():
        try:
            route_train(note="demo")
        except DomainError:
            return []
    new = Case.objects.filter(channel=Channel.WEB, idempotency_key=ROUTE_NEW_KEY).first() or send(
        ROUTE_NEW_KEY, "Rác thải tồn đọng ở đầu kiệt 7 Nguyễn Trãi đã một tuần, bốc mùi hôi, đề nghị thu gom.", ""
    )
    return [
        f"Gợi ý định tuyến (mô hình học từ {history} hồ sơ đã xử lý): /van-hanh/ho-so/{new.pk}/ "
        "(đăng nhập xuly); các phiên bản mô hình: /dan-y/dinh-tuyen/phien-ban/ (admin)"
    ]
