"""Every change to the commitments part (Chỉ thị 05): one keyword-only function per action, in one
transaction, permission first, audited.

Rules kept here, once (each refusal has its code in ``errors``):

- a cadre (a staff role in the body today) registers for himself, in that body, during the year's
  registration window (``CommitmentYear``), at most ``max_per_person`` commitments a year (seed 004: "one
  or two"; the limit is data with its source, [U] until Chỉ thị 05's text is read);
- what, why and the measurable result are required; the deadline falls inside the year;
- the person may withdraw one (kept on record) while registration is open and before any review;
- a self-review (mid-year or year-end) is written by the person during its window, with a self-rating and
  evidence checked by ``files.checks``; before it is assessed it may be rewritten in place;
- the head of the body (``HEAD`` covering it, never the person himself) assesses the latest version once;
  it is then frozen: a change is a NEW version with its reason, to be assessed again, and the assessed
  version stays on record;
- reminders go once per person, year and window (``CommitmentReminder``), in-app through notifications.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.reference_data import require_reference_data_editor
from danvan.emulation import errors
from danvan.emulation import permissions as emulation_permissions
from danvan.emulation.models import (
    Commitment,
    CommitmentReminder,
    CommitmentReview,
    CommitmentYear,
    PublicCommitment,
    ReviewEvidence,
    ReviewPeriod,
    ReviewRating,
)
from danvan.emulation.rules import commitments as rules
from danvan.emulation.selectors import commitments as selectors
from danvan.files import checks
from danvan.org import permissions
from danvan.org.models import Organization

MAX_EVIDENCE_FILES = 5  # per review version


def _year_or_refuse(year: int) -> CommitmentYear:
    row = selectors.commitment_year_get(year)
    if row is None:
        raise DomainError(_("No commitment year %(year)s has been opened.") % {"year": year},
                          code=errors.COMMITMENT_NO_YEAR)  # fmt: skip
    return row


def _required(fields: dict[str, str]) -> None:
    missing = {name: _("This field is required.") for name, value in fields.items() if not value}
    if missing:
        raise DomainError(_("Write what you will do, why, and the measurable result."),
                          code=errors.COMMITMENT_FIELD_MISSING, details=missing)  # fmt: skip


@transaction.atomic
def commitment_register(*, user: Any, organization: Organization, title: str, reason: str,
                        measurable_result: str, due_on: dt.date) -> Commitment:  # fmt: skip
    """Register one commitment of ``user`` in ``organization`` for this year."""
    year = clock.today().year
    commitment = Commitment(person=user, organization=organization, year=year, title=title.strip(),
                            reason=reason.strip(), measurable_result=measurable_result.strip(), due_on=due_on)  # fmt: skip
    permissions.require(user, emulation_permissions.COMMITMENT_REGISTER, commitment)
    if not selectors.is_cadre_of(user, organization):
        raise PermissionDenied("not a cadre of this body", code="forbidden")
    config = _year_or_refuse(year)
    windows = config.windows()
    _required({"title": commitment.title, "reason": commitment.reason,
               "measurable_result": commitment.measurable_result})  # fmt: skip
    if not windows.registration_open(clock.today()):
        raise DomainError(
            _("Registration for %(year)s is open from %(opens)s to %(closes)s.")
            % {"year": year, "opens": f"{windows.registration_opens_on:%d/%m/%Y}",
               "closes": f"{windows.registration_closes_on:%d/%m/%Y}"},
            code=errors.COMMITMENT_WINDOW_CLOSED,
        )  # fmt: skip
    if not rules.due_within_year(due_on, year) or due_on < clock.today():
        raise DomainError(_("The deadline must fall between today and 31/12/%(year)s.") % {"year": year},
                          code=errors.COMMITMENT_DUE_OUTSIDE_YEAR, details={"field": "due_on"})  # fmt: skip
    # The person's row is locked so two registrations at once cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    already = Commitment.objects.filter(person_id=user.pk, year=year, withdrawn_at__isnull=True).count()
    if not rules.may_register_another(already=already, limit=config.max_per_person):
        raise DomainError(
            _("Chỉ thị 05: each cadre registers at most %(limit)s commitments a year; you have %(already)s.")
            % {"limit": config.max_per_person, "already": already},
            code=errors.COMMITMENT_LIMIT,
            details={"limit": config.max_per_person, "source": config.source},
        )
    commitment.save()
    audit_record(actor=user, action="emulation.commitment_registered", obj=commitment,
                 after={"year": year, "organization": organization.pk, "due_on": due_on})  # fmt: skip
    return commitment


@transaction.atomic
def commitment_withdraw(*, user: Any, commitment: Commitment) -> Commitment:
    """The person withdraws a commitment (to replace a wrong one): only while registration is open and
    before any review; the row stays on record, withdrawn, and no longer counts."""
    permissions.require(user, emulation_permissions.COMMITMENT_REGISTER, commitment)
    if commitment.person_id != user.pk:
        raise PermissionDenied("only the person withdraws his commitment", code="forbidden")
    windows = _year_or_refuse(commitment.year).windows()
    if not windows.registration_open(clock.today()) or commitment.reviews.exists():
        raise DomainError(_("A commitment is withdrawn only while registration is open and before any review."),
                          code=errors.COMMITMENT_WITHDRAW_CLOSED)  # fmt: skip
    if commitment.withdrawn_at is None:
        commitment.withdrawn_at = clock.now()
        commitment.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=user, action="emulation.commitment_withdrawn", obj=commitment)
    return commitment


def _clean_files(files: list[tuple[str, bytes]]) -> list[checks.CleanUpload]:
    if len(files) > MAX_EVIDENCE_FILES:
        raise DomainError(_("At most %(n)s files per review.") % {"n": MAX_EVIDENCE_FILES},
                          code=errors.REVIEW_TOO_MANY_FILES, details={"field": "evidence"})  # fmt: skip
    try:
        # As the models' photos (services.dvk): the images' pixels together are bounded before any is decoded.
        checks.pixels_check(files)
        return [checks.inspect_upload(name, data) for name, data in files]
    except checks.UploadRejected as exc:
        raise DomainError(exc.message, code=exc.code, details={"field": "evidence"}) from exc


@transaction.atomic
def review_submit(*, user: Any, commitment: Commitment, period: str, text: str, self_rating: str,
                  change_reason: str = "", files: list[tuple[str, bytes]] | None = None) -> CommitmentReview:  # fmt: skip
    """Write (or rewrite) the person's self-review of ``commitment`` for ``period``.

    Not yet assessed: the latest version is rewritten in place. Assessed: frozen, so a change is a new
    version that needs its reason (and a new assessment)."""
    permissions.require(user, emulation_permissions.COMMITMENT_REGISTER, commitment)
    if commitment.person_id != user.pk:
        raise PermissionDenied("only the person reviews his commitment", code="forbidden")
    if period not in ReviewPeriod.values:
        raise DomainError(_("Choose the mid-year or the year-end review."), code=errors.COMMITMENT_FIELD_MISSING,
                          details={"field": "period"})  # fmt: skip
    which = rules.Period(period)
    if self_rating not in ReviewRating.values:
        raise DomainError(_("Choose a self-rating."), code=errors.COMMITMENT_FIELD_MISSING,
                          details={"field": "self_rating"})  # fmt: skip
    if not text.strip():
        raise DomainError(_("Write what was done."), code=errors.COMMITMENT_FIELD_MISSING, details={"field": "text"})
    windows = _year_or_refuse(commitment.year).windows()
    if not windows.review_open(which, clock.today()):
        opens, closes = windows.review_dates(which)
        raise DomainError(_("This review is written from %(opens)s to %(closes)s.")
                          % {"opens": f"{opens:%d/%m/%Y}", "closes": f"{closes:%d/%m/%Y}"},
                          code=errors.REVIEW_WINDOW_CLOSED)  # fmt: skip
    cleaned = _clean_files(files or [])
    # The commitment row locked first: with no review yet there is no review row to lock, so a double submit
    # would insert version 1 twice (a 500 on the unique constraint). The second now waits, then finds the
    # first's review and rewrites it in place.
    Commitment.objects.select_for_update().filter(pk=commitment.pk).first()
    latest = (
        CommitmentReview.objects.select_for_update()
        .filter(commitment=commitment, period=which.value)
        .order_by("-version")
        .first()
    )
    if latest is not None and latest.frozen:
        if not change_reason.strip():
            raise DomainError(_("This review was assessed: a change is a new version and needs its reason."),
                              code=errors.REVIEW_FROZEN_NEEDS_REASON, details={"field": "change_reason"})  # fmt: skip
        review = CommitmentReview(commitment=commitment, period=which.value, version=latest.version + 1,
                                  change_reason=change_reason.strip())  # fmt: skip
    elif latest is not None:
        review = latest
    else:
        review = CommitmentReview(commitment=commitment, period=which.value, version=1)
    review.text, review.self_rating, review.submitted_at = text.strip(), self_rating, clock.now()
    review.save()
    for clean in cleaned:
        evidence = ReviewEvidence(review=review, name=clean.name, content_type=clean.content_type, size=clean.size,
                                  sha256=clean.sha256)  # fmt: skip
        evidence.file.save(f"{secrets.token_hex(8)}-{clean.name}", ContentFile(clean.data), save=False)
        evidence.save()
    audit_record(actor=user, action="emulation.commitment_reviewed", obj=review,
                 after={"period": which.value, "version": review.version, "self_rating": self_rating,
                        "files": len(cleaned)}, reason=review.change_reason)  # fmt: skip
    return review


@transaction.atomic
def review_assess(*, user: Any, review: CommitmentReview, assessment: str, comment: str = "") -> CommitmentReview:
    """The head's assessment of the latest version of a self-review; it freezes the review."""
    permissions.require(user, emulation_permissions.COMMITMENT_ASSESS, review)
    if review.commitment.person_id == user.pk:
        raise DomainError(_("Nobody assesses his own commitment: the head above does."),
                          code=errors.REVIEW_OWN_ASSESSMENT)  # fmt: skip
    if assessment not in ReviewRating.values:
        raise DomainError(_("Choose completed, partly completed or not completed."),
                          code=errors.COMMITMENT_FIELD_MISSING, details={"field": "assessment"})  # fmt: skip
    locked = CommitmentReview.objects.select_for_update().get(pk=review.pk)
    newer = CommitmentReview.objects.filter(commitment_id=locked.commitment_id, period=locked.period,
                                            version__gt=locked.version).exists()  # fmt: skip
    if locked.frozen or newer:
        raise DomainError(_("This review was already assessed; a change comes as a new version from its author."),
                          code=errors.REVIEW_ALREADY_ASSESSED)  # fmt: skip
    locked.assessment, locked.assessment_comment = assessment, comment.strip()
    locked.assessed_by, locked.assessed_at = user, clock.now()
    locked.save(update_fields=["assessment", "assessment_comment", "assessed_by", "assessed_at"])
    audit_record(actor=user, action="emulation.commitment_assessed", obj=locked,
                 after={"assessment": assessment, "version": locked.version})  # fmt: skip
    return locked


