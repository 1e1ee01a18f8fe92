"""One function per part registering its links (each part edits only its own function): the staff pages
are cards of the emulation hub (``hub``), behind one menu entry; only the public gallery has its own."""

from __future__ import annotations


def dvk() -> None:
    """The public gallery of models; the staff list (for the units' officers and the evaluators)."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.hub import HubLink, register_hub_links
    from danvan.emulation.permissions import DVK_SCORE, DVK_VIEW
    from danvan.org.permissions import user_may
    from danvan.ui.registry import Area, MenuItem, register

    def works_on_models(user: object) -> bool:
        return user_may(user, DVK_VIEW) or user_may(user, DVK_SCORE)

    register(
        MenuItem("emulation.dvk_gallery", _("Dân vận khéo"), "emulation:dvk_gallery", Area.PUBLIC, order=38,
                 current_for=("emulation:dvk_gallery", "emulation:dvk_places", "emulation:dvk_story")),
    )  # fmt: skip
    register_hub_links(
        HubLink("emulation.dvk_models", _("Dân vận khéo models"), "emulation:dvk_list",
                _("Register a model, report its progress, score it on a council, recognise and replicate it; exemplars."),
                order=10, visible=works_on_models),
    )  # fmt: skip


def commitments() -> None:
    """A cadre's own commitments; a head's review; the units that are late."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.hub import HubLink, register_hub_links
    from danvan.emulation.permissions import COMMITMENT_ASSESS, COMMITMENT_VIEW_UNITS
    from danvan.emulation.selectors.commitments import is_cadre, may_set_years

    register_hub_links(
        HubLink("emulation.commitments_mine", _("My commitments"), "emulation:commitments_mine",
                _("The one or two things you commit to this year (Chỉ thị 05), and your reviews."),
                order=20, visible=is_cadre),
        HubLink("emulation.commitments_team", _("Team commitments"), "emulation:commitments_team",
                _("Your team's commitments and the reviews waiting for your assessment."),
                order=21, action=COMMITMENT_ASSESS),
        HubLink("emulation.commitments_units", _("Commitments by unit"), "emulation:commitments_units",
                _("Each unit's completion rate and the units that are late."),
                order=22, action=COMMITMENT_VIEW_UNITS),
        HubLink("emulation.commitment_years", _("Commitment years"), "emulation:commitment_years",
                _("Each year's limit of commitments per person and its registration and review windows."),
                order=23, visible=may_set_years),
    )  # fmt: skip


def training() -> None:
    """Courses and coverage."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation import permissions as ep
    from danvan.emulation.hub import HubLink, register_hub_links

    register_hub_links(
        HubLink("emulation.training_courses", _("Training courses"), "emulation:training_courses",
                _("Courses and sessions, enrolment, attendance and certificates."),
                order=30, action=ep.TRAINING_MANAGE),
        HubLink("emulation.training_coverage", _("Training coverage"), "emulation:training_coverage",
                _("The share of reception and one-stop officers trained this year, and who is not yet."),
                order=31, action=ep.TRAINING_VIEW_COVERAGE),
    )  # fmt: skip


def evaluation() -> None:
    """The yearly evaluations and the methodology."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.hub import HubLink, register_hub_links
    from danvan.emulation.permissions import VIEW_EVALUATIONS

    register_hub_links(
        HubLink("emulation.evaluation", _("Yearly dân vận evaluation"), "emulation:evaluation_dashboard",
                _("Each unit's figures, the proposed grade and the committee's decision; rankings and trends."),
                order=40, action=VIEW_EVALUATIONS),
    )  # fmt: skip


def evaluation_people() -> None:
    """Each official's figures of the year (inputs to the head's evaluation): every cadre has his own sheet;
    heads and evaluators above see their units' officials."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.hub import HubLink, register_hub_links
    from danvan.emulation.selectors.commitments import is_cadre

    register_hub_links(
        HubLink("emulation.evaluation_people", _("Figures of each official"), "emulation:evaluation_people",
                _("Each official's dân vận figures of the year: the inputs to the head's evaluation, no grade."),
                order=41, visible=is_cadre),
    )  # fmt: skip


def commendation() -> None:
    """Commendation proposals and discipline records."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.hub import HubLink, register_hub_links
    from danvan.emulation.permissions import COMMENDATION_OPINE, COMMENDATION_VIEW, DISCIPLINE_RECORD
    from danvan.emulation.selectors.commendation import may_manage_forms
    from danvan.org.permissions import user_may

    def works_on_commendations(user: object) -> bool:
        return user_may(user, COMMENDATION_VIEW) or user_may(user, COMMENDATION_OPINE)

    register_hub_links(
        HubLink("emulation.commendation", _("Commendation"), "emulation:commendation_list",
                _("Proposals for commendation, the council's opinions, decisions with their number, printed."),
                order=50, visible=works_on_commendations),
        HubLink("emulation.discipline", _("Criticism and discipline"), "emulation:discipline_list",
                _("Criticism and discipline records with their ground, seen only by those who decide."),
                order=51, action=DISCIPLINE_RECORD),
        HubLink("emulation.commendation_forms", _("Forms of commendation"), "emulation:commendation_forms",
                _("The forms of commendation and discipline, and who gives which form."),
                order=52, visible=may_manage_forms),
    )  # fmt: skip


def hub() -> None:
    """The one staff menu entry: shown when the hub has a card for the user; current on every staff page of
    the capability (the public gallery, the public commitments and the certificate check are not)."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.hub import hub_links_for
    from danvan.ui.registry import Area, MenuItem, register

    register(
        MenuItem("emulation.hub", _("Emulation"), "emulation:hub", Area.WORK, order=70,
                 visible=lambda user: bool(hub_links_for(user)),
                 current_for=("emulation:hub", "emulation:dvk_list", "emulation:dvk_register", "emulation:dvk_detail",
                              "emulation:dvk_edit", "emulation:dvk_step", "emulation:dvk_report", "emulation:dvk_score",
                              "emulation:dvk_photo", "emulation:dvk_exemplar", "emulation:commitment",
                              "emulation:public_commitment_new", "emulation:training_c", "emulation:training_s",
                              "emulation:training_e", "emulation:training_a", "emulation:training_n",
                              "emulation:training_r", "emulation:evaluation_", "emulation:commendation_",
                              "emulation:discipline_")),
    )  # fmt: skip


PARTS = (dvk, commitments, training, evaluation, evaluation_people, commendation, hub)
