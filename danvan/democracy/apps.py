from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    """Grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 2022): villages and households, the
    commune's disclosures (dân biết), community decisions with the law's thresholds (dân bàn và quyết
    định), the people's inspection and supervision boards (dân kiểm tra, giám sát), the yearly community
    conference, and a public page per commune. See docs/democracy.md.

    It sits beside reception above cases and surveys: a citizen's report to a board goes through cases'
    intake service."""

    name = "danvan.democracy"
    label = "democracy"
    verbose_name = _("Grassroots democracy")

    def ready(self) -> None:
        from danvan.democracy import navigation, permissions, sections

        permissions.register_democracy_actions()
        navigation.register_navigation()
        sections.register_sections()
