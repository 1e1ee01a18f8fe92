from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Satisfaction: per-case ratings, SIPAS-style survey campaigns, and the indices built from them.

    Surveys sits beside cases in the layers contract and may not import it: a case reaches it only
    through the ``core.signals.case_answered`` signal, with plain facts (see docs/surveys.md).
    """

    name = "danvan.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction")

    def ready(self) -> None:
        from danvan.core.signals import case_answered
        from danvan.surveys import navigation, permissions
        from danvan.surveys.services.invitations import invitation_open_for_case

        permissions.register_survey_actions()
        navigation.register_navigation()
        case_answered.connect(invitation_open_for_case, dispatch_uid="surveys.invitation_open_for_case")
