"""The participation part's demo rows (called by ``demo`` after the drafts part created the consultations):

* ``di-doi-cho-phu-xuan``: 25 statements seeded by the ward, 300 synthetic participants (device
  participants and, when the ward's households exist, some verified households) whose votes form three
  groups — traders who want to stay near the old site, residents worried about traffic, and those who
  accept the plan with support — and one statement everyone agrees with (fire safety at the temporary
  market); each participant answers about 40% of the statements (60% sparsity). Comments on the
  sections, some keyed in from a residential group's meeting, and a meeting's count on one statement.
* ``chinh-trang-via-he-phu-xuan``: about 40 comments for the answers part to group and answer.

Deterministic (``random.Random(19)``) and idempotent: a consultation that already has statements (or
comments) is left as it is. One row of each kind goes through the services; the rest is bulk-created
(demo rows, not behaviour).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model

from danvan.consultations.enums import Channel, Moderation, ParticipantKind
from danvan.consultations.models import Comment, Consultation, Participant, Statement, Vote
from danvan.consultations.permissions import KEY_IN, MODERATE
from danvan.consultations.selectors import participation as sel
from danvan.consultations.services import participation as svc
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.democracy.selectors import villages as democracy_villages
from danvan.org.permissions import user_may

MARKET = "di-doi-cho-phu-xuan"
PAVEMENTS = "chinh-trang-via-he-phu-xuan"
PARTICIPANTS = 300
# Each participant answers ~60% of the statements (40% missing), and each group holds its views firmly
# (``_firm``): with softer views and 60% missing, the map rightly finds no groups it can stand behind
# (separation 0.39–0.48, under the engine's 0.5), and the demo is there to show groups.
ANSWERED = 0.6


def _firm(agree: float) -> float:
    """A group's leaning made firm: likely (≥ 0.7) becomes 0.95, unlikely (≤ 0.4) 0.08, the rest kept."""
    return 0.95 if agree >= 0.7 else (0.08 if agree <= 0.4 else agree)


# (text, agree probability for traders, residents worried about traffic, those who accept with support)
STATEMENTS: list[tuple[str, tuple[float, float, float]]] = [
    ("Cần bảo đảm an toàn phòng cháy ở chợ tạm", (0.95, 0.95, 0.95)),  # the consensus
    ("Chợ tạm nên đặt gần vị trí chợ cũ để giữ khách quen", (0.95, 0.15, 0.35)),
    ("Tiểu thương buôn bán lâu năm phải được ưu tiên chọn sạp", (0.9, 0.3, 0.5)),
    ("Thời gian chợ tạm 18 tháng là quá dài", (0.85, 0.4, 0.15)),
    ("Mức hỗ trợ vận chuyển hiện nay chưa đủ", (0.9, 0.35, 0.6)),
    ("Không nên di dời khi chưa có mặt bằng chợ tạm đủ rộng", (0.9, 0.5, 0.2)),
    ("Cần miễn phí thuê sạp ít nhất 12 tháng thay vì 6 tháng", (0.95, 0.3, 0.55)),
    ("Đường Lê Lợi sẽ ùn tắc vào giờ cao điểm nếu đặt chợ tạm ở đó", (0.3, 0.95, 0.4)),
    ("Cần bố trí bãi giữ xe riêng cho người đi chợ", (0.5, 0.95, 0.7)),
    ("Xe tải nhập hàng chỉ được vào chợ trước 6 giờ sáng", (0.15, 0.9, 0.6)),
    ("Chợ tạm gây ồn và mất vệ sinh cho các hộ dân xung quanh", (0.1, 0.9, 0.35)),
    ("Cần phân luồng giao thông và cắm biển báo quanh chợ tạm", (0.45, 0.95, 0.8)),
    ("Nên giới hạn giờ họp chợ để giảm tiếng ồn buổi tối", (0.2, 0.85, 0.5)),
    ("Cần có người điều tiết giao thông vào sáng sớm", (0.4, 0.9, 0.7)),
    ("Phương án di dời là cần thiết để xây chợ mới khang trang", (0.25, 0.55, 0.95)),
    ("Tôi đồng ý di dời nếu có hỗ trợ đầy đủ cho tiểu thương", (0.45, 0.5, 0.95)),
    ("Cần công khai tiến độ xây chợ mới hằng tháng", (0.7, 0.7, 0.9)),
    ("Nên có quầy hướng dẫn khách tìm sạp ở chợ tạm", (0.6, 0.5, 0.85)),
    ("UBND phường cần đối thoại định kỳ với tiểu thương trong thời gian chợ tạm", (0.85, 0.4, 0.85)),
    ("Cần hỗ trợ vay vốn ưu đãi cho tiểu thương bị giảm thu nhập", (0.9, 0.3, 0.8)),
    ("Nên bố trí khu vực riêng cho hàng tươi sống để giữ vệ sinh", (0.5, 0.85, 0.8)),
    ("Việc xây chợ mới nên hoàn thành trước Tết", (0.7, 0.5, 0.85)),
    ("Chợ tạm cần mái che chống mưa nắng", (0.9, 0.6, 0.85)),
    ("Cần tổ chức bốc thăm sạp công khai, có đại diện tiểu thương giám sát", (0.9, 0.4, 0.85)),
    ("Nên lắp camera an ninh ở chợ tạm", (0.6, 0.8, 0.85)),
]

