"""Administrative units, bodies of the political system, the people who work in them and their roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.org.choices import KindLevel, Role, Sector, UnitEra, UnitLevel

# Nghị quyết 202/2025/QH15 and the provincial resolutions: the two-tier map took effect on this day.
TWO_TIER_EFFECTIVE_ON = dt.date(2025, 7, 1)


class User(AbstractUser):
    """A person who signs in: a citizen with an account, or an officer.

    Officers' positions and roles hang off this account (``Position``, ``RoleAssignment``); the
    account itself carries no authority.
    """

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Who opened the account in the admin: an operator manages the accounts he created before they
    # hold any role (org.permissions.manageable_users_filter), and no one else's roleless account.
    created_by = models.ForeignKey(
        "self", verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )  # fmt: skip

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()


class AdministrativeUnit(models.Model):
    """A province, a (pre-2025) district or a commune-level unit, with its GSO code.

    Codes are unique only within one era and level: old ward 4 (Phường Trúc Bạch) and current
    ward 4 (Phường Ba Đình) are different places. Loaded from the ``vietnam-provinces`` package by
    ``danvan load-units``, never typed by hand.
    """

    era = models.CharField(_("era"), max_length=10, choices=UnitEra.choices)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    code = models.PositiveIntegerField(_("GSO code"))
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=120)
    division_type = models.CharField(_("division type"), max_length=40)
    codename = models.CharField(_("code name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        "self", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_name = models.CharField(_("search key"), max_length=120, db_index=True, editable=False)
    # No package carries the official list of "vùng sâu, vùng xa" communes (legal-spec §0.4, §12.3):
    # an operator sets it, and complaint deadlines read it.
    is_remote_area = models.BooleanField(_("remote area (vùng sâu, vùng xa)"), default=False)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["era", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["era", "level", "code"], name="org_unit_unique_code_per_era_level"),
            models.CheckConstraint(
                condition=~Q(era=UnitEra.CURRENT, level=UnitLevel.DISTRICT),
                name="org_unit_no_current_district",
            ),
        ]
        indexes = [models.Index(fields=["era", "level", "search_name"])]

    def __str__(self) -> str:
        if self.province_id and self.province_id != self.pk and self.province is not None:
            return f"{self.name}, {self.province.name}"
        return self.name

    @property
    def is_current(self) -> bool:
        return self.era == UnitEra.CURRENT

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class UnitSuccession(models.Model):
    """An old unit and a current unit that took over all or part of it on 1/7/2025.

    One old ward may be split among several current units (``is_partial``); one current unit
    usually gathers several old ones.
    """

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("old unit"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("current unit"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    is_partial = models.BooleanField(_("only part of the old unit"), default=False)
    effective_on = models.DateField(_("effective on"), default=TWO_TIER_EFFECTIVE_ON)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="org_succession_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitPlace(models.Model):
    """Where a current unit lies: a representative point, and its boundary once an operator loads one.

    The points ship with the project (``org/data/commune_centres_2025.csv``, see its README); the
    boundaries do not. ``org.geo`` answers "which commune is this point in" from them: by the
    boundary when there is one (exact), else by the nearest centre (an estimate the person checks).
    """

    unit = models.OneToOneField(
        AdministrativeUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="place",
        limit_choices_to={"era": UnitEra.CURRENT},
    )  # fmt: skip
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=2, null=True, blank=True)
    point_source = models.CharField(_("source of the point"), max_length=200, blank=True)
    # GeoJSON Polygon or MultiPolygon, [longitude, latitude] in WGS 84; its bounding box below lets the
    # database keep only the few boundaries that may hold a point.
    boundary = models.JSONField(_("boundary"), null=True, blank=True)
    boundary_source = models.CharField(_("source of the boundary"), max_length=200, blank=True)
    min_latitude = models.FloatField(null=True, blank=True, editable=False)
    min_longitude = models.FloatField(null=True, blank=True, editable=False)
    max_latitude = models.FloatField(null=True, blank=True, editable=False)
    max_longitude = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("place of a unit")
        verbose_name_plural = _("places of units")
        indexes = [models.Index(fields=["latitude", "longitude"], name="org_unitplace_point")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.latitude}, {self.longitude}"


class OrganizationKind(TimeStampedModel):
    """A kind of body (Đảng ủy xã, UBND, Ủy ban MTTQ, Hội LHPN, tổ dân phố …).

    Data, not code: the 2025 reorganisation merged and renamed many bodies (Ban Tuyên giáo và Dân
    vận, Sở Nông nghiệp và Môi trường …), and operators keep this list up to date in the admin.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    level = models.CharField(_("level"), max_length=10, choices=KindLevel.choices, default=KindLevel.ANY)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    class Meta:
        verbose_name = _("kind of body")
        verbose_name_plural = _("kinds of body")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language (Vietnamese unless English is active and set)."""
        from django.utils.translation import get_language

        return self.name_en if self.name_en and (get_language() or "vi").startswith("en") else self.name


class Organization(TimeStampedModel):
    """A body of the political system, sitting in one administrative unit, in a tree of bodies.

    ``path`` is a materialised path of primary keys ("/12/40/57/") so that "this body and all under
    it" is one indexed prefix query; ``org.services`` keeps it right when bodies move.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.ForeignKey(OrganizationKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="organizations",
        limit_choices_to={"era": UnitEra.CURRENT},
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_name = models.CharField(_("search key"), max_length=255, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Organization:
        return self

    def is_within(self, other: Organization) -> bool:
        """True when this body is ``other`` or lies anywhere under it."""
        return bool(other.path) and self.path.startswith(other.path)


class Position(TimeStampedModel):
    """An officer's post in a body (Chủ tịch UBND, cán bộ tiếp dân …), for a period."""

    person = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization, verbose_name=_("body"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=200)
    is_head = models.BooleanField(_("head of the body"), default=False)
    start_on = models.DateField(_("start on"), null=True, blank=True)
    end_on = models.DateField(_("end on"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["organization__path", "-is_head", "title"]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}, {self.organization}"


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active_on(self, day: dt.date) -> RoleAssignmentQuerySet:
        return self.filter(Q(start_on__isnull=True) | Q(start_on__lte=day)).filter(
            Q(end_on__isnull=True) | Q(end_on__gte=day)
        )


class RoleAssignment(TimeStampedModel):
    """A role held in a body, and with ``include_subtree`` in every body under it too.

    This is the only source of authority in Dân Vận Số: ``org.permissions`` reads it to answer
    "may this user do this action on this object".
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("body"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    include_subtree = models.BooleanField(_("also every body under it"), default=False)
    start_on = models.DateField(_("start on"), null=True, blank=True)
    end_on = models.DateField(_("end on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organization"], name="org_role_unique_per_body"),
        ]

    def __str__(self) -> str:
        scope = _(" and below") if self.include_subtree else ""
        return f"{self.user} — {self.get_role_display()} @ {self.organization}{scope}"

    def covers(self, organization: Organization) -> bool:
        if organization.pk == self.organization_id:
            return True
        return self.include_subtree and organization.is_within(self.organization)

    def as_dict(self) -> dict[str, Any]:
        return {
            "user": self.user_id,
            "role": self.role,
            "organization": self.organization_id,
            "include_subtree": self.include_subtree,
            "start_on": self.start_on,
            "end_on": self.end_on,
        }


class GrantStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RoleGrantRequest(TimeStampedModel):
    """A grant of a sensitive role (one that may open a denouncer's identity), waiting for a second
    person's approval. Until then the role is not in force: no ``RoleAssignment`` exists."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organization = models.ForeignKey(Organization, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+")
    include_subtree = models.BooleanField(_("also every body under it"), default=False)
    start_on = models.DateField(_("start on"), null=True, blank=True)
    end_on = models.DateField(_("end on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=GrantStatus.choices, default=GrantStatus.PENDING)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("role grant waiting for approval")
        verbose_name_plural = _("role grants waiting for approval")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        scope = _(" and below") if self.include_subtree else ""
        return f"{self.user} — {self.get_role_display()} @ {self.organization}{scope}"

    def permission_organization(self) -> Organization:
        return self.organization
