"""The actions of the surveys app and who may do them (registered with org.permissions)."""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

RESPOND = "surveys.respond"
VIEW_RESULTS = "surveys.view_results"
VIEW_COMMENTS = "surveys.view_comments"
ENTER_PAPER = "surveys.enter_paper"
REVIEW_FLAGS = "surveys.review_flags"
MANAGE = "surveys.manage"


def register_survey_actions() -> None:
    register_action(RESPOND, public=True, description="Answer a survey or rate a case (no account needed)")
    # A body's own results, its factors and the breakdown by official: its head, and those who
    # oversee it (dân vận, the Front's supervision, inspection).
    register_action(
        VIEW_RESULTS,
        roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER, Role.INSPECTOR, Role.OPERATOR},
        description="Read a body's satisfaction results",
    )
    # The free-text comments behind a low score: the head who must act on them, and inspectors.
    register_action(VIEW_COMMENTS, roles={Role.HEAD, Role.INSPECTOR}, description="Read comments behind low scores")
    register_action(
        ENTER_PAPER, roles={Role.HANDLER, Role.HEAD, Role.OPERATOR}, description="Key in paper survey forms"
    )
    register_action(REVIEW_FLAGS, roles={Role.HEAD, Role.OPERATOR}, description="Review implausible answers")
    register_action(MANAGE, roles={Role.OPERATOR}, description="Edit templates, methodologies and campaigns")