COMMENTS = [
    "Đề nghị cho tiểu thương bán hàng khô được xếp sạp gần cổng chính.",
    "Cần làm rõ ai chịu chi phí điện nước ở chợ tạm.",
    "Nên công bố sơ đồ chợ tạm trước khi bốc thăm.",
    "Đường vào chợ tạm hẹp, xe cứu hỏa khó vào, cần mở rộng lối đi.",
    "Hộ chúng tôi ở sát bãi đất, đề nghị có tường ngăn tiếng ồn.",
    "Thời gian hỗ trợ 6 tháng là quá ngắn so với 18 tháng di dời.",
    "Cần có nhà vệ sinh công cộng sạch sẽ trong chợ tạm.",
    "Đề nghị giữ nguyên số lượng sạp như chợ cũ.",
    "Nên có phương án cho người bán rong quanh chợ cũ.",
    "Đề nghị công khai dự toán xây chợ mới.",
]
PAVEMENT_COMMENTS = [
    "Vỉa hè đường Đinh Tiên Hoàng bị lấn chiếm để xe, đề nghị xử lý.",
    "Cần chừa lối đi cho người khuyết tật khi lát lại vỉa hè.",
    "Đề nghị trồng thêm cây xanh khi chỉnh trang vỉa hè.",
    "Hộ kinh doanh cần được hướng dẫn chỗ để xe cho khách.",
    "Gạch lát vỉa hè cũ còn tốt, không nên thay toàn bộ.",
    "Cần làm rõ thời gian thi công từng đoạn đường.",
    "Đề nghị hạ thấp bó vỉa ở lối vào nhà dân.",
    "Nên bố trí thùng rác công cộng dọc vỉa hè.",
]


def _actor(consultation: Consultation, action: str) -> Any:
    """An officer of the demo who may do ``action`` here (the consultation's author first)."""
    if consultation.created_by is not None and user_may(consultation.created_by, action, consultation):
        return consultation.created_by
    for user in get_user_model().objects.filter(is_active=True).order_by("pk")[:500]:
        if user_may(user, action, consultation):
            return user
    return None


