"""Demo routing rules and a handful of cases in different states, for the demo province.

Idempotent: rules are matched on (organization, unit); cases on their idempotency key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from danvan.cases.choices import Channel, Track
from danvan.cases.models import Case, IntakeQueue, RoutingRule
from danvan.cases.services import handling
from danvan.cases.services.intake import Petition, case_submit
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User

SAMPLES: list[dict[str, Any]] = [
    {"key": "demo-1", "track": Track.PAKN, "title": "Đèn đường hỏng trên đường Lê Lợi",
     "content": "Ba cột đèn đường trước số 20 Lê Lợi không sáng đã hai tuần, buổi tối rất tối và nguy hiểm.",
     "place": "phuong phu xuan, hue", "steps": ["register"]},
    {"key": "demo-2", "track": Track.KHIEU_NAI, "title": "Khiếu nại quyết định thu hồi đất",
     "content": "Tôi khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi 120 m² đất vườn vì chưa được bồi thường thỏa đáng.",
     "place": "Phường Phú Xuân, Thành phố Huế", "steps": ["accept", "start_verification"]},
    {"key": "demo-3", "track": Track.TO_CAO, "title": "Tố cáo cán bộ địa chính",
     "content": "Cán bộ địa chính phường yêu cầu nộp thêm tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận.",
     "place": "P. Phú Xuân, TP Huế", "steps": ["accept"]},
    {"key": "demo-4", "track": Track.UNCLASSIFIED, "title": "Rác thải ùn ứ ở chợ",
     "content": "Khu vực phía sau chợ rác thải ùn ứ nhiều ngày chưa được thu gom, bốc mùi hôi thối.",
     "place": "phu xuan, tt hue", "steps": []},
    # No place written: it lands in the province's intake queue, and its owner (tiepdan) is told.
    {"key": "demo-5", "track": Track.PAKN, "title": "Cây đổ chắn ngang đường sau mưa",
     "content": "Sau trận mưa lớn đêm qua một cây xà cừ đổ chắn ngang đường, xe cộ phải quay đầu.",
     "place": "", "steps": []},
    # Only a pin on the map (the point the shipped data holds for Phường Vỹ Dạ): the commune is found from it.
    {"key": "demo-6", "track": Track.PAKN, "title": "Nắp cống bị vỡ",
     "content": "Nắp cống trên vỉa hè bị vỡ, người đi bộ dễ sụt chân, nhất là buổi tối.",
     "place": "", "lat": "16.477900", "lon": "107.611000", "steps": []},
]  # fmt: skip


@transaction.atomic
def demo_cases_seed(province_code: int) -> int:
    """Route each commune's cases to its UBND and the rest to the province's reception board."""
    province = AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=province_code)
    for commune in AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province):
        body = Organization.objects.filter(code=f"{province_code}-{commune.code}-ubnd").first()
        if body is not None:
            RoutingRule.objects.get_or_create(organization=body, unit=commune, track="", topic=None)
    fallback = Organization.objects.filter(code=f"{province_code}-ban-tcd").first()
    if fallback is not None:
        RoutingRule.objects.get_or_create(organization=fallback, unit=province, track="", topic=None)
    board = Organization.objects.filter(code=f"{province_code}-ban-tcd").first()
    owner = User.objects.filter(username="tiepdan").first()
    if board is not None and owner is not None:
        # A petition naming no commune goes to the reception board; one naming no province either, too.
        for where in (province, None):
            IntakeQueue.objects.get_or_create(province=where, defaults={"organization": board, "owner": owner})
    handler = User.objects.filter(username="xuly").first()
    created = 0
    for sample in SAMPLES:
        if Case.objects.filter(channel=Channel.WEB, idempotency_key=sample["key"]).exists():
            continue
        petition = Petition(content=sample["content"], title=sample["title"], track=sample["track"],
                            place_text=sample["place"], name="Trần Thị Bình", phone="0905123456",
                            latitude=Decimal(sample["lat"]) if "lat" in sample else None,
                            longitude=Decimal(sample["lon"]) if "lon" in sample else None,
                            email="binh@example.vn", address="12 Lê Lợi, Huế", consent=True,
                            consent_text="Tôi đồng ý (dữ liệu demo).")  # fmt: skip
        case = case_submit(actor=None, petition=petition, idempotency_key=sample["key"]).case
        created += 1
        for step in sample["steps"]:
            if handler is not None:
                getattr(handling, f"case_{step}")(case=case, actor=handler)
    return created


# Feedback items the demo handler has answered. Each answer opens the citizen's rating invitation
# (the surveys app subscribes to the event ``cases.case_answered``), so the demo can print one rating link and show a
# few ratings on the head's dashboard.
ANSWERED: list[dict[str, str]] = [
    {"key": "demo-answered-1", "title": "Cống thoát nước bị tắc trên đường Đinh Tiên Hoàng",
     "content": "Cống thoát nước trước số 45 Đinh Tiên Hoàng bị tắc, mỗi lần mưa nước tràn vào nhà dân.",
     "answer": "UBND phường đã giao đội vệ sinh môi trường nạo vét cống trong tuần này; cảm ơn ông/bà đã phản ánh."},
    {"key": "demo-answered-2", "title": "Cây xanh nghiêng có nguy cơ đổ",
     "content": "Cây phượng trước trường tiểu học bị nghiêng mạnh sau bão, có nguy cơ đổ vào người đi đường.",
     "answer": "Công ty cây xanh đã cắt tỉa và chằng chống cây ngày hôm qua."},
    {"key": "demo-answered-3", "title": "Tiếng ồn từ quán karaoke về đêm",
     "content": "Quán karaoke trong kiệt 7 mở nhạc lớn đến sau 23 giờ nhiều đêm liền.",
     "answer": "Công an phường đã kiểm tra, nhắc nhở và lập biên bản chủ quán."},
    {"key": "demo-answered-4", "title": "Vỉa hè bị lấn chiếm làm chỗ để xe",
     "content": "Vỉa hè đoạn gần chợ bị các hộ kinh doanh lấn chiếm để xe, người đi bộ phải đi xuống lòng đường.",
     "answer": "Tổ trật tự đô thị đã ra quân lập lại trật tự vỉa hè và sẽ kiểm tra định kỳ."},
    {"key": "demo-answered-5", "title": "Chậm cấp bản sao trích lục khai sinh",
     "content": "Tôi nộp hồ sơ xin trích lục khai sinh đã 10 ngày nhưng chưa nhận được kết quả.",
     "answer": "Bộ phận một cửa đã trả kết quả và xin lỗi ông/bà vì sự chậm trễ."},
    {"key": "demo-answered-6", "title": "Đèn tín hiệu giao thông không hoạt động",
     "content": "Đèn tín hiệu tại ngã tư gần chợ không hoạt động từ sáng, xe cộ đi lại lộn xộn.",
     "answer": "Đơn vị quản lý đã sửa chữa, đèn hoạt động bình thường trở lại."},
]  # fmt: skip


# More answered items, so the body's rating index has the methodology's minimum sample (30) and the
# demo's one unrated case visibly moves a published index when it is rated.
_STREETS = ["Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Bà Triệu", "Hà Nội", "Lý Thường Kiệt"]
_ISSUES = [
    (
        "Đèn đường không sáng",
        "Đèn chiếu sáng trên đường {street} không sáng nhiều đêm, đi lại nguy hiểm.",
        "Đơn vị chiếu sáng đã thay bóng đèn trên đường {street}.",
    ),
    (
        "Rác thải tồn đọng",
        "Điểm tập kết rác trên đường {street} không được thu gom đúng giờ, bốc mùi.",
        "Công ty môi trường đã điều chỉnh giờ thu gom rác trên đường {street}.",
    ),
    (
        "Mặt đường hư hỏng",
        "Mặt đường {street} có nhiều ổ gà sau mưa, xe máy dễ ngã.",
        "Phường đã đề nghị đơn vị quản lý đường vá các ổ gà trên đường {street}.",
    ),
    (
        "Nước sinh hoạt yếu",
        "Nước máy ở các hộ trên đường {street} chảy rất yếu vào buổi tối.",
        "Công ty cấp nước đã kiểm tra và thay van điều áp khu vực đường {street}.",
    ),
    (
        "Xe tải chạy giờ cấm",
        "Xe tải lớn vẫn chạy qua đường {street} trong giờ cấm, gây ồn và bụi.",
        "Công an phường đã phối hợp tuần tra, xử lý xe tải vi phạm trên đường {street}.",
    ),
]
ANSWERED += [
    {"key": f"demo-answered-{7 + i}", "title": f"{title} — {street}",
     "content": content.format(street=street), "answer": answer.format(street=street)}
    for i, (street, (title, content, answer)) in enumerate(
        (street, issue) for issue in _ISSUES for street in _STREETS)
]  # fmt: skip


@transaction.atomic
def demo_answered_cases_seed() -> list[Case]:
    """Submit, assign, register and answer the ``ANSWERED`` feedback items; return them in that order.

    The handler ``xuly`` answers, assigned by the head ``chutich`` (both from ``org.demo``). Idempotent:
    a case already stored is returned as it is.
    """
    handler = User.objects.filter(username="xuly").first()
    head = User.objects.filter(username="chutich").first()
    if handler is None or head is None:
        return []
    cases = []
    for sample in ANSWERED:
        case = Case.objects.filter(channel=Channel.WEB, idempotency_key=sample["key"]).first()
        if case is None:
            petition = Petition(content=sample["content"], title=sample["title"], track=Track.PAKN,
                                place_text="phuong phu xuan, hue", name="Lê Thị Hoa", phone="0914222333",
                                consent=True, consent_text="Tôi đồng ý (dữ liệu demo).")  # fmt: skip
            case = case_submit(actor=None, petition=petition, idempotency_key=sample["key"]).case
            handling.case_assign(case=case, actor=head, handler=handler)
            handling.case_register(case=case, actor=handler)
            case = handling.case_answer(case=case, actor=handler, answer_text=sample["answer"])
        cases.append(case)
    return cases


# Work that is due (issue 14): in the inbox of the demo ward, one feedback item past its deadline and one
# due within days, so that the order (overdue first) and the badges show; and a petition the demo counter
# clerk (``tiepnhan``) entered again at the counter, which the handler merged into the first sample as its
# duplicate.
DUE: list[dict[str, Any]] = [
    {"key": "demo-due-overdue", "state": "overdue", "title": "Ổ gà lớn trên đường Nguyễn Trãi",
     "content": "Mặt đường Nguyễn Trãi trước chợ có ổ gà lớn, nhiều người đi xe máy bị ngã khi trời mưa."},
    {"key": "demo-due-soon", "state": "due_soon", "title": "Cống hở nắp trên đường Trần Phú",
     "content": "Nắp cống trước số 8 Trần Phú bị vỡ, để hở miệng cống rất nguy hiểm cho trẻ em."},
]  # fmt: skip
DUPLICATE_KEY = "demo-duplicate-1"


def _received_days_ago_for(case: Case, state: str) -> None:
    """Move the case's receipt back, a day at a time, until its legal clock is ``state`` today."""
    from danvan.cases import rules
    from danvan.cases.services.clock import case_deadline_refresh
    from danvan.core import clock

    today = clock.today()
    for days in range(0, 60):
        case.received_on = today - dt.timedelta(days=days)
        case_deadline_refresh(case)
        if rules.deadline_state(case.due_on, case.warn_on, today) == state:
            break
    case.save(update_fields=["received_on", "due_on", "warn_on", "due_step", "due_explanation", "updated_at"])


