"""Consultations' enumerations as Django choices: the values of ``enums`` with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations import enums


class Item(models.IntegerChoices):
    SOCIO_ECONOMIC_PLAN = 1, _("1. Socio-economic plans, restructuring, resettlement, trade development")
    LAND_USE = 2, _("2. Land-use plans and the commune's land funds")
    PROJECT_POLICIES = 3, _("3. Investment, land, environment and resettlement policies of projects")
    ADMINISTRATIVE_UNITS = 4, _("4. Creating, merging, splitting or naming administrative units and villages")
    COMMUNITY_DECISION = 5, _("5. Draft decisions of the commune affecting the community")
    CONSTRUCTION_PLANNING = 6, _("6. Construction and zoning plans")
    DEMOCRACY_REGULATION = 7, _("7. The grassroots democracy regulation and sector regulations")
    AFFECTING_CITIZENS = 8, _("8. Draft decisions that limit specific citizens' rights (Art. 27)")
    OTHER = 9, _("9. Other matters")
    OTHER_DRAFT = 10, _("A draft law, plan or policy of another body")


class Audience(models.TextChoices):
    COMMUNE = enums.Audience.COMMUNE.value, _("The people of a commune")
    VILLAGES = enums.Audience.VILLAGES.value, _("The households of some villages")
    PROVINCE = enums.Audience.PROVINCE.value, _("The people of a province")
    AFFECTED = enums.Audience.AFFECTED.value, _("The people the draft affects")


class Verification(models.TextChoices):
    OPEN = enums.Verification.OPEN.value, _("Anyone, no account needed")
    RESIDENT = enums.Verification.RESIDENT.value, _("Signed-in residents")
    HOUSEHOLD = enums.Verification.HOUSEHOLD.value, _("Verified households")


class Status(models.TextChoices):
    DRAFT = enums.Status.DRAFT.value, _("Being prepared")
    OPEN = enums.Status.OPEN.value, _("Open for views")
    CLOSED = enums.Status.CLOSED.value, _("Closed, being answered")
    PUBLISHED = enums.Status.PUBLISHED.value, _("Summary published")
    WITHDRAWN = enums.Status.WITHDRAWN.value, _("Withdrawn")


class Channel(models.TextChoices):
    PLATFORM = enums.Channel.PLATFORM.value, _("This platform")
    DIALOGUE = enums.Channel.DIALOGUE.value, _("Dialogue conference")
    MEETING = enums.Channel.MEETING.value, _("Community meeting")
    BALLOT = enums.Channel.BALLOT.value, _("Household ballot")
    BOX_HOTLINE = enums.Channel.BOX_HOTLINE.value, _("Suggestion box or hotline")
    FRONT = enums.Channel.FRONT.value, _("The Front and mass organisations")
    SOCIAL_NETWORK = enums.Channel.SOCIAL_NETWORK.value, _("Social networks")
    TARGETED_DIALOGUE = enums.Channel.TARGETED_DIALOGUE.value, _("Dialogue with the people affected")


class Vote(models.IntegerChoices):
    AGREE = 1, _("Agree")
    PASS = 0, _("Pass / unsure")
    DISAGREE = -1, _("Disagree")


class ParticipantKind(models.TextChoices):
    DEVICE = enums.ParticipantKind.DEVICE.value, _("Without an account")
    RESIDENT = enums.ParticipantKind.RESIDENT.value, _("Signed-in resident")
    HOUSEHOLD = enums.ParticipantKind.HOUSEHOLD.value, _("Verified household")
    KEYED = enums.ParticipantKind.KEYED.value, _("Keyed in from another channel")


class Moderation(models.TextChoices):
    PENDING = enums.Moderation.PENDING.value, _("Waiting for moderation")
    PUBLISHED = enums.Moderation.PUBLISHED.value, _("Published")
    HIDDEN = enums.Moderation.HIDDEN.value, _("Hidden")
    MERGED = enums.Moderation.MERGED.value, _("Merged into another")


class Answer(models.TextChoices):
    PENDING = enums.Answer.PENDING.value, _("Not answered yet")
    ACCEPTED = enums.Answer.ACCEPTED.value, _("Accepted")
    EXPLAINED = enums.Answer.EXPLAINED.value, _("Explained")
    NOT_ACCEPTED = enums.Answer.NOT_ACCEPTED.value, _("Not accepted")


class SectionChange(models.TextChoices):
    UNCHANGED = enums.SectionChange.UNCHANGED.value, _("Unchanged")
    CHANGED = enums.SectionChange.CHANGED.value, _("Changed")
    ADDED = enums.SectionChange.ADDED.value, _("Added")
    REMOVED = enums.SectionChange.REMOVED.value, _("Removed")