def _market(consultation: Consultation, addr: str) -> list[str]:
    rng = random.Random(19)  # noqa: S311 - demo data, deterministic on purpose
    sections = [key for key, _heading in sel.sections(consultation)]
    moderator, clerk = _actor(consultation, MODERATE), _actor(consultation, KEY_IN)
    first_text, _probs = STATEMENTS[0]
    if moderator is not None:  # one through the service
        svc.statement_seed(actor=moderator, consultation=consultation, text=first_text,
                           section_key=sections[0] if sections else "")  # fmt: skip
    else:
        Statement.objects.create(consultation=consultation, text=first_text, status=Moderation.PUBLISHED)
    Statement.objects.bulk_create(
        Statement(consultation=consultation, text=text, status=Moderation.PUBLISHED, seeded_by=moderator,
                  section_key=sections[i % len(sections)] if sections and i % 3 else "")
        for i, (text, _p) in enumerate(STATEMENTS[1:], start=1)
    )  # fmt: skip
    statements = list(Statement.objects.filter(consultation=consultation).order_by("id"))
    probs = {s.pk: p for s, (_t, p) in zip(statements, STATEMENTS, strict=True)}
    # One participant and one vote through the services (a device), the rest in bulk.
    svc.vote_cast(consultation=consultation, who=svc.Who(device="demo-0"), statement_id=statements[0].pk, value=1)
    households = democracy_villages.households_in_commune(consultation.place_id, limit=60)
    rows = []
    for i in range(1, PARTICIPANTS):
        household = households[i - 1] if i - 1 < len(households) else None
        kind = ParticipantKind.HOUSEHOLD if household is not None else ParticipantKind.DEVICE
        ident = household.pk if household is not None else f"demo-{i}"
        village = household.village if household is not None else None
        rows.append(Participant(consultation=consultation, kind=kind, village=village,
                                key=sel.participant_key(consultation.pk, kind, ident)))  # fmt: skip
    Participant.objects.bulk_create(rows)
    participants = list(Participant.objects.filter(consultation=consultation).order_by("pk"))
    votes = []
    for index, participant in enumerate(participants):
        group = index % 3
        for statement in statements:
            if participant.pk == participants[0].pk and statement.pk == statements[0].pk:
                continue  # cast through the service above
            if rng.random() > ANSWERED:
                continue
            agree = _firm(probs[statement.pk][group])
            roll = rng.random()
            value = 1 if roll < agree * 0.92 else (0 if roll < agree * 0.92 + 0.08 else -1)
            votes.append(Vote(statement=statement, participant=participant, value=value))
    Vote.objects.bulk_create(votes, batch_size=2000)
    svc.statement_totals_refresh(consultation=consultation)  # the bulk rows bypassed the vote service
    today = clock.today()
    platform = [Comment(consultation=consultation, text=text, participant=participants[(i * 7) % len(participants)],
                        section_key=sections[i % len(sections)] if sections else "", channel=Channel.PLATFORM)
                for i, text in enumerate(COMMENTS)]  # fmt: skip
    Comment.objects.bulk_create(platform)
    svc.comment_add(consultation=consultation, who=svc.Who(device="demo-0"),
                    text="Đề nghị bố trí thêm lối thoát hiểm ở chợ tạm.",
                    section_key=sections[-1] if sections else "")  # fmt: skip
    if clerk is not None:
        meeting_day = max(consultation.opens_on, today - dt.timedelta(days=2))
        for text, supporters in (("Tổ dân phố đề nghị không họp chợ sau 19 giờ.", 48),
                                 ("Đề nghị phường bố trí người trực giao thông sáng sớm.", 35)):  # fmt: skip
            svc.comment_key_in(actor=clerk, consultation=consultation, text=text, channel=Channel.MEETING,
                               section_key=sections[0] if sections else "", supporters=supporters,
                               source_ref="Biên bản họp tổ dân phố 1 về phương án di dời chợ",
                               source_date=meeting_day)  # fmt: skip
        svc.tally_key_in(actor=clerk, statement=statements[0], channel=Channel.MEETING,
                         source_ref="Biên bản họp tổ dân phố 1 (biểu quyết giơ tay)", held_on=meeting_day,
                         agree=52, disagree=0, passed=3)  # fmt: skip
    return [
        f"Góp ý di dời chợ: {len(participants)} người tham gia, {len(statements)} ý kiến, {len(votes) + 1} phiếu "
        f"— biểu quyết trên điện thoại: http://{addr}/gop-y/{consultation.code}/bieu-quyet/",
        f"  Góp ý theo điều khoản: http://{addr}/gop-y/{consultation.code}/gop-y/",
    ]


def _pavements(consultation: Consultation, addr: str) -> list[str]:
    rng = random.Random(23)  # noqa: S311 - demo data, deterministic on purpose
    sections = [key for key, _heading in sel.sections(consultation)]
    clerk = _actor(consultation, KEY_IN)
    when = min(consultation.closes_on, clock.today())
    if clerk is not None:
        # Already answered and published: keyed views are no longer taken.
        with contextlib.suppress(DomainError):
            svc.comment_key_in(actor=clerk, consultation=consultation, text=PAVEMENT_COMMENTS[0],
                               channel=Channel.MEETING, source_ref="Biên bản họp tổ dân phố 2",
                               source_date=when, supporters=20)  # fmt: skip
    participants = [Participant(consultation=consultation, kind=ParticipantKind.DEVICE,
                                key=sel.participant_key(consultation.pk, ParticipantKind.DEVICE, f"demo-vh-{i}"))
                    for i in range(36)]  # fmt: skip
    Participant.objects.bulk_create(participants)
    participants = list(Participant.objects.filter(consultation=consultation).order_by("pk"))
    rows = []
    for i in range(40 - Comment.objects.filter(consultation=consultation).count()):
        text = PAVEMENT_COMMENTS[i % len(PAVEMENT_COMMENTS)]
        if i >= len(PAVEMENT_COMMENTS):
            text = f"{text} ({rng.choice(['Tổ dân phố 1', 'Tổ dân phố 2', 'đường Lê Lợi', 'đường Hùng Vương'])})"
        rows.append(Comment(consultation=consultation, text=text, participant=participants[i % len(participants)],
                            section_key=sections[i % len(sections)] if sections else "", channel=Channel.PLATFORM))  # fmt: skip
    Comment.objects.bulk_create(rows)
    count = Comment.objects.filter(consultation=consultation).count()
    return [
        f"Góp ý chỉnh trang vỉa hè: {count} ý kiến để tổng hợp, giải trình: http://{addr}/gop-y/{consultation.code}/"
    ]


def seed(addr: str) -> list[str]:
    """The participation rows of the two demo consultations (nothing when they are missing or seeded)."""
    lines: list[str] = []
    market = Consultation.objects.filter(code=MARKET).first()
    if market is not None and not Statement.objects.filter(consultation=market).exists():
        lines += _market(market, addr)
    pavements = Consultation.objects.filter(code=PAVEMENTS).first()
    if pavements is not None and not Comment.objects.filter(consultation=pavements).exists():
        lines += _pavements(pavements, addr)
    return lines
