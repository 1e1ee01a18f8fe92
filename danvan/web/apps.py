from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "danvan.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from danvan.web import navigation
        from danvan.web.middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="danvan.web.note_sign_in")
        navigation.register_navigation()
