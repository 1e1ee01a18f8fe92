"""Emulation's actions and the roles that may do them (registered with org.permissions), one block per
part; each part edits only its own block. Every action is scoped through the row's
``permission_organization`` (the unit that owns a model, a cadre's body, the body that runs a course or
evaluates)."""

from danvan.org.choices import Role
from danvan.org.permissions import register_action

# ---------------------------------------------------------------- dvk: "Dân vận khéo" models and exemplars


DVK_VIEW = "emulation.dvk_view"  # staff pages: the models and exemplars of one's units, drafts included
DVK_MANAGE = "emulation.dvk_manage"  # register, launch, report progress, replicate into, close, for one's unit
DVK_SCORE = "emulation.dvk_score"  # sit on a council and score (the seat decides which model)
DVK_RECOGNISE = "emulation.dvk_recognise"  # convene the council, conclude, recognise at one's level or not
DVK_COMMEND = "emulation.dvk_commend"  # record a commendation (form, decision number, level, date)


def register_dvk_actions() -> None:
    """The models' and exemplars' actions. The unit that owns a model (``DvkModel.organization``) scopes
    them: a ward's officers act for the ward, a province's with its subtree for every ward under it. The
    public gallery needs no action (its selector shows recognised models only)."""
    unit_staff = {Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER, Role.VILLAGE_HEAD}
    register_action(DVK_VIEW, roles=unit_staff, description="Read the Dân vận khéo models and exemplars")
    register_action(DVK_MANAGE, roles=unit_staff, description="Register and run a Dân vận khéo model")
    # Evaluators are the movement's people (the dân vận system, the Front, heads); a seat on the model's
    # council is checked by the service, and never for one's own unit.
    register_action(DVK_SCORE, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER},
                    description="Score a Dân vận khéo model on its council")  # fmt: skip
    register_action(DVK_RECOGNISE, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER},
                    description="Convene a council and recognise a Dân vận khéo model")  # fmt: skip
    register_action(DVK_COMMEND, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER},
                    description="Record the commendation of a Dân vận khéo model")  # fmt: skip


# ---------------------------------------------------------------- commitments: Chỉ thị 05


def register_commitments_actions() -> None:
    """Cadres' yearly commitments and their review."""


# ---------------------------------------------------------------- training


def register_training_actions() -> None:
    """Courses, sessions, enrolment, attendance, certificates, coverage."""


# ---------------------------------------------------------------- evaluation: the yearly dân vận evaluation


def register_evaluation_actions() -> None:
    """The methodology and each unit's yearly evaluation."""


# ----------------------------------------------------------------


def register_emulation_actions() -> None:
    register_dvk_actions()
    register_commitments_actions()
    register_training_actions()
    register_evaluation_actions()
