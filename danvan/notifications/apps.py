from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: messages to a person in the app, by email and by SMS, and their delivery.

    A foundation under the capabilities: it knows no case. A capability decides which of its moments
    sends which message and with what words, then calls ``services.notification_send``, naming what
    the message is about by a kind ("cases.case") and an id.
    """

    name = "danvan.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from danvan.notifications import navigation

        navigation.register_navigation()
