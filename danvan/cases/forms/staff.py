"""Forms of the staff case pages: the inbox filters, bulk assignment and one form per handling step.

Each step form's field names are the keyword arguments of its service (``case_accept(*, case,
actor, document_number, criteria)`` ↔ ``AcceptForm``), so the view calls
``service(case=case, actor=user, **form.cleaned_data)`` and holds no per-step code. The forms only
parse; every rule (who, when, which legal ground) is checked again by the service.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from danvan.cases import permissions as case_permissions
from danvan.cases import publicity, selectors
from danvan.cases.choices import Criterion, DecisionOutcome, PublicHideReason, Status, Track, reject_reasons_for
from danvan.cases.forms.public import MultipleFileField
from danvan.cases.models import Case
from danvan.org import selectors as org_selectors
from danvan.org.choices import UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User

DEADLINE_STATES = [
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("on_time", _("On time")),
]
TEXT_LIMIT = 10_000


class LeanSelect(forms.Select):
    """A select rendered in one pass instead of a template per option: the inbox's lists of bodies and
    places run to thousands of options at national scope (a second of rendering with the default)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((str(key), mark_safe(" selected") if str(key) == chosen else "", label) for key, label in self.choices),
        )  # fmt: skip
        return format_html("<select{}>{}</select>", flatatt(final), options)


class LeanChoiceIterator(forms.models.ModelChoiceIterator):
    """Options straight from (pk, label columns) rows: no model instance per option."""

    def __iter__(self) -> Any:
        field: Any = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        for pk, *columns in self.queryset.values_list("pk", *field.label_columns):
            yield (pk, field.label_of(*columns))


class LeanModelChoiceField(forms.ModelChoiceField[Any]):
    """A ModelChoiceField whose options are read as plain rows (``label_columns`` → ``label_of``); the value
    is still checked against the queryset. For the inbox's lists of thousands of bodies and places."""

    iterator = LeanChoiceIterator
    label_columns: tuple[str, ...] = ("name",)

    def label_of(self, *columns: Any) -> str:
        return str(columns[0])


class PlaceChoiceField(LeanModelChoiceField):
    """A commune or ward, labelled like ``AdministrativeUnit.__str__`` ("Phường Phú Xuân, Thành phố Huế")."""

    label_columns = ("name", "province__name")

    def label_of(self, *columns: Any) -> str:
        name, province = columns
        return f"{name}, {province}" if province else str(name)


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name()} ({obj.get_username()})"


def _text(label: Any, *, required: bool = True, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )  # fmt: skip


def _number(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=60)


def _criteria(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=Criterion.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("NĐ 31/2019/NĐ-CP, Art. 3: the period follows the criteria recorded."),
    )  # fmt: skip


# Who may be chosen: org.selectors.users_who_may, with the action the chosen person will do ---------------


def handlers_of(case: Case) -> QuerySet[User]:
    """The people who may handle ``case`` (the service checks it again)."""
    if case.handling_organization is None:
        return User.objects.none()
    return org_selectors.users_who_may(case_permissions.HANDLE, organization=case.handling_organization)


def clerks_of(case: Case) -> QuerySet[User]:
    """The people who work on ``case``'s body and may read a denunciation (Luật Tố cáo 2018, Điều 56)."""
    if case.handling_organization is None:
        return User.objects.none()
    return org_selectors.users_who_may(case_permissions.VIEW_TO_CAO, organization=case.handling_organization)


def handlers_for_assigner(user: Any, organization: Organization | None = None) -> QuerySet[User]:
    """The handlers of the bodies where ``user`` may assign cases (for bulk assignment); of one of them only
    when ``organization`` is given."""
    bodies = org_selectors.organizations_where(user, case_permissions.ASSIGN)
    if organization is not None:
        bodies = bodies.filter(pk=organization.pk)
    return org_selectors.users_who_may(case_permissions.HANDLE, organizations=bodies)


def case_officers_in(organizations: QuerySet[Organization]) -> QuerySet[User]:
    """The people who handle cases in any of ``organizations`` (the inbox's handler filter)."""
    return org_selectors.users_who_may(case_permissions.HANDLE, organizations=organizations)


# The report of receipt and handling ------------------------------------------------------------------

LONGEST_PERIOD_DAYS = 366 * 5