@transaction.atomic
def public_commitment_post(*, user: Any, organization: Organization, year: int, title: str,
                           items: str) -> PublicCommitment:  # fmt: skip
    """Post ``organization``'s public service commitments (e.g. "ba không, ba nên, ba cần") for ``year``."""
    row = PublicCommitment(organization=organization, year=year, title=title.strip(), items=items.strip(),
                           posted_by=user)  # fmt: skip
    permissions.require(user, emulation_permissions.PUBLIC_COMMITMENT_POST, row)
    if not row.title or not row.lines():
        raise DomainError(_("Give a title and at least one commitment."), code=errors.PUBLIC_COMMITMENT_EMPTY)
    row.save()
    audit_record(actor=user, action="emulation.public_commitment_posted", obj=row, after={"year": year})
    return row


@transaction.atomic
def public_commitment_withdraw(*, user: Any, row: PublicCommitment) -> PublicCommitment:
    permissions.require(user, emulation_permissions.PUBLIC_COMMITMENT_POST, row)
    if row.withdrawn_at is None:
        row.withdrawn_at = clock.now()
        row.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=user, action="emulation.public_commitment_withdrawn", obj=row)
    return row


# --- Reminders ----------------------------------------------------------------------------------------


def _remind(person: Any, year: int, window: rules.ReminderWindow, subject: str) -> bool:
    """Send one reminder unless this person already had it for this window (True if sent)."""
    from django.urls import reverse

    from danvan.notifications.services import notification_send

    try:
        with transaction.atomic():
            CommitmentReminder.objects.create(person=person, year=year, window=window.value)
            notification_send(channel="in_app", recipient=person, template=f"emulation.commitment_{window.value}",
                              subject=subject, body=subject, about_kind="emulation.commitment_year",
                              about_id=year, about_label=str(year),
                              link=reverse("emulation:commitments_mine"))  # fmt: skip
    except IntegrityError:
        return False  # already reminded: the unique row is the mark
    return True


