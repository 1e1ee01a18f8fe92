"""A citizen's proved contacts and the one-time codes that prove them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.citizens.choices import ContactKind, VerifiedBy
from danvan.core import clock


class VerifiedContact(models.Model):
    """A phone number (E.164) or email address (lower case) an account has proved it holds, by a code
    sent to it or by an identity provider's claim. One account per contact: signing in by code to a
    contact already proved signs into that account; a contact never joins an account by simply being
    the same text as an account's email (an officer's account is never reached this way)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verified_contacts")
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    value = models.CharField(_("contact"), max_length=254)
    verified_by = models.CharField(_("verified by"), max_length=10, choices=VerifiedBy.choices)
    verified_at = models.DateTimeField(_("verified at"), default=clock.now)

    class Meta:
        verbose_name = _("verified contact")
        verbose_name_plural = _("verified contacts")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="citizens_contact_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.user_id}"


class IdentityLink(models.Model):
    """An account's subject at an identity provider (``sub``), and the keyed digest of the citizen ID
    number (CCCD) it vouched for: never the number itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_links")
    provider = models.CharField(max_length=40)
    subject = models.CharField(max_length=255)
    id_number_digest = models.CharField(max_length=64, blank=True)
    linked_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("identity provider link")
        verbose_name_plural = _("identity provider links")
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="citizens_identity_unique")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.user_id}"


class SignInCode(models.Model):
    """One one-time code sent to a contact. Only keyed digests are kept: of the contact (so a table
    read says nothing of who asked) and of the code (so a table read cannot sign anyone in)."""

    contact_digest = models.CharField(max_length=64, db_index=True)
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"code {self.pk}"
