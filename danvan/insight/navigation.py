"""Insight's menu entries (ui.registry), registered in ``apps.ready``; each part adds its own entries in a
block of ``register_navigation``."""

from __future__ import annotations


def register_navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from danvan.insight import permissions as insight_permissions
    from danvan.ui.registry import Area, MenuItem, register

    # --- alerts ---
    register(
        MenuItem("insight.alerts", _("Early warnings"), "insight:alert_list", Area.WORK, order=60,
                 action=insight_permissions.VIEW_ALERTS, current_for=("insight:alert_",)),
    )  # fmt: skip
    # --- warnings ---
    register(
        MenuItem("insight.hotspots", _("Hotspots"), "insight:hotspots", Area.WORK, order=61,
                 action=insight_permissions.VIEW_DIGEST, current_for=("insight:hotspot",)),
        MenuItem("insight.digest", _("Public opinion this week"), "insight:digest", Area.WORK, order=62,
                 action=insight_permissions.VIEW_DIGEST, current_for=("insight:digest",)),
    )  # fmt: skip
    # --- topics ---
    register(
        MenuItem("insight.topics", _("What people say"), "insight:topic_list", Area.WORK, order=63,
                 action=insight_permissions.VIEW_TOPICS, current_for=("insight:topic_", "insight:tone_")),
        MenuItem("insight.worst_rated", _("Worst-rated themes"), "insight:worst_rated", Area.WORK, order=64,
                 action=insight_permissions.VIEW_TOPICS, current_for=("insight:worst_rated",)),
    )  # fmt: skip
    # --- route ---
    from danvan.core.reference_data import may_edit_reference_data

    register(
        MenuItem("insight.route_versions", _("Routing model"), "insight:route_versions", Area.REFERENCE, order=90,
                 visible=lambda user: may_edit_reference_data(user, insight_permissions.MODEL_EDITOR_PERMISSION)),
    )  # fmt: skip