@transaction.atomic
def demo_work_seed() -> None:
    """Cases due soon and overdue, and a merged duplicate entered at the counter. Idempotent."""
    from danvan.cases.services.duplicates import case_merge_duplicate

    handler = User.objects.filter(username="xuly").first()
    clerk = User.objects.filter(username="tiepnhan").first()
    for sample in DUE:
        if Case.objects.filter(channel=Channel.WEB, idempotency_key=sample["key"]).exists():
            continue
        petition = Petition(content=sample["content"], title=sample["title"], track=Track.PAKN,
                            place_text="phuong phu xuan, hue", name="Phan Văn Tâm", phone="0913555777",
                            consent=True, consent_text="Tôi đồng ý (dữ liệu demo).")  # fmt: skip
        case = case_submit(actor=None, petition=petition, idempotency_key=sample["key"]).case
        _received_days_ago_for(case, sample["state"])
    original = Case.objects.filter(channel=Channel.WEB, idempotency_key=SAMPLES[0]["key"]).first()
    if clerk is None or handler is None or original is None:
        return
    if Case.objects.filter(channel=Channel.COUNTER, idempotency_key=DUPLICATE_KEY).exists():
        return
    sample = SAMPLES[0]
    petition = Petition(content="Bà đến trình bày: " + sample["content"], title=sample["title"] + " (nộp tại quầy)",
                        track=Track.PAKN, place_text=sample["place"], name="Nguyễn Thị Lành", phone="0234 3822 123",
                        address="5 kiệt 12 Lê Lợi, Huế", consent=True,
                        consent_text="Công dân đã được đọc và đồng ý (dữ liệu demo).")  # fmt: skip
    repeat = case_submit(actor=clerk, petition=petition, channel=Channel.COUNTER, idempotency_key=DUPLICATE_KEY).case
    case_merge_duplicate(case=repeat, actor=handler, original=original.tracking_code)


