from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    """Working-day calendar and legal time limits.

    Deadlines sits beside org in the layers contract and may not import it. Its screens and services
    ask Django's ``user.has_perm("deadlines.…")``; org registers those names as actions and answers
    them from the roles through its authentication backend (see docs/deadlines.md, "Who may do what").
    """

    name = "danvan.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from danvan.deadlines import navigation

        navigation.register_navigation()
