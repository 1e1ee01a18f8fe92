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


def register_evaluation_actions() -> None:
    """The methodology and each unit's yearly evaluation."""


# ----------------------------------------------------------------


def register_emulation_actions() -> None:
    register_dvk_actions()
    register_commitments_actions()
    register_training_actions()
    register_evaluation_actions()
