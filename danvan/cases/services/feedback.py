"""Public feedback: the citizen's "still not fixed", "I have this problem too", and the handler's photos
after handling. What is public is ``cases.publicity``'s rule; these are the writes around it.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases import publicity
from danvan.cases.models import Attachment, Case, CaseSupport
from danvan.cases.selectors import case_get_by_grant, case_get_by_verified_contact, case_get_owned
from danvan.cases.selectors_feed import public_q
from danvan.cases.services.common import public_text_changed
from danvan.cases.services.handling import _move, _required
from danvan.cases.transitions import Action
from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.files import checks

SUPPORT_SALT = "danvan.cases.support"


def _reopen(case: Case, *, actor: Any, note: str, permission: str | None, by_citizen: bool) -> Case:
    note = _required(note, _("what is still wrong"))[:2000]

    def change(c: Case) -> None:
        c.reopened_on = clock.today()

    with transaction.atomic():
        reopened = _move(case, actor=actor, action=Action.REOPEN, permission=permission, change=change,
                         note=note, public=True, data={"by_citizen": by_citizen})  # fmt: skip
        _tell_the_body(reopened)
    return reopened


def _tell_the_body(case: Case) -> None:
    """The handler (or, with none, whoever handles the body's cases) learns it is back in the queue."""
    from danvan.cases.services.notify import staff_notify
    from danvan.org.selectors import users_who_may

    if case.handler is not None:
        recipients = [case.handler]
    elif case.handling_organization is not None:
        recipients = list(users_who_may(case_permissions.HANDLE, organization=case.handling_organization))
    else:
        recipients = []
    staff_notify(case=case, template="reopened", recipients=recipients)


def case_reopen(*, case: Case, actor: Any, note: str) -> Case:
    """An officer records the citizen's "still not fixed" (said at the counter or by phone)."""
    return _reopen(case, actor=actor, note=note, permission=case_permissions.HANDLE, by_citizen=False)


def case_reopen_by_citizen(*, tracking_code: str, actor: Any, grant: str = "", note: str) -> Case:
    """The citizen who sent an answered feedback item says it is still not fixed, within the window: the
    signed-in submitter, or the browser that opened its private link (``grant``). Anyone else is told
    "not found", as for a case that does not exist."""
    try:
        case = case_get_by_grant(tracking_code=tracking_code, grant=grant)
    except NotFound:
        try:
            case = case_get_owned(user=actor, tracking_code=tracking_code)
        except NotFound:
            # Signed in with the phone or email the petition was sent with (danvan.citizens): the same
            # person the private page already shows it to. NotFound for anyone else.
            case = case_get_by_verified_contact(user=actor, tracking_code=tracking_code)
    return _reopen(case, actor=actor, note=note, permission=None, by_citizen=True)


def case_public_forget(case: Case) -> None:
    """Nothing of ``case`` is kept for the feed any longer (it left the feedback track): called inside the
    step that moves it, which saves the case."""
    case.publish_wanted = False
    case.public_title = case.public_text = ""
    public_text_changed(case)
    case.attachments.filter(is_public=True).update(is_public=False)


def supporter_key(*, user_id: int | None, device: str) -> str:
    """Who supports, as a keyed digest: the account if signed in, else the device cookie."""
    if not user_id and not device:
        return ""  # nobody to count once: case_support refuses it
    who = f"user:{user_id}" if user_id else f"device:{device}"
    return salted_hmac(SUPPORT_SALT, who, algorithm="sha256").hexdigest()


def case_support(*, tracking_code: str, supporter: str) -> tuple[int, bool]:
    """ "I have this problem too" on a public report: (the number of supporters, whether this one is new).
    Once per person or device; a report that is not public is "not found"."""
    if not supporter:
        raise DomainError(_("Your browser must accept cookies to support a report."), code=codes.REQUIRED)
    case = Case.objects.filter(public_q(), tracking_code=tracking_code.strip().upper()).first()
    if case is None:
        raise NotFound("report not found")
    created = False
    try:
        with transaction.atomic():
            _support, created = CaseSupport.objects.get_or_create(case=case, supporter=supporter)
    except IntegrityError:  # two clicks raced: the other one counted it
        created = False
    return CaseSupport.objects.filter(case=case).count(), created


def case_attach_after_photos(*, case: Case, actor: Any, photos: list[tuple[str, bytes]]) -> list[Attachment]:
    """The handler's photos after handling, shown beside the citizen's "before" on the public page.
    Images only, cleaned like every upload (metadata and GPS removed)."""
    from danvan.cases.services.intake import _attach

    cleaned = []
    for name, data in photos:
        clean = checks.inspect_upload(name, data)
        if clean.content_type not in publicity.PUBLIC_IMAGE_TYPES:
            raise DomainError(_("Photos after handling must be JPEG, PNG or WebP images."), code=codes.NOT_PUBLIC)
        cleaned.append(clean)
    uploader = actor if getattr(actor, "is_authenticated", False) else None
    return [_attach(case, clean, Attachment.Kind.AFTER, uploader, sealed=False, public=True) for clean in cleaned]
