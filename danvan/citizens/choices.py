"""Plain enums of citizens' sign-in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")


class VerifiedBy(models.TextChoices):
    CODE = "code", _("One-time code")
    IDENTITY_PROVIDER = "idp", _("Identity provider")
