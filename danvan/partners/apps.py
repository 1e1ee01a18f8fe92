from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "danvan.partners"
    label = "partners"
    verbose_name = _("Partners and API keys")

    def ready(self) -> None:
        from danvan.partners import permissions

        permissions.register_partner_actions()
