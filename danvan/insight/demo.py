"""Insight in the demo: each part seeds what its pages need from the demo's cases and ratings and returns
the lines ``danvan demo`` prints; parts add their block to ``demo_insight_seed``. Idempotent.

Early warnings: two months of a few environment cases in the demo head's ward, then a week with many more
(rubbish by the river), so that the daily run finds a surge and the head (chutich) and the dân vận officers
above the ward see an alert with its cases; the run also raises the crowds that the reception demo seeded.
A matter growing fast: three neighbours write about one landslide on the river bank, yesterday and today.
Topics and tone: the tone model trained from the demo's ratings and labels, then the topics of the demo's
cases."""

from __future__ import annotations

import datetime as dt
import random

from danvan.cases.models import Case
from danvan.cases.services.intake import Petition, case_submit
from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment


def demo_insight_seed(addr: str) -> list[str]:
    lines: list[str] = []
    # --- warnings ---
    lines += demo_warnings_seed(addr)
    # --- growing ---
    lines += demo_growing_seed(addr)
    # --- topics ---
    lines += _demo_topics(addr)
    # --- route --- (last: its handled petitions would add to the warnings' and topics' counts)
    lines += demo_route_seed(addr)
    return lines


# --- topics ---
def _demo_topics(addr: str) -> list[str]:
    """The tone model trained from the demo's ratings (when they are enough), then the topics of the demo's
    cases of the last 90 days against the 90 before, with their tone."""
    from danvan.core import clock
    from danvan.core.errors import DomainError
    from danvan.insight.services.tone import tone_train
    from danvan.insight.services.topics import topic_run_discover

    lines = []
    _demo_tone_labels()
    try:
        version = tone_train()
        lines.append(f"Mô hình sắc thái (phiên bản {version.number}) học từ nhận xét kèm đánh giá sao.")
    except DomainError as refused:
        lines.append(f"Chưa có mô hình sắc thái: {refused.message}")
    today = clock.today()
    try:
        run = topic_run_discover(starts_on=today - dt.timedelta(days=89), ends_on=today)
    except DomainError as refused:
        return [*lines, f"Chưa tìm được chủ đề: {refused.message}"]
    lines.append(f"Dân nói gì — {run.k} chủ đề trong {run.texts} vụ việc 90 ngày qua (chutich, danvan): "
                 f"http://{addr}/dan-y/chu-de/")  # fmt: skip
    lines.append(f"Chủ đề bị đánh giá thấp nhất của từng cơ quan: http://{addr}/dan-y/danh-gia-thap/")
    return lines


# DEMO ONLY: what a dân vận officer would have labelled, so the demo's tone model has enough examples.
_DEMO_TONES = {
    "negative": (["Chờ quá lâu", "Thái độ cán bộ cáu gắt", "Hẹn nhiều lần vẫn chưa xong", "Không ai trả lời",
                  "Rất bức xúc vì", "Thất vọng vì"],
                 ["đơn gửi từ tháng trước", "hồ sơ bị trả lại nhiều lần", "đường ngập mãi không sửa",
                  "rác để cả tuần", "phải đi lại nhiều lần"]),
    "neutral": (["Đề nghị cho biết", "Xin hỏi về", "Cho tôi hỏi thủ tục", "Mong được hướng dẫn về",
                 "Đề nghị thông báo lịch", "Xin cung cấp thông tin về"],
                ["cấp giấy chứng nhận", "lịch thu gom rác", "tiêm chủng cho trẻ", "hồ sơ trợ cấp", "việc nộp thuế"]),
    "positive": (["Cảm ơn cán bộ đã", "Rất hài lòng vì", "Xin ghi nhận phường đã", "Cán bộ tận tình khi",
                  "Cảm ơn chính quyền đã", "Rất vui vì"],
                 ["giải quyết nhanh", "sửa đèn đường kịp thời", "hướng dẫn chu đáo", "nạo vét cống sạch sẽ",
                  "trả lời rõ ràng"]),
}  # fmt: skip


def _demo_tone_labels() -> None:
    from danvan.insight.models import ToneLabel
    from danvan.nlp.tone import text_key
    from danvan.org.models import User

    officer = User.objects.filter(username="danvan").first()
    for tone, (heads, tails) in _DEMO_TONES.items():
        for i, head in enumerate(heads):
            for tail in tails[i % 2 :: 2]:
                text = f"{head} {tail}."
                ToneLabel.objects.get_or_create(text_key=text_key(text),
                                                defaults={"text": text, "tone": tone, "labelled_by": officer})  # fmt: skip


# --- warnings ---
HISTORY_DAYS = (9, 15, 21, 27, 33, 39, 45, 51, 57)  # one case about every six days
SURGE_DAYS = (0, 0, 1, 1, 1, 2, 3, 4, 5)  # nine in the last week
PLACES = ("bờ sông", "chợ", "kiệt 7", "kiệt 12", "đường Lê Lợi", "bến đò", "công viên", "trường học", "kiệt 3")