def commitments_remind_sweep(*, today: dt.date) -> dict[str, int]:
    """Remind, once per window, the cadres with no commitment while registration is open, and the
    people with a commitment and no review of the open review period."""
    config = selectors.commitment_year_get(today.year)
    counts = {"reminded": 0, "already": 0}
    if config is None:
        return counts
    window = config.windows().open_reminder_window(today)
    if window is None:
        return counts
    live = Commitment.objects.filter(year=config.year, withdrawn_at__isnull=True)
    people: Any  # the ids of the people to remind (a subquery)
    if window is rules.ReminderWindow.REGISTRATION:
        with_one = live.values("person_id")
        people = selectors.cadre_assignments(today).exclude(user_id__in=with_one).values("user_id")
        closes = config.registration_closes_on
        subject = _("Register your Chỉ thị 05 commitments for %(year)s by %(day)s.")
    else:
        reviewed = CommitmentReview.objects.filter(commitment__in=live, period=window.value).values("commitment_id")
        people = live.exclude(pk__in=reviewed).values("person_id")
        closes = config.windows().review_dates(rules.Period(window.value))[1]
        subject = _("Write the self-review of your %(year)s commitments by %(day)s.")
    text = subject % {"year": config.year, "day": f"{closes:%d/%m/%Y}"}
    already = set(
        CommitmentReminder.objects.filter(year=config.year, window=window.value).values_list("person_id", flat=True)
    )
    for person in get_user_model().objects.filter(pk__in=people, is_active=True).order_by("pk"):
        if person.pk in already:
            counts["already"] += 1
        elif _remind(person, config.year, window, text):
            counts["reminded"] += 1
        else:
            counts["already"] += 1
    return counts


