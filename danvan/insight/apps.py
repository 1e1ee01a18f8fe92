from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    """Insight (nắm tình hình dư luận nhân dân): what people write, read by models learned from the
    deployment's own handled cases — routing suggestions, the same matter sent many times, places, topics
    and tone, hotspots and early warnings, the weekly digest. See docs/insight.md.

    An interface: it reads cases', surveys' and reception's tables in bulk to learn from them, and changes
    them only through their services (a case routed by the model is routed by the cases app's service)."""

    name = "danvan.insight"
    label = "insight"
    verbose_name = _("Insight")

    def ready(self) -> None:
        from danvan.insight import navigation, permissions

        permissions.register_insight_actions()
        navigation.register_navigation()
        # --- duplicates ---
        from danvan.core import events
        from danvan.insight.services import duplicates
        from danvan.insight.views import duplicates as duplicates_views

        events.subscribe("cases.case_received", duplicates.on_case_received)
        events.subscribe("cases.case_public_text_changed", duplicates.on_public_text_changed)
        duplicates_views.register_panels()
        # --- route ---
        from danvan.insight.services.route import route_on_received
        from danvan.insight.views.route import SLOT, route_panel
        from danvan.ui.registry import provide_panel

        events.subscribe("cases.case_received", route_on_received)
        provide_panel(SLOT, route_panel)
