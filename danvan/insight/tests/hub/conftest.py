"""The early warnings' world (Phú Xuân's cases over ten weeks, a surge this week) serves the hub's figures."""

from danvan.insight.tests.warnings.conftest import no_same_matter_alerts, surge_world

__all__ = ["no_same_matter_alerts", "surge_world"]
