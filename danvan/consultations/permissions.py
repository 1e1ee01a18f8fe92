"""Consultations' actions and the roles that may do them (registered with org.permissions).

Every action is scoped through the row's ``permission_organization``: the body that consults (the
commune's People's Committee, a department, a province's committee). Two bodies beside it take part by
law (Art. 26 Luật 10/2022/QH15: community meetings, the Front and mass organisations), as in grassroots
democracy, where the Front committee of the commune directs the boards and village heads put matters:
the commune's Front committee keys in and moderates the consultations of the commune's bodies
(``FRONT_TAKES_PART`` on the Front committee), and a village head keys in the views of their village's
meetings on a consultation whose audience includes the village (``VILLAGE_KEYS_IN`` on the village's
body). The rule that joins them to ``KEY_IN`` and ``MODERATE`` lives once, in
``selectors.access`` (``may_act``, ``require_act``, ``acting_filter``).
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
# Held on a body other than the consulting one (see ``selectors.access``): never checked on a consultation.
FRONT_TAKES_PART = "consultations.front_takes_part"  # on the commune's Front committee: KEY_IN and MODERATE
VILLAGE_KEYS_IN = "consultations.village_keys_in"  # on a village's body: KEY_IN where the village is consulted


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
    # Front officers and village heads only (least privilege: not the Front's or the village's other roles).
    register_action(
        FRONT_TAKES_PART,
        roles={Role.FRONT_OFFICER},
        description="Key in and moderate views on consultations of the Front committee's commune",
    )
    register_action(
        VILLAGE_KEYS_IN,
        roles={Role.VILLAGE_HEAD},
        description="Key in views from the village's meetings on consultations that include the village",
    )
