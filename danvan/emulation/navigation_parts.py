"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def dvk() -> None:
    """The public gallery of models; the staff list (for the units' officers and the evaluators)."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.permissions import DVK_SCORE, DVK_VIEW
    from danvan.org.permissions import user_may
    from danvan.ui.registry import Area, MenuItem, register

    def works_on_models(user: object) -> bool:
        return user_may(user, DVK_VIEW) or user_may(user, DVK_SCORE)

    register(
        MenuItem("emulation.dvk_gallery", _("Dân vận khéo"), "emulation:dvk_gallery", Area.PUBLIC, order=38,
                 current_for=("emulation:dvk_gallery", "emulation:dvk_places", "emulation:dvk_story")),
        MenuItem("emulation.dvk_models", _("Dân vận khéo models"), "emulation:dvk_list", Area.WORK, order=70,
                 visible=works_on_models,
                 current_for=("emulation:dvk_list", "emulation:dvk_register", "emulation:dvk_detail",
                              "emulation:dvk_edit", "emulation:dvk_step", "emulation:dvk_report",
                              "emulation:dvk_score", "emulation:dvk_exemplar")),
    )  # fmt: skip


def commitments() -> None:
    """A cadre's own commitments; a head's review; the units that are late."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.permissions import COMMITMENT_ASSESS, COMMITMENT_VIEW_UNITS
    from danvan.org.choices import Role
    from danvan.org.permissions import roles_of
    from danvan.ui.registry import Area, MenuItem, register

    def is_cadre(user: object) -> bool:  # the roles are cached per request: no query
        return bool(roles_of(user) - {Role.CITIZEN, Role.OPERATOR})

    register(
        MenuItem("emulation.commitments_mine", _("My commitments"), "emulation:commitments_mine", Area.WORK,
                 order=70, visible=is_cadre, current_for=("emulation:commitment_detail",)),
        MenuItem("emulation.commitments_team", _("Team commitments"), "emulation:commitments_team", Area.WORK,
                 order=71, action=COMMITMENT_ASSESS),
        MenuItem("emulation.commitments_units", _("Commitments by unit"), "emulation:commitments_units", Area.WORK,
                 order=72, action=COMMITMENT_VIEW_UNITS, current_for=("emulation:commitments_units",)),
    )  # fmt: skip


def training() -> None:
    """Courses and coverage."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation import permissions as ep
    from danvan.ui.registry import Area, MenuItem, register

    register(MenuItem("emulation.training_courses", _("Training courses"), "emulation:training_courses", Area.WORK,
                      order=72, action=ep.TRAINING_MANAGE,
                      current_for=("emulation:training_course", "emulation:training_session", "emulation:training_enrol",
                                   "emulation:training_attendance", "emulation:training_certif")))  # fmt: skip
    register(MenuItem("emulation.training_coverage", _("Training coverage"), "emulation:training_coverage",
                      Area.WORK, order=73, action=ep.TRAINING_VIEW_COVERAGE,
                      current_for=("emulation:training_not_trained",)))  # fmt: skip


def evaluation() -> None:
    """The yearly evaluations and the methodology."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.permissions import VIEW_EVALUATIONS
    from danvan.ui.registry import Area, MenuItem, register

    register(MenuItem("emulation.evaluation", _("Yearly dân vận evaluation"), "emulation:evaluation_dashboard",
                      Area.WORK, order=72, action=VIEW_EVALUATIONS, current_for=("emulation:evaluation_",)))  # fmt: skip


def commendation() -> None:
    """Commendation proposals and discipline records."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.permissions import COMMENDATION_OPINE, COMMENDATION_VIEW, DISCIPLINE_RECORD
    from danvan.org.permissions import user_may
    from danvan.ui.registry import Area, MenuItem, register

    def works_on_commendations(user: object) -> bool:
        return user_may(user, COMMENDATION_VIEW) or user_may(user, COMMENDATION_OPINE)

    register(
        MenuItem("emulation.commendation", _("Commendation"), "emulation:commendation_list", Area.WORK, order=73,
                 visible=works_on_commendations, current_for=("emulation:commendation_",)),
        MenuItem("emulation.discipline", _("Criticism and discipline"), "emulation:discipline_list", Area.WORK,
                 order=74, action=DISCIPLINE_RECORD, current_for=("emulation:discipline_",)),
    )  # fmt: skip


PARTS = (dvk, commitments, training, evaluation, commendation)
