"""Insight's menu entries (ui.registry), registered in ``apps.ready``.

One entry in the officers' work, "Insight" (the hub, /dan-y/): it leads to the parts the reader may open
(early warnings, the week's digest, hotspots, topics, the worst-rated themes) and stays the current entry on
every one of their pages. The routing model's versions are reference data, an entry of their own."""

from __future__ import annotations


def register_navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from danvan.insight import permissions as insight_permissions
    from danvan.insight.selectors.hub import hub_may_open
    from danvan.ui.registry import Area, MenuItem, register

    register(
        MenuItem("insight.hub", _("Insight"), "insight:hub", Area.WORK, order=60, visible=hub_may_open,
                 current_for=("insight:alert_", "insight:hotspot", "insight:digest", "insight:topic_", "insight:tone_",
                              "insight:worst_rated")),
    )  # fmt: skip
    # --- route ---
    from danvan.core.reference_data import may_edit_reference_data

    register(
        MenuItem("insight.route_versions", _("Routing model"), "insight:route_versions", Area.REFERENCE, order=90,
                 visible=lambda user: may_edit_reference_data(user, insight_permissions.MODEL_EDITOR_PERMISSION)),
    )  # fmt: skip
