"""The named values of grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, NĐ 59/2023,
NĐ 61/2023; spec §5). Pure: the Django choices in ``choices`` are built from these.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class VillageKind(StrEnum):
    THON = "thon"  # thôn, bản, ấp … in a commune
    TO_DAN_PHO = "to_dan_pho"  # tổ dân phố in a ward


class DisclosureItem(IntEnum):
    """Art. 11: the 14 things the commune must make public (spec §5.1)."""

    SOCIO_ECONOMIC_PLAN = 1
    BUDGET = 2
    INVESTMENT_LAND = 3
    DEMOCRACY_REGULATION = 4  # posted permanently (Art. 13)
    FUNDS_CONTRIBUTIONS = 5
    PUBLIC_ASSETS = 6
    SUPPORT_POLICIES = 7
    RELIEF = 8
    MILITARY_SERVICE = 9
    INSPECTION_RESULTS = 10
    CONSULTATIONS = 11  # Art. 25 consultations: plan, content, summary and responses
    FEES = 12
    PROCEDURES = 13  # posted permanently (Art. 13)
    OTHER = 14


class Channel(StrEnum):
    """Art. 12(1): the forms of publication."""

    POSTING = "posting"  # niêm yết tại trụ sở HĐND, UBND xã và nhà văn hóa thôn, tổ dân phố
    PORTAL = "portal"  # cổng/trang thông tin điện tử của xã
    LOUDSPEAKER = "loudspeaker"  # hệ thống truyền thanh cấp xã
    VILLAGE_HEADS = "village_heads"  # thông qua trưởng thôn, tổ trưởng tổ dân phố
    LETTER = "letter"  # gửi văn bản
    DIALOGUE = "dialogue"  # hội nghị đối thoại UBND – Nhân dân
    RECEPTION = "reception"  # tiếp công dân, họp báo, người phát ngôn
    MASS_ORGS = "mass_orgs"  # thông qua tổ chức chính trị – xã hội
    NETWORK = "network"  # mạng viễn thông, mạng xã hội hợp pháp
    OTHER = "other"


class DisclosureStatus(StrEnum):
    DRAFT = "draft"  # recorded, not yet published on any channel
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"  # taken down with a reason (never deleted)


class DecisionItem(IntEnum):
    """Art. 15: what the community discusses and decides (spec §5.2)."""

    INFRASTRUCTURE_CONTRIBUTION = 1
    CONTRIBUTIONS_ASSETS = 2
    HUONG_UOC = 3  # hương ước, quy ước
    VILLAGE_HEAD = 4  # bầu, miễn nhiệm, bãi nhiệm trưởng thôn / tổ trưởng tổ dân phố
    BOARD_MEMBERS = 5  # bầu, miễn nhiệm, bãi nhiệm thành viên Ban TTND, Ban GSĐTCĐ
    SELF_MANAGEMENT = 6  # công việc tự quản khác


class Scope(StrEnum):
    VILLAGE = "village"  # thôn / tổ dân phố: households decide
    COMMUNE = "commune"  # whole commune: villages decide (items 1–2)


class Proposer(StrEnum):
    """Art. 16: who brings a matter to the community."""

    CHAIR = "chair"  # Chủ tịch UBND xã, after agreeing with the Chủ tịch Ủy ban MTTQ xã
    VILLAGE_HEAD = "village_head"  # after agreeing with the village Front work committee
    INITIATIVE = "initiative"  # citizens: ≥ 10 % of the village's households agree
    FRONT_ENDORSED = "front_endorsed"  # an initiative under 10 % the Front committee still takes up


class Form(StrEnum):
    """Art. 17: how the community decides."""

    MEETING = "meeting"  # hội nghị (họp) cộng đồng dân cư
    BALLOT = "ballot"  # phát phiếu lấy ý kiến hộ gia đình
    ONLINE = "online"  # biểu quyết trực tuyến (item 6 only)


class MatterStatus(StrEnum):
    PROPOSED = "proposed"  # initiative collecting agreements, or waiting to be put
    OPEN = "open"  # a meeting, ballot or online vote is under way
    PASSED = "passed"  # the community agreed (decision record to write and send)
    FAILED = "failed"  # the threshold was not reached by any allowed form
    SENT = "sent"  # the decision record went to UBND xã and Ủy ban MTTQ xã
    RECOGNISED = "recognised"  # UBND xã (items 3, 4) or Ủy ban MTTQ xã (item 5) recognised it
    REFUSED = "refused"  # recognition refused with reasons
    IN_FORCE = "in_force"
    WITHDRAWN = "withdrawn"


class VoteChoice(StrEnum):
    YES = "yes"
    NO = "no"
    BLANK = "blank"  # a ballot returned without a choice; counts as not agreeing


class VoteMethod(StrEnum):
    """Art. 18: how a meeting votes."""

    HANDS = "hands"  # giơ tay
    SECRET_BALLOT = "secret_ballot"  # noqa: S105 — bỏ phiếu kín: needs a counting board of 3–5


class VoteRoundStatus(StrEnum):
    ANNOUNCED = "announced"  # content, timing and team made public (ballots: ≥ 2 days before)
    CONSENT = "consent"  # online: households asked whether to vote online (> 50 % must agree)
    OPEN = "open"
    CLOSED = "closed"  # counted
    CANCELLED = "cancelled"


class BoardKind(StrEnum):
    TTND = "ttnd"  # Ban Thanh tra nhân dân (Arts. 36–39)
    GSDTCD = "gsdtcd"  # Ban Giám sát đầu tư của cộng đồng (Arts. 41–44)


class MemberRole(StrEnum):
    HEAD = "head"  # Trưởng ban
    DEPUTY = "deputy"  # Phó Trưởng ban
    MEMBER = "member"  # Ủy viên


class MemberEnd(StrEnum):
    TERM_ENDED = "term_ended"
    RESIGNED = "resigned"
    DISMISSED = "dismissed"  # miễn nhiệm, bãi nhiệm
    MOVED_AWAY = "moved_away"  # no longer a permanent resident
    INELIGIBLE = "ineligible"  # became commune staff, village official or conflicted
    DIED = "died"


class PlanPeriod(StrEnum):
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


class RecommendationStatus(StrEnum):
    SENT = "sent"  # waiting for the body's answer
    ANSWERED = "answered"
    ESCALATED = "escalated"  # overdue and raised to the body above / the Front
    CLOSED = "closed"  # the board is satisfied (or withdrew it)


class ExecutionStatus(StrEnum):
    """The state of a decided item reported to the yearly community conference (Art. 33)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    STALLED = "stalled"
