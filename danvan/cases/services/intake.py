"""Intake: a citizen's petition from the web, the API, Open311 or the counter becomes a case.

The answer (tracking code and private link) is given only after the transaction has committed,
and a retried submission with the same idempotency key returns the case already stored, with the
same private link: the link's secret is derived from the server's key and a random salt kept on the
case (``core.tokens.derived_token``), so the server can give it again while the database alone cannot.
A retry is answered only when it carries the same petition as the first sending (an HMAC of the
petition, ``idempotency_fingerprint``); the interfaces scope the key to the caller (an API key's
prefix, a user), so someone who guesses another caller's key gets a refusal, never the link.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases import publicity, rules, selectors
from danvan.cases.choices import Channel, Status, Track
from danvan.cases.events import CASE_RECEIVED, ReceivedCase
from danvan.cases.models import Attachment, Case, IntakeQueue, RoutingRule, SealedIdentity, TopicCategory
from danvan.cases.services.clock import case_deadline_refresh
from danvan.cases.services.common import record
from danvan.core import clock, contacts, events, id_card, parsing
from danvan.core.errors import DomainError
from danvan.core.text import contains_html, fold, normalize_spaces
from danvan.core.tokens import derived_token, token_digest
from danvan.files import checks, sealing
from danvan.org import permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit

MAX_CONTENT = 10_000
MAX_PLACE_CHOICES = 12  # an old district became up to a dozen communes; more is no longer a choice
MIN_CONTENT = 10


@dataclass
class Petition:
    """What a person submits, already parsed from a form, an API body or a counter entry."""

    content: str
    title: str = ""
    track: str = Track.UNCLASSIFIED
    topic_code: str = ""
    place_text: str = ""
    place_unit_id: int | None = None
    # The web form and the counter ask "which one did you mean?" when the place written fits several
    # communes; the API keeps its older answer (the province, or a refusal naming the candidates).
    confirm_place: bool = False
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""  # ID card (CCCD): sealed with a tố cáo's identity; a complaint keeps a digest and last digits
    is_anonymous: bool = False
    people_count: int = 1
    consent: bool = False
    consent_text: str = ""
    files: list[tuple[str, bytes]] = field(default_factory=list)
    petition_scan: tuple[str, bytes] | None = None  # counter entry: the signed or fingerprinted petition
    # Public feedback (``cases.publicity``): the citizen agrees that the redacted report (and their photos,
    # with ``share_photos``) be shown. False unless the person was asked: the web form asks, ticked by default.
    publish: bool = False
    share_photos: bool = False


@dataclass(frozen=True)
class Submitted:
    case: Case
    access_token: str  # the secret of the private link (the same on a retry; "" for a case stored before salts)
    created: bool


class InvalidPetition(DomainError):
    code = codes.INVALID_PETITION


class IdempotencyConflict(DomainError):
    """The idempotency key was used before for another petition: nothing is stored, nothing is told."""

    code = codes.IDEMPOTENCY_CONFLICT


ACCESS_PURPOSE = "case-access"


def case_access_hash(token: str) -> str:
    """What is stored of a private link's secret. The selector that opens the link checks it with
    ``core.tokens.token_matches``, the same digest, so it need not import this service."""
    return token_digest(token)


def case_access_token(case: Case) -> str:
    """The secret of ``case``'s private link, rebuilt from its salt and the server's key; "" when it
    cannot be (a case stored before salts, or the server's key changed since)."""
    if not case.access_salt:
        return ""
    token = derived_token(ACCESS_PURPOSE, case.access_salt)
    return token if hmac.compare_digest(case_access_hash(token), case.access_token_hash) else ""


def petition_fingerprint(p: Petition) -> str:
    """A keyed digest of what was sent (never its text: the key is the server's), to tell a retry of
    the same petition from another petition sent with the same idempotency key."""
    fields = [p.content, p.title, p.track, p.topic_code, p.place_text, p.place_unit_id, p.latitude, p.longitude,
              p.name, p.phone, p.email, p.address, p.id_number, p.is_anonymous, p.people_count]  # fmt: skip
    files = [hashlib.sha256(data).hexdigest() for _name, data in p.files]
    if p.petition_scan is not None:
        files.append(hashlib.sha256(p.petition_scan[1]).hexdigest())
    canonical = json.dumps([[str(v) if v is not None else None for v in fields], files], ensure_ascii=False)
    return derived_token("idempotency", canonical)


def _retry_answer(existing: Case, fingerprint: str) -> Submitted:
    if existing.idempotency_fingerprint and not hmac.compare_digest(existing.idempotency_fingerprint, fingerprint):
        raise IdempotencyConflict(
            _("This request key was already used for another petition. Send it again with a new key.")
        )
    return Submitted(existing, case_access_token(existing), False)


def _validate(p: Petition) -> dict[str, str]:
    errors: dict[str, str] = {}
    content = normalize_spaces(p.content or "")
    if len(content) < MIN_CONTENT:
        errors["content"] = _("Please describe the matter (at least %(n)s characters).") % {"n": MIN_CONTENT}
    elif len(content) > MAX_CONTENT:
        errors["content"] = _("The content is longer than %(n)s characters.") % {"n": MAX_CONTENT}
    for name, value in (("content", p.content), ("title", p.title), ("name", p.name), ("address", p.address)):
        if value and contains_html(value):
            errors[name] = _("Please write plain text: HTML code is not accepted.")
    if p.track not in Track.values:
        errors["track"] = _("Unknown kind of petition.")
    if not p.consent:
        errors["consent"] = _("Please confirm that you agree to the processing of your information.")
    if p.track in {Track.PAKN, Track.KHIEU_NAI} and not p.is_anonymous:
        # NĐ 20/2008, Điều 7 (feedback) and Luật Khiếu nại 2011, Điều 8 (complaints): who and how to answer.
        if not p.name.strip():
            errors["name"] = _("Please give your name so the authority can answer you.")
        if not (p.phone.strip() or p.email.strip() or p.address.strip()):
            errors["phone"] = _("Please give a phone number, an email or an address to receive the answer.")
    # One rule for contacts, whatever the way in (danvan.core.contacts): no "not-an-email", markup or CRLF.
    for name, problem in (("phone", contacts.phone_problem(p.phone)), ("email", contacts.email_problem(p.email))):
        if problem is not None:
            errors.setdefault(name, problem)
    if (problem := id_card.id_number_problem(p.id_number)) is not None:
        errors["id_number"] = problem
    if p.track == Track.KHIEU_NAI and p.is_anonymous:
        errors["is_anonymous"] = _("A complaint cannot be anonymous (Luật Khiếu nại 2011, Điều 8).")
    if p.people_count < 1 or p.people_count > parsing.MAX_PEOPLE:
        errors["people_count"] = _("The number of petitioners is not valid.")
    if (p.latitude is None) != (p.longitude is None):
        errors["latitude"] = _("Give both latitude and longitude, or neither.")
    elif (
        p.latitude is not None
        and p.longitude is not None
        # Vietnam's land and sea area, generously: Trường Sa lies near 8.6–11.5°N, 111.5–117.8°E.
        and not (Decimal(6) <= p.latitude <= Decimal(24) and Decimal(101) <= p.longitude <= Decimal(118))
    ):
        errors["latitude"] = _("The map point is outside Vietnam.")
    if len(p.files) > rules.MAX_FILES_PER_CASE:
        errors["files"] = _("At most %(n)s files per petition.") % {"n": rules.MAX_FILES_PER_CASE}
    return errors


@dataclass(frozen=True)
class _Placed:
    """Where a petition is, and whether its commune was read from its content (the place field named none)."""

    commune: AdministrativeUnit | None
    province: AdministrativeUnit | None
    errors: dict[str, Any]
    from_content: bool = False


def _place(p: Petition) -> _Placed:
    """The commune and province (and errors) from the unit chosen, the place written, the point on the map or,
    last, the petition's content.

    A commune named by the place field wins; else the map point's commune; else a commune the content names
    without doubt that fits what the place field said (``_place_in_content``); else what the field could tell
    (its province, a question, or why it named nothing).
    """
    if p.place_unit_id is not None:
        return _Placed(*_place_chosen(p.place_unit_id))
    commune, province, errors, written = _place_written(p)
    if commune is None and p.latitude is not None and p.longitude is not None:
        from danvan.org.places import place_at

        found = place_at(float(p.latitude), float(p.longitude))
        if found is not None:
            return _Placed(*_place_chosen(found.unit_id))
    if commune is None and not errors:  # a question about the field stays the citizen's to answer
        read = _place_in_content(p, written, province)
        if read is not None:
            return _Placed(read, read.province, {}, from_content=True)
    return _Placed(commune, province, errors)


def _place_in_content(p: Petition, written: Any, province: AdministrativeUnit | None) -> AdministrativeUnit | None:
    """The commune the petition's content names, when the place field named none: only one commune, found
    without doubt (``nlp.places.place_in_text``: two places named, or a name used in several provinces, give
    nothing), and only one that narrows what the field said, never contradicts it — in its province, among
    the communes it could mean. A name the content shares with places elsewhere counts only when what the
    field said leaves exactly one of them. The words after "tôi là", "nhà tôi ở", "địa chỉ" … (the writer's own
    details: ``redaction.review_hints``) are not read: where the writer lives is not where the matter is.

    Never for a tố cáo: its letter names where the denouncer lives as often as the matter's place, in words the
    redaction keeps (a ward alone), and a case placed at the denouncer's own ward would go to the body that
    knows them; a person places it from the intake queue."""
    from danvan.cases.redaction import Identity, review_hints
    from danvan.nlp.places import place_in_text
    from danvan.org.resolver_data import place_index

    if p.track == Track.TO_CAO:
        return None
    content = unicodedata.normalize("NFC", p.content)  # line breaks kept: they end a place's words
    for hint in review_hints(content, Identity()):
        if hint.kind == "hint_self":
            content = content[: hint.start] + " " * (hint.end - hint.start) + content[hint.end :]
    found = place_in_text(content, place_index())
    if found.status not in {"exact", "ambiguous"}:
        return None
    if found.status == "ambiguous" and len({m.name.casefold() for m in found.candidates}) != 1:
        return None  # two different places named (not one name several provinces use): nothing
    fits = [m for m in (found.units if found.status == "exact" else found.candidates) if m.level == "commune"]
    if province is not None:
        fits = [m for m in fits if m.province_code == province.code]
    if written is not None and written.status in {"multiple", "ambiguous"}:
        meant = {m.key for m in (written.units or written.candidates)}
        fits = [m for m in fits if m.key in meant]
    if found.status == "exact" and len({m.key for m in found.units}) != 1:
        return None  # the content named several communes (an old district): no commune
    # A name the content shares with places elsewhere counts when what the field said leaves only one of them
    if len({m.key for m in fits}) != 1:
        return None
    return (
        AdministrativeUnit.objects.select_related("province")
        .filter(pk=fits[0].key, era=UnitEra.CURRENT, level=UnitLevel.COMMUNE)
        .first()
    )


def _place_chosen(unit_id: int) -> tuple[AdministrativeUnit | None, AdministrativeUnit | None, dict[str, Any]]:
    unit = AdministrativeUnit.objects.select_related("province").filter(pk=unit_id, era=UnitEra.CURRENT).first()
    if unit is None:
        return None, None, {"place_text": _("Unknown place.")}
    if unit.level == UnitLevel.PROVINCE:
        return None, unit, {}
    return unit, unit.province, {}


def _place_written(
    p: Petition,
) -> tuple[AdministrativeUnit | None, AdministrativeUnit | None, dict[str, Any], Any]:
    """(commune, province, errors, the resolver's answer or None for an empty field) from the place field."""
    if not p.place_text.strip():
        return None, None, {}, None
    from danvan.org.resolver_data import place_resolve

    resolution = place_resolve(p.place_text)
    if resolution.status == "not_found":
        return (
            None,
            None,
            {"place_text": _("This place was not found. Write the commune or ward and the province.")},
            resolution,
        )
    options = resolution.candidates if resolution.status == "ambiguous" else resolution.units
    if p.confirm_place and len({m.key for m in options}) > 1:
        # One rule, the resolver's: the candidates it lists are the choices the form offers.
        return (
            None,
            None,
            {
                "place_text": _("This place fits several communes or wards: choose the one you mean below."),
                "place_candidates": [(m.key, _candidate_label(m)) for m in options[:MAX_PLACE_CHOICES]],
            },
            resolution,
        )
    if resolution.status == "ambiguous" and resolution.province_code is None:
        names = "; ".join(f"{m.name}, {m.province_name}" for m in resolution.candidates[:5])
        return None, None, {"place_text": _("Which place do you mean? %(names)s") % {"names": names}}, resolution
    units = {m.key for m in resolution.units} if resolution.status in {"exact", "multiple"} else set()
    province = None
    if resolution.province_code is not None:
        province = AdministrativeUnit.objects.filter(
            era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=resolution.province_code
        ).first()
    if len(units) == 1 and resolution.kind != "province":
        commune = AdministrativeUnit.objects.select_related("province").get(pk=units.pop())
        if commune.level == UnitLevel.COMMUNE:
            return commune, commune.province, {}, resolution
    return None, province, {}, resolution


def _candidate_label(match: Any) -> str:
    """ "Phường Thuận An, Thành phố Huế — từ Huyện Phú Vang (cũ)": the unit, and the old one the text named."""
    where = match.name if match.level == UnitLevel.PROVINCE else f"{match.name}, {match.province_name}"
    if not match.via or match.via == "tên hiện nay":
        return where
    return _("%(place)s — from %(old)s") % {"place": where, "old": match.via.removesuffix(", " + match.province_name)}


def _unplaced_queue(province: AdministrativeUnit | None) -> IntakeQueue | None:
    """The intake queue of the province, else the one for anywhere; None when none is set up."""
    queues = IntakeQueue.objects.filter(is_active=True).select_related("owner")
    found = queues.filter(province=province).first() if province is not None else None
    return found or queues.filter(province__isnull=True).first()


def _route(track: str, topic: TopicCategory | None, commune: AdministrativeUnit | None,
           province: AdministrativeUnit | None) -> int | None:  # fmt: skip
    # Only the rules that could match this case: one rule per commune nationwide makes reading them
    # all on every submission the slow part of intake. ``route_best`` still picks the most specific.
    places = [u.pk for u in (commune, province) if u is not None]
    rows = (
        RoutingRule.objects.filter(is_active=True)
        .filter(Q(track="") | Q(track=track))
        .filter(Q(topic__isnull=True) | Q(topic=topic) if topic else Q(topic__isnull=True))
        .filter(Q(unit__isnull=True) | Q(unit_id__in=places))
        .values_list("pk", "organization_id", "track", "topic_id", "unit_id", "priority")
    )
    candidates = [rules.RouteCandidate(pk, org, tr, tp, unit, prio) for pk, org, tr, tp, unit, prio in rows]
    best = rules.route_best(
        candidates, track=track, topic_id=topic.pk if topic else None,
        commune_id=commune.pk if commune else None, province_id=province.pk if province else None,
    )  # fmt: skip
    return best.organization_id if best else None


def _checked(petition: Petition) -> tuple[dict[str, Any], _Placed, TopicCategory | None]:
    """What is wrong with ``petition`` apart from its files, with the place and topic it names."""
    errors: dict[str, Any] = dict(_validate(petition))
    place = _place(petition)
    errors.update(place.errors)
    topic = None
    if petition.topic_code:
        topic = TopicCategory.objects.filter(code=petition.topic_code, is_active=True).first()
        if topic is None:
            errors["topic_code"] = _("Unknown topic.")
    return errors, place, topic


def petition_problems(petition: Petition) -> dict[str, Any]:
    """Every refusal ``case_submit`` would give ``petition``, except its files' (each file is checked
    on its own by ``files.checks``): a form that failed its own parsing still tells the person every
    other thing to correct, all at once. Reads only; stores nothing."""
    return _checked(petition)[0]


def case_submit(*, actor: Any, petition: Petition, channel: str = Channel.WEB, idempotency_key: str = "") -> Submitted:
    """Store a petition as a new case, or return the case a retry already stored.

    Everything is checked before anything is written; one transaction writes the case, its sealed
    identity, its files, the first timeline event and the audit entry.
    """
    if channel == Channel.COUNTER:
        permissions.require(actor, case_permissions.COUNTER_INTAKE)
    key = idempotency_key.strip()[:100]
    fingerprint = petition_fingerprint(petition) if key else ""
    if key:
        existing = Case.objects.filter(channel=channel, idempotency_key=key).first()
        if existing is not None:
            return _retry_answer(existing, fingerprint)
    errors, place, topic = _checked(petition)
    cleaned_files = []
    try:
        checks.pixels_check(petition.files)  # headers only: before any image is decoded
    except DomainError as exc:
        errors["files"] = str(exc.message)
    for name, data in petition.files if "files" not in errors else []:
        try:
            cleaned_files.append(checks.inspect_upload(name, data))
        except DomainError as exc:
            errors["files"] = str(exc.message)
    scan = None
    if petition.petition_scan is not None:
        try:
            scan = checks.inspect_upload(*petition.petition_scan)
        except DomainError as exc:
            errors["petition_scan"] = str(exc.message)
    if errors:
        raise InvalidPetition(_("Please correct the marked fields."), details=errors)
    try:
        return _store(actor, petition, channel, key, fingerprint, place, topic, cleaned_files, scan)
    except IntegrityError:
        if key:  # two retries raced: the other one stored it
            existing = Case.objects.filter(channel=channel, idempotency_key=key).first()
            if existing is not None:
                return _retry_answer(existing, fingerprint)
        raise


def case_already_sent(*, actor: Any, channel: str, idempotency_key: str) -> Submitted | None:
    """The case a form with this idempotency key already stored, whatever the form holds now, with
    its private link; None when the key stored nothing.

    One rendering of the form is one submission: the browser's Back, an edit and "send" again answer
    with the case stored the first time (``created`` False), never a second case. Unlike a retry
    (``case_submit``), the petition is not compared: the interface must call this only for the one
    who sent the key (the web: a key its session sent), since it hands out the link.
    """
    if channel == Channel.COUNTER:
        permissions.require(actor, case_permissions.COUNTER_INTAKE)
    existing = selectors.case_stored_under(channel=channel, idempotency_key=idempotency_key)
    if existing is None:
        return None
    return Submitted(existing, case_access_token(existing), False)


@transaction.atomic
def _store(actor: Any, p: Petition, channel: str, key: str, fingerprint: str, place: _Placed,
           topic: Any, files: list[Any], scan: Any) -> Submitted:  # fmt: skip
    commune, province = place.commune, place.province
    today = clock.today()
    salt = secrets.token_urlsafe(18)
    token = derived_token(ACCESS_PURPOSE, salt)
    content = normalize_spaces(p.content)
    is_to_cao = p.track == Track.TO_CAO
    if p.is_anonymous:
        # Anonymous means anonymous: whatever was typed in the contact fields is not kept.
        p = dataclasses.replace(p, name="", phone="", email="", address="", id_number="")
    identity_values = [p.name, p.phone, p.email, p.address, p.id_number]
    organization_id = _route(p.track, topic, commune, province)
    # No commune, or no rule: the intake queue of the province (or of anywhere), whose owner places it.
    queue = _unplaced_queue(province) if commune is None or organization_id is None else None
    if queue is not None:
        organization_id = queue.organization_id
    case = Case(
        tracking_code=rules.tracking_code_new(p.track, today),
        access_token_hash=case_access_hash(token),
        access_salt=salt,
        track=p.track,
        status=Status.RECEIVED,
        # A tố cáo's title is redacted like its content: lists and search show titles to every handler.
        title=(
            rules.redact(normalize_spaces(p.title) or content[:80], identity_values)
            if is_to_cao
            else normalize_spaces(p.title) or content[:80]
        )[:200],
        # A tố cáo keeps only the redacted text in clear; the original letter is sealed with the identity.
        content=rules.redact(content, identity_values) if is_to_cao and not p.is_anonymous else content,
        redacted_content=rules.redact(content, identity_values) if is_to_cao else "",
        topic=topic,
        place_text=normalize_spaces(p.place_text)[:300],
        place_unit=commune,
        latitude=p.latitude,
        longitude=p.longitude,
        handling_organization_id=organization_id,
        # At the counter or a reception session the officer types the petition: not its submitter.
        submitter=actor
        if getattr(actor, "is_authenticated", False) and channel not in {Channel.COUNTER, Channel.RECEPTION}
        else None,
        # A tố cáo's identity goes to the sealed store, never to these columns (Luật Tố cáo, Điều 47).
        contact_name="" if is_to_cao else normalize_spaces(p.name)[:200],
        contact_phone="" if is_to_cao else p.phone.strip()[:20],
        contact_email="" if is_to_cao else p.email.strip()[:254],
        contact_address="" if is_to_cao else normalize_spaces(p.address)[:300],
        is_anonymous=p.is_anonymous,
        **_id_number_kept(p),
        people_count=p.people_count,
        channel=channel,
        idempotency_key=key,
        idempotency_fingerprint=fingerprint,
        consent_text=p.consent_text[:2000],
        consented_at=clock.now(),
        received_on=today,
        remote_area=bool(commune and commune.is_remote_area),
        publish_wanted=p.publish and p.track in publicity.CHOICE_TRACKS,
    )
    if case.publish_wanted:
        case.public_title = publicity.public_text(case.title, identity_values)[:200]
        case.public_text = publicity.public_text(content, identity_values)
    case.search_text = fold(
        f"{case.tracking_code} {case.title} {case.redacted_content or case.content} {case.place_text}"
    )
    if is_to_cao and not p.is_anonymous:
        from danvan.cases.services.protection import redaction_flag

        redaction_flag(case, identity_values)
    while Case.objects.filter(tracking_code=case.tracking_code).exists():
        case.tracking_code = rules.tracking_code_new(p.track, today)
    if is_to_cao and p.is_anonymous:
        # Luật Tố cáo 2018, Điều 25: anonymous information is not a denunciation, only information.
        case.status = Status.INFO_ONLY
    case_deadline_refresh(case)
    case.save()
    if is_to_cao and not p.is_anonymous:
        identity = {
            "name": p.name,
            "phone": p.phone,
            "email": p.email,
            "address": p.address,
            "id_number": id_card.id_number_clean(p.id_number),
            "content": content,
            # The names people give their files ("to-cao-cua-<name>-<phone>.pdf") identify them:
            # kept only here; the files themselves get neutral names (``neutral_file_name``).
            "file_names": "; ".join(clean.name for clean in files),
        }
        SealedIdentity.objects.create(case=case, token=sealing.seal_json(identity), key_id=sealing.key_fingerprint())
    uploader = actor if getattr(actor, "is_authenticated", False) else None
    for number, clean in enumerate(files, start=1):
        if is_to_cao:  # Luật Tố cáo 2018, Điều 56: no name, phone or place in a file name or path
            clean = dataclasses.replace(clean, name=neutral_file_name(number, clean.name))
        _attach(
            case,
            clean,
            Attachment.Kind.EVIDENCE,
            uploader,
            sealed=False,
            public=case.publish_wanted and p.share_photos and clean.content_type in publicity.PUBLIC_IMAGE_TYPES,
        )
    if scan is not None:
        # A signed petition carries the handwriting and name: sealed for a tố cáo (Điều 56(2)).
        _attach(case, scan, Attachment.Kind.PETITION_SCAN, uploader, sealed=is_to_cao)
    record(case, actor=actor, action="submit", before=None, public=True,
           note=str(_("Received through %(channel)s.") % {"channel": Channel(channel).label}),
           notify="" if case.status == Status.INFO_ONLY else "received",
           private_link=f"{settings.DANVAN_PUBLIC_URL.rstrip('/')}/tra-cuu/{case.tracking_code}/?k={token}")  # fmt: skip
    if place.from_content and commune is not None:  # the clerk sees where the place came from
        where = f"{commune.name}, {commune.province.name}" if commune.province else commune.name
        record(case, actor=None, action="place_from_content", before=None,
               note=_("The place field named no commune: %(place)s was read from the petition's content.")
               % {"place": where}, data={"unit": commune.pk, "place_text": case.place_text})  # fmt: skip
    if queue is not None:
        from danvan.cases.services.notify import staff_notify

        staff_notify(case=case, template="unplaced_intake", recipients=[queue.owner])
    # Insight listens, in this transaction: the same matter's index, and a routing suggestion (or the case
    # routed by the model).
    events.publish(CASE_RECEIVED, ReceivedCase(
        case_id=case.pk, organization_id=case.handling_organization_id, unit_id=case.place_unit_id,
        province_id=(commune.province_id if commune is not None else getattr(province, "pk", None)), track=case.track,
        title=case.title, content=case.redacted_content or case.content, received_on=case.received_on,
        people_count=case.people_count, topic=topic.code if topic else "", public_title=case.public_title,
        public_text=case.public_text))  # fmt: skip
    return Submitted(case, token, True)


ID_NUMBER_PURPOSE = "id-number"


def id_number_digest(raw: str) -> str:
    """The keyed digest a complaint keeps of its ID card number (the server's key: a copy of the database
    cannot turn it back into the twelve digits by trying them all)."""
    return derived_token(ID_NUMBER_PURPOSE, id_card.id_number_clean(raw))


def _id_number_kept(p: Petition) -> dict[str, str]:
    """What a case keeps of the ID card number: only a complaint's, minimised (legal-spec §11). A feedback
    item needs none (NĐ 20/2008, Điều 7: name and address); a tố cáo's goes into the seal only."""
    if p.track != Track.KHIEU_NAI or not p.id_number.strip():
        return {}
    digits = id_card.id_number_clean(p.id_number)
    return {"id_number_digest": id_number_digest(digits), "id_number_last4": digits[-4:]}


def neutral_file_name(number: int, name: str) -> str:
    """ "Tài liệu 3.pdf": the display name of a tố cáo's evidence, with the extension of ``name``."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    return f"Tài liệu {number}" + (f".{extension}" if extension.isalnum() and len(extension) <= 5 else "")


def storage_file_name(case: Case, name: str, *, sealed: bool = False) -> str:
    """The file's name on disk: random, plus the display name except on a tố cáo (Điều 56)."""
    key = secrets.token_hex(8)
    if case.is_to_cao:
        extension = name.rpartition(".")[2].lower() if "." in name else ""
        base = f"{key}.{extension}" if extension.isalnum() and len(extension) <= 5 else key
    else:
        base = f"{key}-{name}"
    return base + (".sealed" if sealed else "")


def _attach(case: Case, clean: Any, kind: str, uploader: Any, *, sealed: bool, public: bool = False) -> Attachment:
    from django.core.files.base import ContentFile

    data = sealing.seal_bytes(clean.data) if sealed else clean.data
    attachment = Attachment(case=case, name=clean.name, content_type=clean.content_type, size=clean.size,
                            sha256=clean.sha256, kind=kind, sealed=sealed, uploaded_by=uploader,
                            is_public=public and not sealed)  # fmt: skip
    attachment.file.save(storage_file_name(case, clean.name, sealed=sealed), ContentFile(data), save=False)
    attachment.save()
    return attachment
