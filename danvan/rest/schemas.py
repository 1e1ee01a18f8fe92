"""Request and response bodies of the REST API (documented in the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from danvan.cases.choices import Criterion
from danvan.core import parsing

MAX_PAGE_SIZE = 100
MAX_ID = parsing.MAX_ID  # a larger number is refused before it reaches the database
TEXT_LIMIT = 10_000  # the longest note, answer or reason a step takes (as on the staff pages)
NUMBER_LIMIT = 60  # a document's "số, ký hiệu" (Case.decision_number, CaseEvent.document_number)


class Error(Schema):
    """Every error: a stable machine code, a message in the caller's language, per-field details."""

    code: str
    message: str
    details: dict[str, str] = {}


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


class Input(Schema):
    """A request body. PostgreSQL cannot store U+0000 in text, so a string holding it is refused here (422,
    with the field) rather than failing at the database; the path and the query are checked in ``auth``."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain the NUL character (U+0000)")
        return value


class CaseCreate(Input):
    content: str = Field(..., max_length=10_000)
    title: str = Field("", max_length=200)
    kind: Literal["pakn", "khieu_nai", "to_cao", "chua_phan_loai"] = "chua_phan_loai"
    topic_code: str = Field("", max_length=60)
    place_text: str = Field("", max_length=300)
    place_unit_id: int | None = Field(None, ge=1, le=2_147_483_647)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    name: str = Field("", max_length=200)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=300)
    is_anonymous: bool = False
    people_count: int = Field(1, ge=1, le=parsing.MAX_PEOPLE)
    consent: bool = False


class CaseCreated(Schema):
    tracking_code: str
    access_token: str = Field(..., description="Secret of the citizen's private link; empty on an idempotent retry")
    created: bool
    status: str
    due_on: dt.date | None


class CasePublic(Schema):
    """What the private link shows: no contact details, the public timeline's state and the answer."""

    tracking_code: str
    kind: str
    status: str
    open: bool
    received_on: dt.date
    due_on: dt.date | None
    handling_body: str | None
    answer: str | None


class CaseStaff(Schema):
    id: int
    tracking_code: str
    kind: str
    status: str
    open: bool
    title: str
    topic_code: str | None
    place_text: str
    place_unit_id: int | None
    handling_body_id: int | None
    handling_body: str | None
    handler_id: int | None
    channel: str
    received_on: dt.date
    due_on: dt.date | None
    deadline_state: str
    answer: str | None


class CaseDetail(CaseStaff):
    content: str = Field(..., description="For a tố cáo, the content with the denouncer's identity removed")
    allowed_actions: list[str] = Field(
        ...,
        description="The steps the law allows on the case now that POST /cases/{case_id}/actions offers, before "
        "permission checks: a step of the head (decide, extend, suspend, resume) still answers 403 to a handler.",
    )


class Page(Schema):
    count: int
    page: int
    page_size: int


class CasePage(Page):
    results: list[CaseStaff]


class Unit(Schema):
    id: int
    code: int
    name: str
    level: str
    province_id: int | None


class UnitPage(Page):
    results: list[Unit]


class Organization(Schema):
    id: int
    code: str
    name: str
    kind: str
    unit_id: int
    parent_id: int | None


class OrganizationPage(Page):
    results: list[Organization]


# --- staff steps on a case (POST /cases/{case_id}/actions) -------------------------------------------

Note = Annotated[str, Field(max_length=TEXT_LIMIT)]
Number = Annotated[str, Field(max_length=NUMBER_LIMIT)]


class _Step(Input):
    """One step; a field the step does not take is refused, so that a misspelt field is not lost."""

    model_config = ConfigDict(extra="forbid")


class ClassifyStep(_Step):
    """Put the case on its legal track (a feedback item that is really a complaint is moved, not refused)."""

    action: Literal["classify"]
    track: Literal["pakn", "khieu_nai", "to_cao"]
    note: Note = ""


class RegisterStep(_Step):
    """Register a feedback item (phản ánh, kiến nghị)."""

    action: Literal["register"]
    note: Note = ""


class StartStudyStep(_Step):
    """A feedback item on a regulation goes under study (NĐ 20/2008, Điều 14)."""

    action: Literal["start_study"]
    note: Note = ""


