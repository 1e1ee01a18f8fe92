"""The machine codes of insight's refusals (``DomainError.code``), named once. Pure."""

from typing import Final

MODEL_UNAVAILABLE: Final = "insight_model_unavailable"  # missing, altered or untrusted model bytes
TOO_FEW_LABELLED: Final = "insight_too_few_labelled"  # a training with fewer labelled cases than needed
VERSION_UNKNOWN: Final = "insight_version_unknown"  # a rollback to a version that is not there
ALERT_STATUS_UNKNOWN: Final = "insight_alert_status_unknown"
ALERT_CLOSE_NEEDS_NOTE: Final = "insight_alert_close_needs_note"
ALERT_NEWER_OPEN: Final = "insight_alert_newer_open"
# --- topics ---
TOPICS_NOTHING_TO_LEARN: Final = "insight_topics_nothing_to_learn"  # no readable text in the period
TONE_LABEL_NOT_ALLOWED: Final = "insight_tone_label_not_allowed"  # a tố cáo, or a case the labeller may not open
TONE_RULE_INVALID: Final = "insight_tone_rule_invalid"
# --- route ---
ROUTE_CHOICE_UNKNOWN: Final = "insight_route_choice_unknown"  # a topic or body not (or no longer) in use
ROUTE_NOT_WAITING: Final = "insight_route_not_waiting"  # a case past "received": its routing is settled
# --- duplicates ---
MATTER_SELF: Final = "insight_matter_self"  # a case linked with itself
MATTER_ALREADY: Final = "insight_matter_already"  # two cases already in one matter group
MATTER_NOT_LINKED: Final = "insight_matter_not_linked"  # unlinking a case in no group
