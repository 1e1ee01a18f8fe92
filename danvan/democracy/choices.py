"""Grassroots democracy's enumerations as Django choices: the values of ``enums`` with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.democracy import enums


class VillageKind(models.TextChoices):
    THON = enums.VillageKind.THON.value, _("Village (thôn)")
    TO_DAN_PHO = enums.VillageKind.TO_DAN_PHO.value, _("Residential group (tổ dân phố)")


class DisclosureItem(models.IntegerChoices):
    SOCIO_ECONOMIC_PLAN = 1, _("1. Socio-economic plan and its results")
    BUDGET = 2, _("2. Budget estimates, execution and final accounts")
    INVESTMENT_LAND = 3, _("3. Investment projects, land recovery, compensation and planning")
    DEMOCRACY_REGULATION = 4, _("4. Grassroots democracy regulation and duties of officials")
    FUNDS_CONTRIBUTIONS = 5, _("5. Funds, programmes, sponsorships and people's contributions")
    PUBLIC_ASSETS = 6, _("6. Investment, procurement and use of public assets")
    SUPPORT_POLICIES = 7, _("7. Support policies: criteria, beneficiaries and results")
    RELIEF = 8, _("8. Relief after disasters, epidemics or illness; donations")
    MILITARY_SERVICE = 9, _("9. Military and police service: quotas and lists")
    INSPECTION_RESULTS = 10, _("10. Inspection results, discipline and confidence votes")
    CONSULTATIONS = 11, _("11. Consultations: plans, content, summaries and responses")
    FEES = 12, _("12. Fees, charges and other obligations")
    PROCEDURES = 13, _("13. Administrative procedures of the commune")
    OTHER = 14, _("14. Other matters required by law or the commune's regulation")


class Channel(models.TextChoices):
    POSTING = enums.Channel.POSTING.value, _("Posting at the offices and village halls")
    PORTAL = enums.Channel.PORTAL.value, _("The commune's web portal")
    LOUDSPEAKER = enums.Channel.LOUDSPEAKER.value, _("Commune loudspeakers")
    VILLAGE_HEADS = enums.Channel.VILLAGE_HEADS.value, _("Through the village heads")
    LETTER = enums.Channel.LETTER.value, _("Letters")
    DIALOGUE = enums.Channel.DIALOGUE.value, _("Dialogue conference")
    RECEPTION = enums.Channel.RECEPTION.value, _("Citizen reception, press, spokesperson")
    MASS_ORGS = enums.Channel.MASS_ORGS.value, _("Mass organisations")
    NETWORK = enums.Channel.NETWORK.value, _("Telecom and social networks")
    OTHER = enums.Channel.OTHER.value, _("Other")


class DisclosureStatus(models.TextChoices):
    DRAFT = enums.DisclosureStatus.DRAFT.value, _("Draft")
    PUBLISHED = enums.DisclosureStatus.PUBLISHED.value, _("Published")
    WITHDRAWN = enums.DisclosureStatus.WITHDRAWN.value, _("Withdrawn")


class DecisionItem(models.IntegerChoices):
    INFRASTRUCTURE_CONTRIBUTION = 1, _("1. Contributions to local infrastructure and public works")
    CONTRIBUTIONS_ASSETS = 2, _("2. People's contributions and community assets")
    HUONG_UOC = 3, _("3. Village convention (hương ước, quy ước)")
    VILLAGE_HEAD = 4, _("4. Electing or dismissing the village head")
    BOARD_MEMBERS = 5, _("5. Electing or dismissing members of the inspection and supervision boards")
    SELF_MANAGEMENT = 6, _("6. Other self-management matters")


class Scope(models.TextChoices):
    VILLAGE = enums.Scope.VILLAGE.value, _("Village or residential group")
    COMMUNE = enums.Scope.COMMUNE.value, _("Whole commune")


class Proposer(models.TextChoices):
    CHAIR = enums.Proposer.CHAIR.value, _("Commune chair, with the Front's agreement")
    VILLAGE_HEAD = enums.Proposer.VILLAGE_HEAD.value, _("Village head, with the Front work committee")
    INITIATIVE = enums.Proposer.INITIATIVE.value, _("Citizens' initiative (at least 10% of households)")
    FRONT_ENDORSED = enums.Proposer.FRONT_ENDORSED.value, _("Citizens' initiative taken up by the Front")


class Form(models.TextChoices):
    MEETING = enums.Form.MEETING.value, _("Community meeting")
    BALLOT = enums.Form.BALLOT.value, _("Household ballot")
    ONLINE = enums.Form.ONLINE.value, _("Online vote")


class MatterStatus(models.TextChoices):
    PROPOSED = enums.MatterStatus.PROPOSED.value, _("Proposed")
    OPEN = enums.MatterStatus.OPEN.value, _("Being decided")
    PASSED = enums.MatterStatus.PASSED.value, _("Passed")
    FAILED = enums.MatterStatus.FAILED.value, _("Not passed")
    SENT = enums.MatterStatus.SENT.value, _("Record sent")
    RECOGNISED = enums.MatterStatus.RECOGNISED.value, _("Recognised")
    REFUSED = enums.MatterStatus.REFUSED.value, _("Recognition refused")
    IN_FORCE = enums.MatterStatus.IN_FORCE.value, _("In force")
    WITHDRAWN = enums.MatterStatus.WITHDRAWN.value, _("Withdrawn")


class VoteChoice(models.TextChoices):
    YES = enums.VoteChoice.YES.value, _("Agree")
    NO = enums.VoteChoice.NO.value, _("Disagree")
    BLANK = enums.VoteChoice.BLANK.value, _("No choice")


class VoteMethod(models.TextChoices):
    HANDS = enums.VoteMethod.HANDS.value, _("Show of hands")
    SECRET_BALLOT = enums.VoteMethod.SECRET_BALLOT.value, _("Secret ballot")


class VoteRoundStatus(models.TextChoices):
    ANNOUNCED = enums.VoteRoundStatus.ANNOUNCED.value, _("Announced")
    CONSENT = enums.VoteRoundStatus.CONSENT.value, _("Asking consent to vote online")
    OPEN = enums.VoteRoundStatus.OPEN.value, _("Open")
    CLOSED = enums.VoteRoundStatus.CLOSED.value, _("Votes counted")
    CANCELLED = enums.VoteRoundStatus.CANCELLED.value, _("Cancelled")


class BoardKind(models.TextChoices):
    TTND = enums.BoardKind.TTND.value, _("People's Inspection Board (Ban Thanh tra nhân dân)")
    GSDTCD = (
        enums.BoardKind.GSDTCD.value,
        _("Community Investment Supervision Board (Ban Giám sát đầu tư của cộng đồng)"),
    )


class MemberRole(models.TextChoices):
    HEAD = enums.MemberRole.HEAD.value, _("Head of the board")
    DEPUTY = enums.MemberRole.DEPUTY.value, _("Deputy head")
    MEMBER = enums.MemberRole.MEMBER.value, _("Member")


class MemberEnd(models.TextChoices):
    TERM_ENDED = enums.MemberEnd.TERM_ENDED.value, _("Term ended")
    RESIGNED = enums.MemberEnd.RESIGNED.value, _("Resigned")
    DISMISSED = enums.MemberEnd.DISMISSED.value, _("Dismissed")
    MOVED_AWAY = enums.MemberEnd.MOVED_AWAY.value, _("Moved away")
    INELIGIBLE = enums.MemberEnd.INELIGIBLE.value, _("No longer eligible")
    DIED = enums.MemberEnd.DIED.value, _("Died")


class PlanPeriod(models.TextChoices):
    QUARTER = enums.PlanPeriod.QUARTER.value, _("Quarter")
    HALF = enums.PlanPeriod.HALF.value, _("Half year")
    YEAR = enums.PlanPeriod.YEAR.value, _("Year")


class RecommendationStatus(models.TextChoices):
    SENT = enums.RecommendationStatus.SENT.value, _("Waiting for an answer")
    ANSWERED = enums.RecommendationStatus.ANSWERED.value, _("Answered")
    ESCALATED = enums.RecommendationStatus.ESCALATED.value, _("Escalated")
    CLOSED = enums.RecommendationStatus.CLOSED.value, _("Closed")


class ExecutionStatus(models.TextChoices):
    NOT_STARTED = enums.ExecutionStatus.NOT_STARTED.value, _("Not started")
    IN_PROGRESS = enums.ExecutionStatus.IN_PROGRESS.value, _("In progress")
    DONE = enums.ExecutionStatus.DONE.value, _("Done")
    STALLED = enums.ExecutionStatus.STALLED.value, _("Stalled")