class ReportPeriodForm(forms.Form):
    # The browser's date picker reads and writes ISO dates (2026-01-01), whatever the page's language.
    start = forms.DateField(label=_("Received from"),
                            widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))  # fmt: skip
    end = forms.DateField(label=_("Received until"),
                          widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The start of the period must come before its end."))
            if (end - start).days > LONGEST_PERIOD_DAYS:
                raise forms.ValidationError(_("The period can be at most five years long."))
        return data


# The inbox --------------------------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200,
        help_text=_("Code, title, content or place; with or without diacritics."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices])
    track = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Track.choices])
    deadline = forms.ChoiceField(label=_("Deadline"), required=False, choices=[("", _("Any")), *DEADLINE_STATES])
    organization = LeanModelChoiceField(
        label=_("Body"), required=False, queryset=Organization.objects.none(), empty_label=_("Any body"),
        widget=LeanSelect,
    )  # fmt: skip
    place = PlaceChoiceField(
        label=_("Place"), required=False, queryset=AdministrativeUnit.objects.none(), empty_label=_("Any place"),
        widget=LeanSelect,
    )  # fmt: skip
    handler = PersonChoiceField(label=_("Handler"), required=False, queryset=User.objects.none(),
                                empty_label=_("Anyone"), widget=LeanSelect)  # fmt: skip
    include_closed = forms.BooleanField(label=_("Include closed cases"), required=False)

    def __init__(self, *args: Any, organizations: QuerySet[Any], places: QuerySet[Any], handlers: QuerySet[User],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["place"].queryset = places  # type: ignore[attr-defined]
        self.fields["handler"].queryset = handlers  # type: ignore[attr-defined]


class IdsField(forms.Field):
    """The ticked rows of a list: a set of primary keys, capped."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limit = limit

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            ids = sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Unknown case."), code="invalid") from None
        if len(ids) > self.limit:
            raise forms.ValidationError(_("Tick at most %(n)s cases at a time.") % {"n": self.limit}, code="limit")
        return ids


class BulkAssignForm(forms.Form):
    cases = IdsField(label=_("Cases"), limit=200, error_messages={"required": _("Tick at least one case.")})
    handler = PersonChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, handlers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers  # type: ignore[attr-defined]


# One form per handling step ---------------------------------------------------------------------------


class StepForm(forms.Form):
    """A step's form; ``case`` lets a form offer the choices that fit the case."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case


class NoteForm(StepForm):
    note = _text(_("Note"), required=False)


class NoFieldsForm(StepForm):
    pass


class ClassifyForm(StepForm):
    track = forms.ChoiceField(
        label=_("Kind of petition"), choices=[(t.value, t.label) for t in (Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO)]
    )
    note = _text(_("Note"), required=False)


class AcceptForm(StepForm):
    document_number = _number(_("Notice of acceptance (số, ký hiệu)"), required=False)
    criteria = _criteria(_("Complexity criteria"))


class RejectForm(StepForm):
    reason = forms.ChoiceField(label=_("Legal ground"))
    note = _text(_("Note"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        reasons = reject_reasons_for(case.track)
        self.fields["reason"].choices = [("", "—"), *(reasons.choices if reasons else [])]  # type: ignore[attr-defined]


class TransferForm(StepForm):
    """The competent body, from a list grouped by level and kind of body; ``query`` narrows it (the search
    beside the list works without a script: it reloads the case page with ``?noi_nhan=``)."""

    to = forms.ModelChoiceField(label=_("Competent body"), queryset=Organization.objects.none())
    reason = _text(_("Reason for the transfer"))

    def __init__(self, *args: Any, case: Case, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        field = self.fields["to"]
        field.queryset = selectors.case_transfer_targets(case)  # type: ignore[attr-defined]
        self.target_count = 0
        if not self.is_bound:  # a sent form is checked against every target, whatever was searched
            bodies = list(selectors.case_transfer_targets(case, query=query))
            self.target_count = len(bodies)
            field.choices = transfer_choices(bodies)  # type: ignore[attr-defined]


def transfer_choices(bodies: Any) -> list[tuple[Any, Any]]:
    """``<optgroup>``s by level and kind ("Commune level · People's Committee"), in the selector's order."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for body in bodies:
        level = UnitLevel(body.unit.level).label if body.unit_id else _("Any level")
        groups.setdefault(f"{level} · {body.kind.name}", []).append((body.pk, body.name))
    return [("", "---------"), *groups.items()]


class AssignForm(StepForm):
    handler = PersonChoiceField(label=_("Handler"), queryset=User.objects.none())
    note = _text(_("Note"), required=False, rows=2)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["handler"].queryset = handlers_of(case)  # type: ignore[attr-defined]


class DialogueForm(StepForm):
    held_on = forms.DateField(label=_("Held on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    minutes = _text(_("Minutes of the dialogue"), rows=6)

    def clean_held_on(self) -> str:
        held_on = self.cleaned_data.get("held_on")
        return held_on.isoformat() if held_on else ""


class ComplexityForm(StepForm):
    criteria = _criteria(_("Complexity criteria"))
    note = _text(_("Note"), required=False, rows=2)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["criteria"].initial = list(case.criteria)


class ExtendForm(StepForm):
    decision_number = _number(_("Extension decision (số, ký hiệu)"))
    reason = _text(_("Reason for the extension"))


class SuspendForm(StepForm):
    decision_number = _number(_("Suspension decision (số, ký hiệu)"), required=False)
    reason = _text(_("Reason for the suspension"))


class ResumeForm(StepForm):
    decision_number = _number(_("Decision to continue (số, ký hiệu)"), required=False)
    note = _text(_("Note"), required=False, rows=2)


class DecideForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("Conclusion"),
        choices=[
            (o.value, o.label) for o in (DecisionOutcome.RIGHT, DecisionOutcome.PARTLY_RIGHT, DecisionOutcome.WRONG)
        ],
        widget=forms.RadioSelect,
    )
    decision_number = _number(_("Decision number (số, ký hiệu)"))
    answer_text = _text(_("Content of the decision"), rows=6)


class AnswerForm(StepForm):
    answer_text = _text(_("Answer to the citizen"), rows=6)
    after_photos = MultipleFileField(
        label=_("Photos after handling (optional)"), required=False,
        help_text=_("Shown on the public page beside the citizen's photos. JPEG, PNG or WebP."),
    )  # fmt: skip

    def clean_after_photos(self) -> list[tuple[str, bytes]]:
        return [(upload.name, upload.read()) for upload in self.cleaned_data.get("after_photos") or []]


class PublishForm(StepForm):
    public_answer = _text(
        _("Public answer"), rows=6,
        help_text=_("Published on the public page: remove every personal detail before publishing."),
    )  # fmt: skip

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        # A denunciation's answer is never prefilled: it is written from the redacted file only (Luật Tố cáo, Điều 40).
        if not case.is_to_cao:
            # Prefilled with the petitioner's details already taken out (the handler checks the rest).
            who = publicity.contact_identity(case.contact_name, case.contact_phone, case.contact_email,
                                             case.contact_address)  # fmt: skip
            self.fields["public_answer"].initial = case.public_answer or publicity.public_text(case.answer_text, who)
        if case.publish_wanted and case.public_text:
            # The report as the public feed shows it: its automatic redaction may need a correction.
            self.fields["public_text"] = _text(
                _("The report as shown on the public feed"), rows=6, required=False,
                help_text=_("Personal details were removed automatically; check and correct before publishing."),
            )  # fmt: skip
            self.fields["public_text"].initial = case.public_text


class RequiredNoteForm(StepForm):
    note = _text(_("Reason"))


class ReopenForm(StepForm):
    note = _text(_("What is still wrong, in the citizen's words"))


class CourtFiledForm(StepForm):
    note = _text(_("Court and date of the lawsuit"), rows=2)


class WithdrawForm(StepForm):
    note = _text(
        _("Signed written request"), rows=2,
        help_text=_("Date and reference of the petitioner's signed request to withdraw."),
    )  # fmt: skip


class SecondComplaintForm(StepForm):
    content = _text(_("Content of the second complaint"), rows=6)


SPLIT_PARTS = 3
SPLIT_TRACKS = (Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO)


class SplitForm(StepForm):
    """A mixed petition split into one case per track (Luật Tiếp công dân 2013, Art. 25(3)).

    Three optional part blocks, at least two of them filled; ``cleaned_data`` becomes the service's
    keyword arguments: ``parts`` (a list of ``{"track", "title", "content"}``) and ``note``.
    """

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        for n in range(1, SPLIT_PARTS + 1):
            self.fields[f"part{n}_track"] = forms.ChoiceField(
                label=_("Part %(n)s: kind of petition") % {"n": n}, required=False,
                choices=[("", "—"), *((t.value, t.label) for t in SPLIT_TRACKS)],
            )  # fmt: skip
            self.fields[f"part{n}_title"] = forms.CharField(
                label=_("Part %(n)s: title") % {"n": n}, required=False, max_length=200
            )
            self.fields[f"part{n}_content"] = _text(_("Part %(n)s: content") % {"n": n}, required=False)
        self.fields["note"] = _text(_("Note"), required=False, rows=2)

    def part_groups(self) -> list[dict[str, Any]]:
        """The part blocks for the template: a number and its three bound fields."""
        return [
            {"number": n, "fields": [self[f"part{n}_{name}"] for name in ("track", "title", "content")]}
            for n in range(1, SPLIT_PARTS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts: list[dict[str, str]] = []
        for n in range(1, SPLIT_PARTS + 1):
            track, title, content = (data.get(f"part{n}_{name}", "") for name in ("track", "title", "content"))
            if not (track or title or content):
                continue
            if not track:
                self.add_error(f"part{n}_track", _("Choose the kind of this part."))
            if not content:
                self.add_error(f"part{n}_content", _("Write the content of this part."))
            parts.append({"track": track, "title": title, "content": content})
        if len(parts) < 2:
            raise forms.ValidationError(
                _("Fill in at least two parts: a split makes one case per part."), code="split_parts"
            )
        return {"parts": parts, "note": data.get("note", "")}


# The sealed identity ---------------------------------------------------------------------------------


class RedactionForm(forms.Form):
    text = _text(
        _("Redacted text"), rows=8,
        help_text=_("Remove whatever could identify the denouncer (name, nickname, address, relatives, job). "
                    "Others on the case read this text once you save it."),
    )  # fmt: skip


class ReasonForm(forms.Form):
    reason = _text(
        _("Reason for opening"), rows=2,
        help_text=_("Kept in the audit log and shown to reviewers (at least 10 characters)."),
    )  # fmt: skip


class ClerkForm(forms.Form):
    clerk = PersonChoiceField(label=_("Clerk"), queryset=User.objects.none())
    reason = _text(_("Reason"), rows=2)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clerk"].queryset = clerks_of(case)  # type: ignore[attr-defined]


class PartiesForm(StepForm):
    """The petitioners of a group case, one per line: "name; address; phone", a trailing "*" for a
    representative (Luật Tiếp công dân 2013, Art. 30: 5–10 people → 1–2 representatives, more → up to 5)."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["people"] = _text(
            _("Petitioners, one per line: name; address; phone — end the line with * for a representative"),
            required=True, rows=6,
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parties = []
        for line in str(data.get("people", "")).splitlines():
            line = line.strip()
            if not line:
                continue
            representative = line.endswith("*")
            cells = [cell.strip() for cell in line.rstrip("*").split(";")]
            cells += [""] * (3 - len(cells))
            parties.append({"name": cells[0], "address": cells[1], "phone": cells[2],
                            "is_representative": representative})  # fmt: skip
        if not parties:
            raise forms.ValidationError(_("List at least one petitioner."), code="no_parties")
        return {"parties": parties}


# The public page's moderation (``services.moderation``) -------------------------------------------------


class HidePublicForm(StepForm):
    reason = forms.ChoiceField(label=_("Why"), choices=PublicHideReason.choices, widget=forms.RadioSelect,
                               help_text=_("Its petitioner sees this reason on their own page."))  # fmt: skip
    note = forms.CharField(
        label=_("Note for staff"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for another reason. Never shown to the petitioner or the public."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == PublicHideReason.OTHER and not str(data.get("note", "")).strip():
            self.add_error("note", _("Say why the report is taken off the public page."))
        return data


class ShowPublicForm(StepForm):
    note = forms.CharField(label=_("Note for staff"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class CorrectPublicForm(StepForm):
    public_title = forms.CharField(label=_("Public title"), max_length=200)
    public_text = forms.CharField(
        label=_("Public text"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What everyone reads on the public page. The petitioner's own name and contact details are "
                    "removed again automatically."),
    )  # fmt: skip

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["public_title"].initial = case.public_title
        self.fields["public_text"].initial = case.public_text


# The form of each step of ``cases.steps.STEPS`` (its fields are the step's service's keyword arguments).
class MergeDuplicateForm(StepForm):
    original = forms.CharField(
        label=_("Tracking code of the case it repeats"), max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("The petition is closed and handled with that case; its petitioner is told. This cannot be undone."),
    )  # fmt: skip
    note = _text(_("Note"), required=False, rows=2)


STEP_FORMS: dict[str, type[StepForm]] = {
    "classify": ClassifyForm,
    "register": NoteForm,
    "start_study": NoteForm,
    "accept": AcceptForm,
    "reject": RejectForm,
    "split": SplitForm,
    "parties": PartiesForm,
    "transfer": TransferForm,
    "assign": AssignForm,
    "start_verification": NoteForm,
    "hold_dialogue": DialogueForm,
    "set_complexity": ComplexityForm,
    "extend": ExtendForm,
    "suspend": SuspendForm,
    "resume": ResumeForm,
    "decide": DecideForm,
    "conclude": DecideForm,
    "send_decision": NoteForm,
    "answer": AnswerForm,
    "publish": PublishForm,
    "hide_public": HidePublicForm,
    "show_public": ShowPublicForm,
    "correct_public": CorrectPublicForm,
    "mark_info_only": RequiredNoteForm,
    "court_filed": CourtFiledForm,
    "finalize": NoFieldsForm,
    "close": NoteForm,
    "reopen": ReopenForm,
    "withdraw": WithdrawForm,
    "merge_duplicate": MergeDuplicateForm,
    "second_complaint": SecondComplaintForm,
}
