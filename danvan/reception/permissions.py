"""Reception's actions and the roles that may do them (registered with org.permissions).

Every action is scoped: a role held in a body (optionally with its subtree) allows it on the rows of
that body (``permission_organization``). Visitors' personal data is read only through VIEW_VISITORS.
"""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

MANAGE_SCHEDULE = "reception.manage_schedule"  # points, heads' duties, sessions, ad hoc sessions
MANAGE_RULES = "reception.manage_rules"  # the frequency table (editable legal data)
REGISTER_VISIT = "reception.register_visit"  # write the register, refusals, outcomes, crowds
VIEW_REGISTER = "reception.view_register"  # the register without visitors' identity
VIEW_VISITORS = "reception.view_visitors"  # visitors' names, addresses, ID numbers, bookings
CONCLUDE = "reception.conclude"  # issue a notice of conclusions
WORK_TASKS = "reception.work_tasks"  # report progress on a task or commitment one's body owns
MANAGE_DIALOGUES = "reception.manage_dialogues"
VIEW_RECORDINGS = "reception.view_recordings"  # an online session's recording metadata
VIEW_COMPLIANCE = "reception.view_compliance"  # the dashboard and reports


def register_reception_actions() -> None:
    register_action(
        MANAGE_SCHEDULE,
        roles={Role.HEAD, Role.RECEPTION_OFFICER, Role.OPERATOR},
        description="Keep a body's reception points, heads' duties and sessions",
    )
    register_action(MANAGE_RULES, roles={Role.OPERATOR}, description="Correct the reception frequency table")
    register_action(
        REGISTER_VISIT,
        roles={Role.RECEPTION_OFFICER, Role.HEAD},
        description="Write the register of citizen reception",
    )
    register_action(
        VIEW_REGISTER,
        roles={Role.RECEPTION_OFFICER, Role.HEAD, Role.INSPECTOR, Role.DAN_VAN_OFFICER},
        description="Read the register (without visitors' identity)",
    )
    # Identity is for those who receive and the head who answers; inspectors see it where they inspect.
    register_action(
        VIEW_VISITORS,
        roles={Role.RECEPTION_OFFICER, Role.HEAD, Role.INSPECTOR},
        description="Read visitors' identity and bookings",
    )
    register_action(CONCLUDE, roles={Role.HEAD}, description="Issue a notice of conclusions")
    register_action(
        WORK_TASKS,
        roles={Role.HEAD, Role.HANDLER, Role.RECEPTION_OFFICER},
        description="Report progress on a task or commitment",
    )
    register_action(
        MANAGE_DIALOGUES,
        roles={Role.HEAD, Role.FRONT_OFFICER, Role.DAN_VAN_OFFICER},
        description="Plan dialogues, record minutes and commitments",
    )
    register_action(
        VIEW_RECORDINGS, roles={Role.HEAD, Role.INSPECTOR}, description="Read an online session's recording record"
    )
    register_action(
        VIEW_COMPLIANCE,
        roles={Role.HEAD, Role.INSPECTOR, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER, Role.OPERATOR},
        description="Read reception compliance and reports",
    )