# A year's settings (the limit and the windows: data, [U]) -----------------------------------------------


def _require_year_editor(user: Any) -> None:
    require_reference_data_editor(user, emulation_permissions.COMMITMENT_YEAR_EDIT)


def _check_year(windows: rules.Windows, *, limit: int, source: str, today: dt.date) -> None:
    if rules.year_settings_frozen(windows, today):
        raise DomainError(_("Registration for %(year)s would open on %(day)s, which is not after today: a "
                            "year's settings are set before its registration opens.")
                          % {"year": windows.year, "day": windows.registration_opens_on.strftime("%d/%m/%Y")},
                          code=errors.COMMITMENT_YEAR_FROZEN)  # fmt: skip
    problems = rules.year_settings_problems(windows, limit=limit)
    if "windows" in problems:
        raise DomainError(_("The windows of %(year)s must follow one another inside the year: registration, then "
                            "the mid-year review, then the year-end review (which may close by 31/01 of the "
                            "next year), each opening on or before the day it closes.") % {"year": windows.year},
                          code=errors.COMMITMENT_YEAR_WINDOWS)  # fmt: skip
    if "limit" in problems:
        low, high = rules.LIMIT_RANGE
        raise DomainError(_("Chỉ thị 05 asks each cadre for one or two concrete commitments a year: the limit must "
                            "be between %(low)d and %(high)d.") % {"low": low, "high": high},
                          code=errors.COMMITMENT_YEAR_LIMIT)  # fmt: skip
    if not source.strip():
        raise DomainError(_("Name the source of these settings (a text, or the local decision)."),
                          code=errors.COMMITMENT_YEAR_SOURCE)  # fmt: skip


