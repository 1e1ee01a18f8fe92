from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Satisfaction: per-case ratings, SIPAS-style survey campaigns, and the indices built from them.

    Surveys sits beside cases in the layers contract and may not import it: a case reaches it only
    through the named event ``cases.case_answered`` (``core.events``), with plain facts (see docs/surveys.md).
    """

    name = "danvan.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction")

    def ready(self) -> None:
        from danvan.core import events
        from danvan.surveys import navigation, permissions
        from danvan.surveys.services.invitations import invitation_open_for_case

        permissions.register_survey_actions()
        navigation.register_navigation()
        events.subscribe("cases.case_answered", invitation_open_for_case)
