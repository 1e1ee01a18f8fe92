from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "danvan.org"
    label = "org"
    verbose_name = _("Units and organizations")

    def ready(self) -> None:
        from danvan.org import navigation, permissions

        permissions.register_org_actions()
        navigation.register_navigation()