# Public feedback in Huế (issue 14): reports the citizens left public, on the map, with photos before and
# after, answered and published; one still open with supporters, one sent back as "still not fixed".
PUBLIC: list[dict[str, Any]] = [
    {"key": "demo-public-1", "title": "Đèn đường tắt cả dãy trên đường Đinh Tiên Hoàng", "topic": "giao-thong-ha-tang",
     "content": "Năm cột đèn đường đoạn gần cửa Thượng Tứ không sáng đã một tuần, buổi tối rất tối.",
     "point": ("16.470512", "107.582203"), "photo": "lamp", "supports": 4,
     "answer": "Điện lực Huế đã thay bộ đèn LED cho năm cột đèn ngày hôm qua; đèn đã sáng trở lại."},
    {"key": "demo-public-2", "title": "Rác thải tồn đọng bờ sông Hương", "topic": "moi-truong",
     "content": "Bãi cỏ ven sông đoạn đường Trần Hưng Đạo có nhiều rác thải, túi nilon tồn đọng nhiều ngày.",
     "point": ("16.471950", "107.588700"), "photo": "waste", "supports": 7,
     "answer": "Công ty Môi trường và Công trình đô thị Huế đã thu dọn rác và tăng một lượt thu gom buổi tối."},
    {"key": "demo-public-3", "title": "Ổ gà lớn trên đường Lê Duẩn", "topic": "giao-thong-ha-tang",
     "content": "Trước chợ Tây Lộc có ổ gà sâu khoảng 20 cm, xe máy đi qua dễ ngã, nhất là khi trời mưa.",
     "point": ("16.474300", "107.574900"), "photo": "road", "supports": 12, "answer": ""},
    {"key": "demo-public-4", "title": "Cống thoát nước bị tắc ở kiệt 12 Nguyễn Trãi", "topic": "moi-truong",
     "content": "Mỗi lần mưa lớn nước tràn vào nhà dân trong kiệt vì cống bị tắc.",
     "point": ("16.476800", "107.571500"), "photo": "", "supports": 2,
     "answer": "Đội thoát nước đã nạo vét đoạn cống trong kiệt.", "reopen": "Mưa hôm qua nước vẫn tràn vào nhà."},
]  # fmt: skip


