"""Insight's actions and the roles that may do them (registered with org.permissions).

Reading what people write is scoped like the cases it comes from: an alert, a digest or a hotspot is
about a body's cases and is read in that body (or above it, with its subtree); the cases behind it are
shown only where the reader may open them. The models serve the whole deployment, so no role over a unit
trains or rolls them back: like a national rule table, that is for people granted
``insight.change_modelversion`` explicitly (``core.reference_data``; superusers in practice), and for the
scheduled task.
"""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

MODEL_EDITOR_PERMISSION = "insight.change_modelversion"
# Early warnings are sent to the heads and the dân vận officers in scope (issue 18); they read them and
# mark them looked into or closed.
VIEW_ALERTS = "insight.view_alerts"
# --- topics ---
# "Dân nói gì": topics, their trend and tone over the cases of the reader's scope; the worst-rated themes of
# each body in scope. Renaming a topic and labelling a text's tone are for the heads and dân vận officers.
VIEW_TOPICS = "insight.view_topics"
LABEL_TOPICS = "insight.label_topics"


def register_insight_actions() -> None:
    register_action(VIEW_ALERTS, roles={Role.HEAD, Role.DAN_VAN_OFFICER}, description="Read and follow early warnings")
    register_warnings_actions()
    register_topics_actions()


# --- warnings ---
# Hotspots and the weekly "tình hình dư luận" digest: counts of what people write per place and topic in a
# body's subtree. Read by the heads (they answer for their body), the dân vận officers (Ban Dân vận: to
# know public opinion, Quy chế dân vận) and the Front's officers (MTTQ's social supervision). Counts only
# cover the cases the reader may read (``cases.selectors.staff_visible``: no tố cáo without VIEW_TO_CAO).
VIEW_DIGEST = "insight.view_digest"


def register_warnings_actions() -> None:
    register_action(VIEW_DIGEST, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER},
                    description="Read hotspots and the weekly digest of public opinion")  # fmt: skip


def register_topics_actions() -> None:
    register_action(VIEW_TOPICS, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER},
                    description="Read what people write about, its trend and tone")  # fmt: skip
    register_action(LABEL_TOPICS, roles={Role.HEAD, Role.DAN_VAN_OFFICER},
                    description="Rename a discovered topic; label a text's tone")  # fmt: skip
