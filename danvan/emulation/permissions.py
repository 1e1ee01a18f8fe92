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
DVK_COMMEND = "emulation.dvk_commend"  # a commendation decision about a model (checked by commendation's decide)
# The scorecard's versions: a national rule table, edited only with the model permission (no role carries it:
# ``core.reference_data.may_edit_reference_data``, so superusers alone today).
DVK_KEEP_SCORECARDS = "emulation.change_dvkscorecard"


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


# A cadre registers and reviews his own commitments (the owner); nobody else writes them.
COMMITMENT_REGISTER = "emulation.commitment_register"
# The head of the body assesses and reads (with the person himself); nobody else reads a person's review
# but the evaluating dân vận officers, who hold their role WITH the subtree on a body strictly ABOVE the
# commitment's body (``selectors.commitments.may_read_reviews``): a dân vận officer of the same body is a
# colleague, not an evaluator.
COMMITMENT_ASSESS = "emulation.commitment_assess"
COMMITMENT_VIEW_REVIEWS = "emulation.commitment_view_reviews"
COMMITMENT_EVALUATE_REVIEWS = "emulation.commitment_evaluate_reviews"
# The units' completion and the late list: the dân vận officers and the heads, of their subtree.
COMMITMENT_VIEW_UNITS = "emulation.commitment_view_units"
# A body's public service commitments: posted by its head.
PUBLIC_COMMITMENT_POST = "emulation.public_commitment_post"
# A year's settings (limit, windows): a national rule table, edited only with the model permission (no role
# carries it: ``core.reference_data.may_edit_reference_data``, so superusers alone today).
COMMITMENT_YEAR_EDIT = "emulation.change_commitmentyear"


def register_commitments_actions() -> None:
    """Cadres' yearly commitments and their review."""
    register_action(COMMITMENT_REGISTER, owner_may=True, description="Register and review one's own commitments")
    register_action(COMMITMENT_ASSESS, roles={Role.HEAD}, description="Assess a cadre's commitment review")
    register_action(
        COMMITMENT_VIEW_REVIEWS, roles={Role.HEAD}, owner_may=True,
        description="Read cadres' commitments and self-reviews",
    )  # fmt: skip
    register_action(
        COMMITMENT_EVALUATE_REVIEWS, roles={Role.DAN_VAN_OFFICER},
        description="Read the commitments and self-reviews of the bodies below one's own (evaluating them)",
    )  # fmt: skip
    register_action(
        COMMITMENT_VIEW_UNITS, roles={Role.HEAD, Role.DAN_VAN_OFFICER},
        description="Read the units' commitment completion and the late units",
    )  # fmt: skip
    register_action(PUBLIC_COMMITMENT_POST, roles={Role.HEAD}, description="Post a body's public service commitments")


# ---------------------------------------------------------------- training

# Run courses (create, sessions, enrol, attendance, certificates) for the body that organises them.
TRAINING_MANAGE = "emulation.training_manage"
# Read the coverage of a unit and who in it is not yet trained: its head and the dân vận officers.
TRAINING_VIEW_COVERAGE = "emulation.training_view_coverage"
# Edit which roles must be trained in which topic: a national rule table, edited only with the model permission
# (no role carries it: ``core.reference_data.may_edit_reference_data``, so superusers alone today).
TRAINING_EDIT_REQUIREMENTS = "emulation.change_trainingrequirement"
# Open a printable certificate: the organisers, and the holder (owner).
TRAINING_VIEW_CERTIFICATE = "emulation.training_view_certificate"
# Verify a certificate by its number (public: the page shows initials only).
TRAINING_VERIFY_CERTIFICATE = "emulation.training_verify_certificate"


def register_training_actions() -> None:
    """Courses, sessions, enrolment, attendance, certificates, coverage."""
    register_action(TRAINING_MANAGE, roles={Role.HEAD, Role.DAN_VAN_OFFICER},
                    description="Run training courses for a body and the bodies under it")  # fmt: skip
    register_action(TRAINING_VIEW_COVERAGE, roles={Role.HEAD, Role.DAN_VAN_OFFICER},
                    description="Read a unit's training coverage and who is not yet trained")  # fmt: skip
    register_action(TRAINING_VIEW_CERTIFICATE, roles={Role.HEAD, Role.DAN_VAN_OFFICER}, owner_may=True,
                    description="Open a training certificate (the organisers and its holder)")  # fmt: skip
    register_action(TRAINING_VERIFY_CERTIFICATE, public=True, description="Verify a training certificate")