def _demo_photo(kind: str, *, after: bool) -> bytes:
    """A drawn picture (no camera, no download): the problem before, and the same place after handling."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (40, 48, 70) if kind == "lamp" else (150, 190, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 280, 640, 400), fill=(90, 90, 95))  # the street
    if kind == "lamp":
        for x in (80, 240, 400, 560):
            draw.rectangle((x - 4, 120, x + 4, 280), fill=(160, 160, 160))
            glow = (255, 220, 90) if after else (70, 70, 70)
            draw.ellipse((x - 22, 96, x + 22, 132), fill=glow)
    elif kind == "waste":
        draw.rectangle((0, 230, 640, 280), fill=(90, 160, 80))  # the river bank
        if not after:
            for x, y in ((60, 240), (200, 250), (330, 235), (470, 255), (560, 238)):
                draw.ellipse((x, y, x + 70, y + 40), fill=(120, 90, 60))
                draw.rectangle((x + 20, y - 10, x + 45, y + 15), fill=(230, 230, 240))
    elif kind == "road":
        draw.line((0, 340, 640, 340), fill=(240, 240, 240), width=6)
        if not after:
            draw.ellipse((250, 300, 400, 360), fill=(50, 45, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@transaction.atomic
def demo_public_feedback_seed() -> list[Case]:
    """The public feed's demo reports (``PUBLIC``), answered and published by ``xuly``. Idempotent."""
    from decimal import Decimal

    from danvan.cases.services import feedback

    handler = User.objects.filter(username="xuly").first()
    head = User.objects.filter(username="chutich").first()
    if handler is None or head is None:
        return []
    cases = []
    for sample in PUBLIC:
        case = Case.objects.filter(channel=Channel.WEB, idempotency_key=sample["key"]).first()
        if case is None:
            lat, lng = sample["point"]
            files = [("truoc.jpg", _demo_photo(sample["photo"], after=False))] if sample["photo"] else []
            petition = Petition(content=sample["content"], title=sample["title"], track=Track.PAKN,
                                topic_code=sample["topic"], place_text="phuong phu xuan, hue",
                                latitude=Decimal(lat), longitude=Decimal(lng), name="Nguyễn Thị Lan",
                                phone="0935111222", consent=True, consent_text="Tôi đồng ý (dữ liệu demo).",
                                publish=True, share_photos=True, files=files)  # fmt: skip
            case = case_submit(actor=None, petition=petition, idempotency_key=sample["key"]).case
            handling.case_assign(case=case, actor=head, handler=handler)
            handling.case_register(case=case, actor=handler)
            for n in range(sample["supports"]):
                feedback.case_support(tracking_code=case.tracking_code,
                                      supporter=feedback.supporter_key(user_id=None, device=f"demo-{sample['key']}-{n}"))  # fmt: skip
            if sample["answer"]:
                after = [("sau.jpg", _demo_photo(sample["photo"], after=True))] if sample["photo"] else None
                handling.case_answer(case=case, actor=handler, answer_text=sample["answer"], after_photos=after)
                case = handling.case_publish(case=case, actor=handler, public_answer=sample["answer"])
            if sample.get("reopen"):
                case = feedback.case_reopen(case=case, actor=handler, note=sample["reopen"])
        cases.append(case)
    return cases
