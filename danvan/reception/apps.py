from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    """Reception and dialogue: heads receive citizens on their legal schedule, every visit is
    registered and followed to an answer, and dialogues end in commitments tracked in the open.

    It sits above cases and surveys in the layers contract: a visit that brings a petition creates the
    case through cases' intake service (docs/reception.md).
    """

    name = "danvan.reception"
    label = "reception"
    verbose_name = _("Reception and dialogue")

    def ready(self) -> None:
        from danvan.reception import navigation, permissions

        permissions.register_reception_actions()
        navigation.register_navigation()