def _windows(year: int, dates: dict[str, dt.date]) -> rules.Windows:
    return rules.Windows(year=year, **{name: dates[name] for name in YEAR_DATES})


YEAR_DATES = ("registration_opens_on", "registration_closes_on", "midyear_opens_on", "midyear_closes_on",
              "yearend_opens_on", "yearend_closes_on")  # fmt: skip


@transaction.atomic
def commitment_year_create(*, user: Any, year: int, max_per_person: int, source: str,
                           **dates: dt.date) -> CommitmentYear:  # fmt: skip
    """A year's settings, by the province's dân vận officer, before its registration opens."""
    _require_year_editor(user)
    if CommitmentYear.objects.filter(year=year).exists():
        raise DomainError(_("The settings of %(year)s already exist: edit them.") % {"year": year},
                          code=errors.COMMITMENT_YEAR_EXISTS)  # fmt: skip
    windows = _windows(year, dates)
    _check_year(windows, limit=max_per_person, source=source, today=clock.today())
    try:
        with transaction.atomic():  # a double submit: the unique year decides, the second is told it exists
            row = CommitmentYear.objects.create(year=year, max_per_person=max_per_person, source=source.strip(),
                                                **{name: dates[name] for name in YEAR_DATES})  # fmt: skip
    except IntegrityError:
        raise DomainError(_("The settings of %(year)s already exist: edit them.") % {"year": year},
                          code=errors.COMMITMENT_YEAR_EXISTS) from None  # fmt: skip
    audit_record(actor=user, action="emulation.commitment_year_created", obj=row,
                 after={"max_per_person": max_per_person, "source": row.source,
                        **{name: dates[name] for name in YEAR_DATES}})  # fmt: skip
    return row


@transaction.atomic
def commitment_year_update(*, user: Any, row: CommitmentYear, max_per_person: int, source: str,
                           **dates: dt.date) -> CommitmentYear:  # fmt: skip
    """Change a year's settings while its registration has not opened (frozen from that day: both the
    settings as they stand and the new ones must open after today)."""
    _require_year_editor(user)
    row = CommitmentYear.objects.select_for_update().get(pk=row.pk)
    today = clock.today()
    if rules.year_settings_frozen(row.windows(), today):
        raise DomainError(_("Registration for %(year)s opened on %(day)s: its settings can no longer be changed.")
                          % {"year": row.year, "day": row.registration_opens_on.strftime("%d/%m/%Y")},
                          code=errors.COMMITMENT_YEAR_FROZEN)  # fmt: skip
    _check_year(_windows(row.year, dates), limit=max_per_person, source=source, today=today)
    before = {"max_per_person": row.max_per_person, "source": row.source,
              **{name: getattr(row, name) for name in YEAR_DATES}}  # fmt: skip
    row.max_per_person, row.source = max_per_person, source.strip()
    for name in YEAR_DATES:
        setattr(row, name, dates[name])
    row.save()
    audit_record(actor=user, action="emulation.commitment_year_changed", obj=row, before=before,
                 after={"max_per_person": max_per_person, "source": row.source,
                        **{name: dates[name] for name in YEAR_DATES}})  # fmt: skip
    return row
