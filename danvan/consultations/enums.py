"""The named values of consultations (Luật Thực hiện dân chủ ở cơ sở Art. 25–27; spec §5.3). Pure: the
Django choices in ``choices`` are built from these."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Item(IntEnum):
    """Art. 25: what the commune must consult the people on (``gop_y_item``), and drafts of other bodies."""

    SOCIO_ECONOMIC_PLAN = 1  # kế hoạch phát triển KT-XH, chuyển dịch cơ cấu, tái định cư, phát triển thương mại
    LAND_USE = 2  # quy hoạch, kế hoạch sử dụng đất; quỹ đất của xã
    PROJECT_POLICIES = 3  # chủ trương đầu tư, đất đai, chất thải, môi trường, bồi thường, tái định cư
    ADMINISTRATIVE_UNITS = 4  # thành lập, nhập, chia, đặt tên, đổi tên đơn vị hành chính, thôn, tổ dân phố
    COMMUNITY_DECISION = 5  # dự thảo quyết định của UBND xã về môi trường, y tế, trật tự
    CONSTRUCTION_PLANNING = 6  # nhiệm vụ, đồ án quy hoạch xây dựng
    DEMOCRACY_REGULATION = 7  # dự thảo quy chế dân chủ, quy định ngành
    AFFECTING_CITIZENS = 8  # Art. 27: dự thảo quyết định đặt nghĩa vụ, chấm dứt hoặc hạn chế quyền của công dân
    OTHER = 9
    OTHER_DRAFT = 10  # not an Art. 25 item: a draft law, plan or policy of any body


class Audience(StrEnum):
    """Who may take part."""

    COMMUNE = "commune"  # everyone of one commune
    VILLAGES = "villages"  # the households of some villages / residential groups
    PROVINCE = "province"  # everyone of a province (a province's plan, a draft law)
    AFFECTED = "affected"  # Art. 27: the people a draft decision affects, told and heard one by one


class Verification(StrEnum):
    """What a participant must prove before their view counts."""

    OPEN = "open"  # no account: a device-bound participant (public consultations)
    RESIDENT = "resident"  # a signed-in citizen with a proved contact
    HOUSEHOLD = "household"  # a household representative, by a one-time code to the household's phone


class Status(StrEnum):
    DRAFT = "draft"  # being prepared; not public
    OPEN = "open"  # taking views from opens_on to closes_on
    CLOSED = "closed"  # no more views; being answered
    PUBLISHED = "published"  # the summary and the answers are public (Art. 11(11))
    WITHDRAWN = "withdrawn"  # stopped with a reason (never deleted)


class Channel(StrEnum):
    """Art. 26: the forms of consultation; a view keyed in from a channel keeps its source."""

    PLATFORM = "platform"  # this platform (the commune's portal)
    DIALOGUE = "dialogue"  # hội nghị đối thoại
    MEETING = "meeting"  # cuộc họp cộng đồng dân cư
    BALLOT = "ballot"  # phát phiếu lấy ý kiến hộ gia đình
    BOX_HOTLINE = "box_hotline"  # hòm thư góp ý, đường dây nóng
    FRONT = "front"  # qua MTTQ và các tổ chức chính trị – xã hội
    SOCIAL_NETWORK = "social_network"  # mạng xã hội hợp pháp
    TARGETED_DIALOGUE = "targeted_dialogue"  # đối thoại với người chịu tác động (Art. 27)


class Vote(IntEnum):
    """Pol.is's values: a statement is agreed with, disagreed with, or passed."""

    AGREE = 1
    PASS = 0
    DISAGREE = -1


class ParticipantKind(StrEnum):
    DEVICE = "device"  # a public consultation's participant without an account (a browser)
    RESIDENT = "resident"  # a signed-in citizen
    HOUSEHOLD = "household"  # a verified household representative
    KEYED = "keyed"  # a view keyed in from another channel (no identity)


class Moderation(StrEnum):
    PENDING = "pending"  # waiting for a moderator (consultations that check statements first)
    PUBLISHED = "published"
    HIDDEN = "hidden"  # hidden with a reason, kept
    MERGED = "merged"  # a duplicate, merged into another (its votes and supporters count there)


class Answer(StrEnum):
    """The authority's answer to a group of comments."""

    PENDING = "pending"
    ACCEPTED = "accepted"  # tiếp thu
    EXPLAINED = "explained"  # giải trình
    NOT_ACCEPTED = "not_accepted"  # không tiếp thu, with the reason


class SectionChange(StrEnum):
    """How a section of a new draft version differs from the one before."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
