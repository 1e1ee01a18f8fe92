"""API keys issued to partner organizations, and the cases each key submitted."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.partners.choices import Scope


class ApiKey(TimeStampedModel):
    """A partner's credential for the REST API and Open311.

    The key is ``dvs_<prefix>_<secret>``; only the SHA-256 of the secret is stored, so the key is
    shown once, when it is issued. ``user`` is the staff account whose permissions the staff
    scopes act with (``staff_read``, ``staff_act``); a key without it can only submit and read its own.
    """

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("partner organization"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(_("digest of the secret"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acts as"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    rate_limit_per_minute = models.PositiveIntegerField(_("requests per minute"), default=60)
    # A partner that asks the petitioner's consent itself (its own app or counter), under a written
    # agreement with the operator, sends no per-request consent attribute: the agreement is the record.
    consent_agreement = models.CharField(
        _("consent collected under agreement"), max_length=200, blank=True,
        help_text=_("Fill in only if the partner asks every petitioner's consent itself under a written agreement "
                    "(its number and date); its requests then need no consent attribute."),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (dvs_{self.prefix}_…)"

    def permission_organization(self) -> Any:
        return self.organization

    def has_scope(self, scope: Scope | str) -> bool:
        return str(scope) in self.scopes

    @property
    def collects_consent(self) -> bool:
        return bool(self.consent_agreement.strip())

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > clock.now())


class ApiKeySubmission(models.Model):
    """A case a key submitted: what the ``read_own`` scope lets the partner read back."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="submissions")
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("submission through an API key")
        verbose_name_plural = _("submissions through API keys")

    def __str__(self) -> str:
        return f"{self.api_key_id} → {self.case_id}"