# ---------------------------------------------------------------- evaluation: the yearly dân vận evaluation


VIEW_EVALUATIONS = "emulation.evaluation_view"
RUN_EVALUATION = "emulation.evaluation_run"
# The evaluating committee: held on the level ABOVE the unit evaluated (``services.evaluation`` checks it
# against the unit's parent), so nobody confirms their own unit's grade.
CONFIRM_EVALUATION = "emulation.evaluation_confirm"
# The methodology: a national rule table, edited only with the model permission (no role carries it:
# ``core.reference_data.may_edit_reference_data``, so superusers alone today).
MANAGE_METHODOLOGY = "emulation.change_evaluationmethodology"


def register_evaluation_actions() -> None:
    """The methodology and each unit's yearly evaluation."""
    register_action(VIEW_EVALUATIONS, roles={Role.HEAD, Role.DAN_VAN_OFFICER, Role.INSPECTOR, Role.FRONT_OFFICER},
                    description="Read the yearly dân vận evaluations of units")  # fmt: skip
    register_action(RUN_EVALUATION, roles={Role.DAN_VAN_OFFICER},
                    description="Compute the proposed yearly dân vận evaluation of units")  # fmt: skip
    register_action(CONFIRM_EVALUATION, roles={Role.HEAD, Role.DAN_VAN_OFFICER},
                    description="Confirm or change a unit's yearly grade (the evaluating level, above the unit)")  # fmt: skip


# ---------------------------------------------------------------- commendation and discipline

# Read the proposals of one's units (scoped by the proposing unit; a level with its subtree sees those under it).
COMMENDATION_VIEW = "emulation.commendation_view"
# Propose a commendation for a unit one works for.
COMMENDATION_PROPOSE = "emulation.commendation_propose"
# Convene the council and decide: the level that organises the movement (Party committee, government,
# Front — legal-spec §7); the service also refuses the proposing unit deciding its own proposal.
COMMENDATION_DECIDE = "emulation.commendation_decide"
# Give an opinion on a council: the seat decides which proposal.
COMMENDATION_OPINE = "emulation.commendation_opine"
# A criticism or discipline record: decided and recorded by the head (of the unit or a level above with
# its subtree); read by the person himself (owner), the head of their unit and those who decide — nobody else.
DISCIPLINE_RECORD = "emulation.discipline_record"
DISCIPLINE_VIEW = "emulation.discipline_view"
# The forms of commendation and discipline, and the table of who gives which form: national rule tables,
# edited only with their model permissions (no role carries them: ``core.reference_data.may_edit_reference_data``,
# so superusers alone today). Who decides reads the authority table (``COMMENDATION_DECIDE``).
COMMENDATION_MANAGE_FORMS = "emulation.change_commendationform"
COMMENDATION_MANAGE_AUTHORITIES = "emulation.change_commendationauthority"


def register_commendation_actions() -> None:
    """Commendation proposals, their council and decision; criticism and discipline records."""
    movement = {Role.HEAD, Role.DAN_VAN_OFFICER, Role.FRONT_OFFICER}
    register_action(COMMENDATION_VIEW, roles=movement, description="Read the commendation proposals of one's units")
    register_action(COMMENDATION_PROPOSE, roles=movement, description="Propose a commendation")
    register_action(COMMENDATION_DECIDE, roles=movement,
                    description="Convene the council and decide a commendation proposal")  # fmt: skip
    register_action(COMMENDATION_OPINE, roles=movement, description="Give an opinion on a commendation council")
    register_action(DISCIPLINE_RECORD, roles={Role.HEAD}, description="Record a criticism or a discipline")
    register_action(DISCIPLINE_VIEW, roles={Role.HEAD}, owner_may=True,
                    description="Read a criticism or discipline record (the person, their head, who decides)")  # fmt: skip


# ----------------------------------------------------------------


def register_emulation_actions() -> None:
    register_dvk_actions()
    register_commitments_actions()
    register_training_actions()
    register_evaluation_actions()
    register_commendation_actions()
