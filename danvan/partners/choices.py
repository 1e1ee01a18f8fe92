"""Enumerations of the partners app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a partner's API key may do. Staff scopes act with the permissions of the key's account."""

    SUBMIT = "submit", _("Submit petitions")
    READ_OWN = "read_own", _("Read the petitions this partner submitted")
    STAFF_READ = "staff_read", _("Read cases as the key's staff account")
    STAFF_ACT = "staff_act", _("Act on cases as the key's staff account")
