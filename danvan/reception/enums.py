"""The named values of reception and dialogue (Luật Tiếp công dân 42/2013/QH13 as amended by Luật
136/2025/QH15; spec §3, §1.5, §5.3). Pure: the Django choices in ``choices`` are built from these.
"""

from __future__ import annotations

from enum import StrEnum


class HeadKind(StrEnum):
    """In which capacity a head must receive citizens (spec §3.1's rows)."""

    UBND_CHAIR = "ubnd_chair"  # Chủ tịch UBND
    AGENCY_HEAD = "agency_head"  # thủ trưởng cơ quan hành chính nhà nước khác (sở, ngành …)
    PARTY_SECRETARY = "party_secretary"  # Bí thư cấp ủy (Quy định 11-QĐi/TW; Kết luận 215)
    HDND_STANDING = "hdnd_standing"  # Thường trực HĐND
    SERVICE_UNIT_HEAD = "service_unit_head"  # người đứng đầu đơn vị sự nghiệp công lập (NĐ 154/2026)


class Level(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"  # before 1/7/2025 only
    COMMUNE = "commune"
    ANY = "any"


class Per(StrEnum):
    """The period a frequency is counted over."""

    WEEK = "week"
    MONTH = "month"


class SessionKind(StrEnum):
    REGULAR = "regular"  # định kỳ
    AD_HOC = "ad_hoc"  # đột xuất, Art. 18(3)


class Mode(StrEnum):
    DIRECT = "direct"  # trực tiếp
    ONLINE = "online"  # trực tuyến (R2026, NĐ 154/2026 Arts. 16–24)


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AdHocTrigger(StrEnum):
    """Art. 18(3): when a head must receive at once, outside the schedule."""

    ACUTE_COMPLEX_OR_MANY = "acute_complex_or_many"  # vụ việc gay gắt, phức tạp, nhiều người tham gia
    SEVERAL_BODIES = "several_bodies"  # liên quan trách nhiệm nhiều cơ quan, còn ý kiến khác nhau
    SERIOUS_HARM = "serious_harm"  # nếu không chỉ đạo kịp thời có thể gây thiệt hại nghiêm trọng


class BookingStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class Handling(StrEnum):
    """What happened at the counter (spec §3.2 "how it was received and handled")."""

    RECEIVED = "received"  # tiếp nhận: a petition was taken in (cases created)
    GUIDED = "guided"  # hướng dẫn: told where to go, nothing taken in
    TRANSFERRED = "transferred"  # chuyển đến cơ quan có thẩm quyền
    REFUSED = "refused"  # từ chối tiếp, Art. 9


class RefusalGround(StrEnum):
    """Luật Tiếp công dân Art. 9: the only grounds to refuse to receive a visitor."""

    INCAPACITY = "incapacity"  # say rượu, dùng chất kích thích, mất năng lực hành vi dân sự …
    THREATENING = "threatening"  # đe dọa, xúc phạm, vi phạm nội quy nơi tiếp công dân
    ALREADY_SETTLED = "already_settled"  # vụ việc đã giải quyết đúng, đã kiểm tra, rà soát, thông báo
    OTHER_BY_LAW = "other_by_law"  # trường hợp khác theo quy định của pháp luật


class Outcome(StrEnum):
    """Art. 28(1): the answer due within 10 working days of receipt."""

    ACCEPTED = "accepted"  # thụ lý
    MORE_TIME = "more_time"  # cần thêm thời gian để xem xét thụ lý
    REFUSED = "refused"  # không thụ lý, with its ground
    TRANSFERRED = "transferred"  # chuyển đơn đến cơ quan có thẩm quyền


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class DialogueStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CLOSED = "closed"  # every commitment settled
    CANCELLED = "cancelled"


class Convener(StrEnum):
    STATE = "state"  # người đứng đầu cơ quan nhà nước
    PARTY = "party"  # cấp ủy
    FRONT = "front"  # Mặt trận Tổ quốc (Luật THDCCS Art. 26)


class QuestionStage(StrEnum):
    BEFORE = "before"  # collected before the conference
    DURING = "during"  # asked at the conference


class CommitmentStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    NOT_KEPT = "not_kept"
    CANCELLED = "cancelled"
