"""The villages part's REST endpoints; operation ids pinned as danvan_api_democracy_villages_*.

A commune's villages with household counts are public (no names, no contacts); a village's
households are for VIEW_HOUSEHOLDS; the two imports for MANAGE_VILLAGES (multipart ``file``, optional
``dry_run``), answering the report (every bad row with line, column and code; nothing stored then)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from danvan.core import tabular
from danvan.core.errors import NotFound
from danvan.democracy.permissions import VIEW_HOUSEHOLDS
from danvan.democracy.selectors import villages as selectors
from danvan.democracy.services import villages as services
from danvan.org import permissions
from danvan.rest.auth import ApiError, principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID

router = Router(tags=["democracy"])


class VillagePublic(Schema):
    code: str
    name: str
    kind: str
    households: int


class CommuneVillages(Schema):
    commune_code: int
    commune: str
    villages: list[VillagePublic]


class HouseholdOut(Schema):
    id: int
    code: str
    representative_name: str
    phone: str
    email: str
    members: int
    counted: bool


class VillageHouseholds(Schema):
    village_id: int
    village: str
    counted: int
    members: int
    households: list[HouseholdOut]


class RowErrorOut(Schema):
    line: int
    column: str
    code: str
    message: str


class ImportReportOut(Schema):
    ok: bool
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    errors: list[RowErrorOut]


@router.get("/democracy/communes/{code}/villages", response={200: CommuneVillages, **ERRORS},
            operation_id="danvan_api_democracy_villages_list", summary="A commune's villages with household counts")  # fmt: skip
def villages_list(request: HttpRequest, code: int) -> CommuneVillages:
    principal(request)
    try:
        commune = selectors.commune_public(code)
    except NotFound:
        raise ApiError(404, "not_found", _("Not found.")) from None
    rows = [VillagePublic(code=v.code, name=v.name, kind=v.kind, households=v.households)
            for v in selectors.villages_public(commune)]  # fmt: skip
    return CommuneVillages(commune_code=commune.code, commune=commune.name, villages=rows)


@router.get("/democracy/villages/{village_id}/households", response={200: VillageHouseholds, **ERRORS},
            tags=["staff"], operation_id="danvan_api_democracy_villages_households",
            summary="A village's households (representatives and contacts)")  # fmt: skip
def village_households(request: HttpRequest, village_id: int) -> VillageHouseholds:
    user = staff_user(principal(request))
    if not 0 < village_id <= MAX_ID:
        raise ApiError(404, "not_found", _("Not found."))
    try:
        village = selectors.village_for(user, village_id)
    except NotFound:
        raise ApiError(404, "not_found", _("Not found.")) from None
    if not permissions.user_may(user, VIEW_HOUSEHOLDS, village):
        raise ApiError(403, "forbidden", _("You may not do this."))
    listing = selectors.village_households(user, village)
    rows = [HouseholdOut(id=r.household.pk, code=r.household.code, representative_name=r.household.representative_name,
                         phone=r.phone, email=r.email, members=r.household.members, counted=r.household.is_active)
            for r in listing.rows]  # fmt: skip
    return VillageHouseholds(village_id=village.pk, village=village.name, counted=listing.counted,
                             members=listing.members, households=rows)  # fmt: skip


def _import(request: HttpRequest, which: str, file: UploadedFile, dry_run: bool) -> ImportReportOut:
    actor = staff_actor(principal(request, write=True))
    try:
        rows = services.file_rows(file.name or "", file.read(services.MAX_IMPORT_BYTES + 1), which=which)
    except tabular.FileError as exc:
        raise ApiError(422, "invalid", _("The file cannot be read:") + f" {exc}", details={"file": str(exc)}) from None
    run = services.villages_import if which == "villages" else services.households_import
    report = run(actor=actor, rows=rows, dry_run=dry_run)
    return ImportReportOut(**report.as_dict())


@router.post("/democracy/villages/import", response={200: ImportReportOut, **ERRORS}, tags=["staff"],
             operation_id="danvan_api_democracy_villages_import", summary="Import villages (CSV or XLSX)")  # fmt: skip
def villages_import(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> ImportReportOut:
    return _import(request, "villages", file, dry_run)


@router.post("/democracy/households/import", response={200: ImportReportOut, **ERRORS}, tags=["staff"],
             operation_id="danvan_api_democracy_villages_import_households",
             summary="Import households (CSV or XLSX)")  # fmt: skip
def households_import(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> ImportReportOut:
    return _import(request, "households", file, dry_run)
