from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.democracy import choices


class Village(TimeStampedModel):
    """A thôn or tổ dân phố of a current commune. The national unit lists stop at the commune, so an
    operator imports these (``services.villages``). Each village has its own body in the organization
    tree (kind ``thon`` / ``to_dan_pho`` under the commune's People's Committee): the village head's
    role is granted there, and permissions follow the tree."""

    commune = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.OneToOneField(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=choices.VillageKind.choices)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("village or residential group")
        verbose_name_plural = _("villages and residential groups")
        ordering = ["commune_id", "code"]
        constraints = [models.UniqueConstraint(fields=["commune", "code"], name="democracy_village_code_unique")]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Any:
        return self.organization


class Household(TimeStampedModel):
    """A household of a village: only what the law's counts and notices need — its code, the
    representative (an adult who votes for it) and how to reach them, and the member count."""

    village = models.ForeignKey(Village, verbose_name=_("village"), on_delete=models.PROTECT, related_name="households")
    code = models.CharField(_("household code"), max_length=40)
    representative_name = models.CharField(_("representative"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    members = models.PositiveSmallIntegerField(_("members"), default=1)
    is_active = models.BooleanField(_("counted"), default=True)  # moved away or merged: no longer counted

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["village_id", "code"]
        constraints = [models.UniqueConstraint(fields=["village", "code"], name="democracy_household_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} — {self.village}"

    def permission_organization(self) -> Any:
        return self.village.organization