def demo_warnings_seed(addr: str) -> list[str]:
    from danvan.insight.services.warnings import warnings_detect

    head = (
        RoleAssignment.objects.filter(user__username="chutich", role=Role.HEAD).select_related("organization").first()
    )
    if head is None:
        return []
    unit = head.organization.unit
    today = clock.today()
    for number, back in enumerate(HISTORY_DAYS + SURGE_DAYS):
        key = f"demo-warn-{number}"
        if Case.objects.filter(idempotency_key=key).exists():
            continue
        where = PLACES[number % len(PLACES)]
        surge = number >= len(HISTORY_DAYS)
        title = f"Rác thải đổ trộm ở {where}" if surge else f"Cống thoát nước bốc mùi ở {where}"
        case = case_submit(actor=None, idempotency_key=key, petition=Petition(
            content=f"{title}, đề nghị phường cho thu gom và xử lý (dữ liệu demo).", title=title, track="pakn",
            topic_code="moi-truong", place_unit_id=unit.pk, name="Phan Văn Minh", phone="0905777888",
            consent=True, consent_text="Tôi đồng ý (dữ liệu demo).",
        )).case  # fmt: skip
        Case.objects.filter(pk=case.pk).update(received_on=today - dt.timedelta(days=back))
    run = warnings_detect(today=today)
    return [f"Cảnh báo sớm ({run.raised} mới; chutich, danvan): http://{addr}/dan-y/canh-bao/",
            f"Điểm nóng và tình hình dư luận tuần (chutich, danvan): http://{addr}/dan-y/diem-nong/"]  # fmt: skip


# --- growing ---
GROWING_LETTERS = [  # (days back, title, content): one matter in three people's words
    (1, "Sạt lở bờ kè sông Hương cuối kiệt 9",
     "Bờ kè sông Hương đoạn cuối kiệt 9 bị sạt lở sau trận mưa đêm qua, nhà số 16 sát mép kè rất nguy hiểm. "
     "Đề nghị phường kiểm tra, gia cố bờ kè."),
    (0, "Bờ kè sông Hương kiệt 9 sạt lở",
     "Kính gửi UBND phường. Bờ kè sông Hương đoạn cuối kiệt 9 bị sạt lở, vết nứt lan tới nhà số 16 sát mép kè. "
     "Đề nghị kiểm tra và gia cố bờ kè gấp."),
    (0, "Đề nghị gia cố bờ kè sông Hương kiệt 9",
     "Tôi xin phản ánh: bờ kè sông Hương đoạn cuối kiệt 9 bị sạt lở thêm, nhà số 16 sát mép kè rất nguy hiểm, "
     "trẻ em đi học qua đây. Đề nghị phường gia cố bờ kè."),
]  # fmt: skip


def demo_growing_seed(addr: str) -> list[str]:
    """Three letters on one matter in the demo head's ward, one yesterday and two today: the third makes the
    matter grow fast (3 people in 2 days) and raises the alert at intake, before it has 5 people."""
    from danvan.insight.models import Alert, AlertKind

    head = (
        RoleAssignment.objects.filter(user__username="chutich", role=Role.HEAD).select_related("organization").first()
    )
    if head is None or head.organization.unit is None:
        return []
    today = clock.today()
    ids = []
    for number, (back, title, content) in enumerate(GROWING_LETTERS):
        key = f"demo-grow-{number}"
        case = Case.objects.filter(idempotency_key=key).first() or case_submit(
            actor=None, idempotency_key=key, petition=Petition(
                content=content, title=title, track="pakn", topic_code="giao-thong-ha-tang",
                place_unit_id=head.organization.unit.pk, name=("Lê Văn Hòa", "Trần Thị Lan", "Ngô Văn Phúc")[number],
                phone="0905333444", consent=True, consent_text="Tôi đồng ý (dữ liệu demo).",
            ),
        ).case  # fmt: skip
        if back and case.received_on == today:  # as if received the day before (the index keeps its own day)
            Case.objects.filter(pk=case.pk).update(received_on=today - dt.timedelta(days=back))
        ids.append(case.pk)
    alert = Alert.objects.filter(kind=AlertKind.MATTER_GROWING, cases__pk=ids[-1]).order_by("-pk").first()
    if alert is None:
        return []
    people, days = alert.figures.get("recent_people"), alert.figures.get("recent_days")
    return [f"Vụ việc tăng nhanh ({people} người trong {days} ngày; chutich): http://{addr}/dan-y/canh-bao/{alert.pk}/"]


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


def demo_route_seed(addr: str = "127.0.0.1:8000", history: int = 80) -> list[str]:
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
        f"Gợi ý định tuyến (mô hình học từ {history} hồ sơ đã xử lý): http://{addr}/van-hanh/ho-so/{new.pk}/ "
        f"(đăng nhập xuly); các phiên bản mô hình: http://{addr}/dan-y/dinh-tuyen/phien-ban/ (admin)"
    ]
