"""The actions of the cases app and who may do them (registered with org.permissions)."""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

SUBMIT = "cases.submit"
VIEW = "cases.view"
VIEW_TO_CAO = "cases.view_to_cao"
HANDLE = "cases.handle"
DECIDE = "cases.decide"
ASSIGN = "cases.assign"
COUNTER_INTAKE = "cases.counter_intake"
OPEN_IDENTITY = "cases.open_identity"
MANAGE_ROUTING = "cases.manage_routing"
REVIEW_IDENTITY_OPENINGS = "cases.review_identity_openings"


def register_case_actions() -> None:
    register_action(SUBMIT, public=True, description="Send a petition (no account needed)")
    # Oversight roles read feedback and complaints in their scope (dân vận, the Front's supervision);
    # a citizen reads their own cases.
    register_action(
        VIEW,
        roles={Role.HANDLER, Role.HEAD, Role.INSPECTOR, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER},
        owner_may=True,
        description="Read a case",
    )
    # Luật Tố cáo 2018, Điều 47, 56: a denunciation is seen only by those who resolve or verify it.
    register_action(VIEW_TO_CAO, roles={Role.HANDLER, Role.HEAD, Role.INSPECTOR}, description="Read a denunciation")
    register_action(HANDLE, roles={Role.HANDLER, Role.HEAD}, description="Move a case through its steps")
    register_action(DECIDE, roles={Role.HEAD}, description="Decide, conclude, extend, suspend, resume")
    register_action(ASSIGN, roles={Role.HEAD}, description="Assign cases to handlers")
    # The counter clerk (one-stop desk) may do this and nothing else: enter a petition and print its receipt.
    register_action(COUNTER_INTAKE, roles={Role.HANDLER, Role.HEAD, Role.COUNTER_CLERK},
                    description="Enter a petition at the counter")  # fmt: skip
    # The head of the resolving body; a clerk the head designates on the case is checked in the service.
    # Whoever may open identities is granted that role only with a second person's approval (issue 12).
    register_action(OPEN_IDENTITY, roles={Role.HEAD}, description="Open a denouncer's sealed identity",
                    grant_needs_approval=True)  # fmt: skip
    # Who opened a denouncer's identity, when and why: reviewed by the head and by inspectors (Điều 56).
    register_action(REVIEW_IDENTITY_OPENINGS, roles={Role.HEAD, Role.INSPECTOR}, description="Review identity openings")
    register_action(MANAGE_ROUTING, roles={Role.OPERATOR}, description="Edit topics and routing rules")
