from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """The shared interface foundation: the base page, form rendering, paging, downloads, charts and
    the registries through which each capability contributes its menu entries and home-page cards.

    It sits just above ``core`` in the layers contract and knows no capability: entries carry their
    own visibility test, so the page shell never lists the apps (docs/decisions/0004-capability-layout.md).
    """

    name = "danvan.ui"
    label = "ui"
    verbose_name = _("Interface")
