"""Grassroots democracy's actions and the roles that may do them (registered with org.permissions).

Every action is scoped through the row's ``permission_organization``: a village's body for its
households, meetings and conference; the commune People's Committee for disclosures and commune-wide
matters; the commune Front committee for the boards. Village bodies sit under the commune People's
Committee, so the commune chair (head, with the subtree) reaches every village of the commune.
"""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

MANAGE_VILLAGES = "democracy.manage_villages"  # import and edit villages and households
VIEW_HOUSEHOLDS = "democracy.view_households"  # households' representatives and contacts
PUBLISH = "democracy.publish"  # record disclosures, their channels and proofs; quarterly lists
RUN_DECISIONS = "democracy.run_decisions"  # propose, put and count matters; write the record
RECOGNISE = "democracy.recognise"  # recognise (or refuse) a decision: UBND xã items 3–4, MTTQ xã item 5
MANAGE_BOARDS = "democracy.manage_boards"  # boards, members, plans, inspections, reports, recommendations
ANSWER_RECOMMENDATIONS = "democracy.answer_recommendations"  # the body a board's recommendation went to
HOLD_CONFERENCES = "democracy.hold_conferences"  # the yearly community conference's record
VIEW_DASHBOARD = "democracy.view_dashboard"  # figures per commune and up the tree, exports


def register_democracy_actions() -> None:
    register_action(
        MANAGE_VILLAGES, roles={Role.OPERATOR, Role.HEAD}, description="Import and edit villages and households"
    )
    register_action(
        VIEW_HOUSEHOLDS,
        roles={Role.HEAD, Role.VILLAGE_HEAD, Role.FRONT_OFFICER, Role.OPERATOR},
        description="Read households' representatives and contacts",
    )
    register_action(PUBLISH, roles={Role.HEAD, Role.HANDLER}, description="Publish the commune's disclosures")
    register_action(
        RUN_DECISIONS,
        roles={Role.HEAD, Role.VILLAGE_HEAD},
        description="Put matters to the community and record meetings, ballots and online votes",
    )
    register_action(
        RECOGNISE, roles={Role.HEAD, Role.FRONT_OFFICER}, description="Recognise or refuse a community decision"
    )
    register_action(MANAGE_BOARDS, roles={Role.FRONT_OFFICER}, description="Keep the people's boards and their work")
    register_action(
        ANSWER_RECOMMENDATIONS,
        roles={Role.HEAD, Role.HANDLER},
        description="Answer a people's board's recommendation",
    )
    register_action(
        HOLD_CONFERENCES,
        roles={Role.VILLAGE_HEAD, Role.FRONT_OFFICER, Role.HEAD},
        description="Record the yearly community conference",
    )
    register_action(
        VIEW_DASHBOARD,
        roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER, Role.INSPECTOR, Role.OPERATOR},
        description="Read grassroots democracy figures and reports",
    )
