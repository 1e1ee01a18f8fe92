from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from danvan.cases import events, navigation, permissions
        from danvan.cases.models import Case
        from danvan.cases.services import notify
        from danvan.notifications import sealed

        del events  # imported for its definitions: the events other apps subscribe to by name

        permissions.register_case_actions()
        navigation.register_navigation()
        # A denouncer's contact is opened from the seal only when a message to it is sent.
        sealed.register(notify.ABOUT_CASE, notify.sealed_contact)
        # Notifications name their case by id (no foreign key): a deleted case takes its messages along.
        post_delete.connect(notify.case_notifications_forget, sender=Case, dispatch_uid="cases.notifications_forget")
