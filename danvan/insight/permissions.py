"""Insight's actions and the roles that may do them (registered with org.permissions).

Reading what people write is scoped like the cases it comes from: an alert, a digest or a hotspot is
about a body's cases and is read in that body (or above it, with its subtree). The models serve the whole
deployment, so no role over a unit trains or rolls them back: like a national rule table, that is for
people granted ``insight.change_modelversion`` explicitly (``core.reference_data``; superusers in practice),
and for the scheduled task.
"""

MODEL_EDITOR_PERMISSION = "insight.change_modelversion"


def register_insight_actions() -> None:
    """Each part of insight registers its actions here as it lands."""
