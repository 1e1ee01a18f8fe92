"""Consultations' actions and the roles that may do them (registered with org.permissions).

Every action is scoped through the row's ``permission_organization``: the body that consults (the
commune's People's Committee, a department, a province's committee). The Front committee of a commune
moderates and keys in views from its channels; a village head keys in a meeting's views.
"""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

MANAGE = "consultations.manage"  # prepare a draft, its sections and documents, audience, period; open and close
VIEW_AFFECTED = "consultations.view_affected"  # Art. 27: the list of people affected and how they were told
MODERATE = "consultations.moderate"  # merge duplicates, hide with a reason, publish pending statements
KEY_IN = "consultations.key_in"  # record views from meetings, ballots, dialogues, the box, the Front
ANSWER = "consultations.answer"  # group comments and answer each group; the next version of the draft
PUBLISH_SUMMARY = "consultations.publish_summary"  # publish the summary and the answers (Art. 11(11))
VIEW_DASHBOARD = "consultations.view_dashboard"  # figures per body and place, exports


def register_consultations_actions() -> None:
    register_action(MANAGE, roles={Role.HEAD, Role.HANDLER}, description="Prepare, open and close consultations")
    register_action(
        VIEW_AFFECTED, roles={Role.HEAD, Role.HANDLER}, description="Read the people a draft decision affects"
    )
    register_action(
        MODERATE,
        roles={Role.HEAD, Role.HANDLER, Role.FRONT_OFFICER},
        description="Moderate a consultation's statements and comments",
    )
    register_action(
        KEY_IN,
        roles={Role.HANDLER, Role.FRONT_OFFICER, Role.VILLAGE_HEAD},
        description="Key in views from meetings, ballots and dialogues",
    )
    register_action(
        ANSWER, roles={Role.HEAD, Role.HANDLER}, description="Answer the people's views and revise the draft"
    )
    register_action(PUBLISH_SUMMARY, roles={Role.HEAD}, description="Publish a consultation's summary and answers")
    register_action(
        VIEW_DASHBOARD,
        roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER, Role.INSPECTOR, Role.OPERATOR},
        description="Read consultations' figures and reports",
    )