class AssignStep(_Step):
    """Give the case to a handler of its body (any open case; not a move of the state machine)."""

    action: Literal["assign"]
    handler_id: int = Field(..., ge=1, le=MAX_ID, description="A user who handles cases of the case's body")
    note: Note = ""


class AcceptStep(_Step):
    """Thụ lý a complaint or denunciation: the resolution clock starts today."""

    action: Literal["accept"]
    document_number: Number = ""
    criteria: list[Criterion] | None = Field(
        None, max_length=len(Criterion.values), description="Complexity criteria of NĐ 31/2019/NĐ-CP, Art. 3"
    )


class RejectStep(_Step):
    """Do not accept, on a legal ground of the case's track (Luật Khiếu nại Art. 11; Luật Tố cáo Art. 29;
    NĐ 20/2008 Art. 9)."""

    action: Literal["reject"]
    reason: str = Field(..., max_length=30, description="A ground of the case's track, e.g. 6, form, scope")
    note: Note = ""


class TransferStep(_Step):
    """Send the case to the competent body with the reason; it starts again there as received."""

    action: Literal["transfer"]
    to_organization_id: int = Field(..., ge=1, le=MAX_ID, description="The competent body (see /organizations)")
    reason: Note


class StartVerificationStep(_Step):
    action: Literal["start_verification"]
    note: Note = ""


class HoldDialogueStep(_Step):
    """Record a dialogue and its minutes (Luật Khiếu nại Art. 30, 39)."""

    action: Literal["hold_dialogue"]
    minutes: Note
    held_on: dt.date | None = None


class ExtendStep(_Step):
    """Extend the time limit of a denunciation (Luật Tố cáo Art. 30): head only."""

    action: Literal["extend"]
    decision_number: Number
    reason: Note


class SuspendStep(_Step):
    """Suspend: the clock stops (head only)."""

    action: Literal["suspend"]
    reason: Note
    decision_number: Number = ""


class ResumeStep(_Step):
    """Resume a suspended case: the clock runs again (head only)."""

    action: Literal["resume"]
    decision_number: Number = ""
    note: Note = ""


class DecideStep(_Step):
    """The decision on a complaint (``decide``) or the conclusion on a denunciation (``conclude``): head only.
    The two names are the same step; the case's track decides which it records."""

    action: Literal["decide", "conclude"]
    outcome: Literal["right", "partly_right", "wrong"]
    decision_number: Number
    answer_text: Note


class SendDecisionStep(_Step):
    """Send the decision or conclusion to the parties; the citizen's rating link opens."""

    action: Literal["send_decision"]
    note: Note = ""


class AnswerStep(_Step):
    """Answer a feedback item; the citizen is told and their rating link opens."""

    action: Literal["answer"]
    answer_text: Note


class PublishStep(_Step):
    """Publish a redacted answer on the public page (for a tố cáo: never the denouncer's identity)."""

    action: Literal["publish"]
    public_answer: Note


class MarkInfoOnlyStep(_Step):
    """Keep an anonymous or improper denunciation as information (Luật Tố cáo Art. 25)."""

    action: Literal["mark_info_only"]
    note: Note


class CourtFiledStep(_Step):
    """The complainant sued: the complaint track stops (Luật Khiếu nại Art. 11(9))."""

    action: Literal["court_filed"]
    note: Note


class FinalizeStep(_Step):
    """The decision on a complaint is in legal effect (Luật Khiếu nại Art. 44)."""

    action: Literal["finalize"]


class CloseStep(_Step):
    action: Literal["close"]
    note: Note = ""


class WithdrawStep(_Step):
    """Record the petitioner's signed written request to withdraw; the case is terminated."""

    action: Literal["withdraw"]
    note: Note = ""


CaseStep = Annotated[
    ClassifyStep | RegisterStep | StartStudyStep | AssignStep | AcceptStep | RejectStep | TransferStep
    | StartVerificationStep | HoldDialogueStep | ExtendStep | SuspendStep | ResumeStep | DecideStep
    | SendDecisionStep | AnswerStep | PublishStep | MarkInfoOnlyStep | CourtFiledStep | FinalizeStep | CloseStep
    | WithdrawStep,
    Field(discriminator="action"),
]  # fmt: skip
# Every ``action`` value of CaseStep, in the order above (the list an unknown action is answered with).
STEP_ACTIONS: tuple[str, ...] = tuple(
    action for step in get_args(get_args(CaseStep)[0]) for action in get_args(step.model_fields["action"].annotation)
)
