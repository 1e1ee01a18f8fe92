from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitEra(models.TextChoices):
    """Which map a unit belongs to: the two-tier map in force since 1/7/2025, or the one before it."""

    CURRENT = "2025", _("Two-tier (from 1/7/2025)")
    LEGACY = "legacy", _("Before 1/7/2025")


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level (abolished 1/7/2025)")
    COMMUNE = "commune", _("Commune level")


class Sector(models.TextChoices):
    """Where a body stands in the political system."""

    PARTY = "party", _("Party")
    ELECTED = "elected", _("People's Council")
    STATE = "state", _("State administration")
    INSPECTION = "inspection", _("Inspection")
    FRONT = "front", _("Fatherland Front")
    MASS_ORG = "mass_org", _("Mass organization")
    SERVICE = "service", _("Public service and one-stop shop")
    COMMUNITY = "community", _("Village and residential group")
    OTHER = "other", _("Other")


class KindLevel(models.TextChoices):
    PROVINCE = "province", _("Province level")
    COMMUNE = "commune", _("Commune level")
    ANY = "any", _("Any level")


class Role(models.TextChoices):
    """What a person may do, always granted in an organization (optionally with its subtree)."""

    CITIZEN = "citizen", _("Citizen")
    HANDLER = "handler", _("Handler")
    HEAD = "head", _("Head of body")
    DAN_VAN_OFFICER = "dan_van_officer", _("Dân vận officer")
    FRONT_OFFICER = "front_officer", _("Front / mass-organization officer")
    INSPECTOR = "inspector", _("Inspector")
    OPERATOR = "operator", _("Operator")
    # The one-stop clerk (bộ phận tiếp nhận, "một cửa"): enters petitions at the counter, nothing else.
    COUNTER_CLERK = "counter_clerk", _("Counter clerk")
    # Cán bộ tiếp công dân: keeps the register and the schedule of a body's reception point.
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    # Trưởng thôn / Tổ trưởng tổ dân phố: granted in the village's body (democracy.Village.organization);
    # convenes the village's meetings and ballots and keeps its households (docs/democracy.md).
    VILLAGE_HEAD = "village_head", _("Village head")
