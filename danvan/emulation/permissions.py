"""Emulation's actions and the roles that may do them (registered with org.permissions), one block per
part; each part edits only its own block. Every action is scoped through the row's
``permission_organization`` (the unit that owns a model, a cadre's body, the body that runs a course or
evaluates)."""

from danvan.org.choices import Role  # noqa: F401  (each part's block uses it)
from danvan.org.permissions import register_action  # noqa: F401

# ---------------------------------------------------------------- dvk: "Dân vận khéo" models and exemplars


def register_dvk_actions() -> None:
    """The models' and exemplars' actions."""


# ---------------------------------------------------------------- commitments: Chỉ thị 05


def register_commitments_actions() -> None:
    """Cadres' yearly commitments and their review."""


# ---------------------------------------------------------------- training


def register_training_actions() -> None:
    """Courses, sessions, enrolment, attendance, certificates, coverage."""


# ---------------------------------------------------------------- evaluation: the yearly dân vận evaluation


VIEW_EVALUATIONS = "emulation.evaluation_view"
RUN_EVALUATION = "emulation.evaluation_run"
# The evaluating committee: held on the level ABOVE the unit evaluated (``services.evaluation`` checks it
# against the unit's parent), so nobody confirms their own unit's grade.
CONFIRM_EVALUATION = "emulation.evaluation_confirm"
MANAGE_METHODOLOGY = "emulation.evaluation_methodology"


def register_evaluation_actions() -> None:
    """The methodology and each unit's yearly evaluation."""
    register_action(VIEW_EVALUATIONS, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.INSPECTOR, Role.FRONT_OFFICER},
                    description="Read the yearly dân vận evaluations of units")  # fmt: skip
    register_action(RUN_EVALUATION, roles={Role.DAN_VAN_OFFICER},
                    description="Compute the proposed yearly dân vận evaluation of units")  # fmt: skip
    register_action(CONFIRM_EVALUATION, roles={Role.HEAD, Role.DAN_VAN_OFFICER},
                    description="Confirm or change a unit's yearly grade (the evaluating level, above the unit)")  # fmt: skip
    register_action(MANAGE_METHODOLOGY, roles={Role.OPERATOR},
                    description="Edit and confirm the methodology of the yearly dân vận evaluation")  # fmt: skip


# ----------------------------------------------------------------


def register_emulation_actions() -> None:
    register_dvk_actions()
    register_commitments_actions()
    register_training_actions()
    register_evaluation_actions()
