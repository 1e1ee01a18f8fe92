from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from danvan.cases import navigation, permissions

        permissions.register_case_actions()
        navigation.register_navigation()
