from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    """Citizens' ways in without a password: a one-time code to a phone or email, or an identity
    provider (VNeID-style OpenID Connect); the contacts each account has proved it holds."""

    name = "danvan.citizens"
    label = "citizens"
    verbose_name = _("Citizens' sign-in")
