"""Issue 12, item 3: a tố cáo's evidence files leak the denouncer neither by name nor by metadata."""

import io

import pikepdf
import pytest
from django.core.management import call_command
from PIL import Image

from danvan.cases.choices import Track
from danvan.cases.models import Attachment, SealedIdentity
from danvan.cases.tests.factories import submit
from danvan.core.models import AuditEvent
from danvan.files import sealing

pytestmark = pytest.mark.django_db

LEAKY_PDF = "to-cao-cua-nguyen-van-an-0912345678.pdf"
LEAKY_JPG = "anh nha Nguyễn Văn An.jpg"


def pdf_by_the_denouncer() -> bytes:
    doc = pikepdf.new()
    doc.add_blank_page()
    doc.docinfo["/Author"] = "Nguyễn Văn An"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "gray").save(out, "JPEG")
    return out.getvalue()


def leaks(text: str) -> bool:
    folded = text.lower()
    return any(part in folded for part in ("nguyen", "nguyễn", "0912345678", "van-an", "văn an"))


def test_a_to_cao_s_evidence_gets_neutral_names_paths_and_no_metadata(world):
    case = submit(track=Track.TO_CAO, files=[(LEAKY_PDF, pdf_by_the_denouncer()), (LEAKY_JPG, jpeg())]).case
    rows = list(Attachment.objects.filter(case=case).order_by("pk"))
    assert [row.name for row in rows] == ["Tài liệu 1.pdf", "Tài liệu 2.jpg"]
    for row in rows:
        assert not leaks(row.file.name), row.file.name
        assert not leaks(row.name)
    with rows[0].file.open("rb") as handle:
        stored = pikepdf.open(io.BytesIO(handle.read()))
    assert "/Author" not in stored.docinfo
    # Every audit entry of the cases app (the staff of the test world are named at random: other
    # apps' entries, such as role grants, may name a "Nguyễn" who is not the denouncer).
    for event in AuditEvent.objects.filter(action__startswith="cases."):
        assert not leaks(f"{event.object_repr} {event.before} {event.after} {event.reason}")
    # The original names are part of the identity: sealed, opened only with it.
    identity = sealing.unseal_json(SealedIdentity.objects.get(case=case).token)
    assert identity["file_names"] == f"{LEAKY_PDF}; {LEAKY_JPG}"


def test_other_tracks_keep_the_file_names_people_gave(world):
    case = submit(track=Track.PAKN, files=[("anh-ngap-kiet-12.jpg", jpeg())]).case
    assert Attachment.objects.get(case=case).name == "anh-ngap-kiet-12.jpg"


def test_a_case_moved_onto_the_to_cao_track_has_its_files_renamed(world):
    from danvan.cases.services.protection import identity_seal_from_contact

    case = submit(track=Track.PAKN, files=[(LEAKY_JPG, jpeg())]).case
    identity_seal_from_contact(case)
    row = Attachment.objects.get(case=case)
    assert row.name == "Tài liệu 1.jpg" and not leaks(row.file.name)
    assert row.file.storage.exists(row.file.name)


def test_existing_to_cao_files_are_renamed_by_the_command(world):
    case = submit(track=Track.TO_CAO, files=[(LEAKY_JPG, jpeg())]).case
    row = Attachment.objects.get(case=case)
    # A row stored before this fix: the citizen's name in the row and in the path.
    old = row.file.name
    row.file.name = old.rsplit("/", 1)[0] + "/abc123-" + LEAKY_JPG
    row.file.storage.save(row.file.name, io.BytesIO(b"x"))
    row.name = LEAKY_JPG
    row.save()
    call_command("cases_neutralise_file_names", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.name == "Tài liệu 1.jpg" and not leaks(row.file.name)
    assert row.file.storage.exists(row.file.name)
    call_command("cases_neutralise_file_names", stdout=io.StringIO())  # idempotent
    row.refresh_from_db()
    assert row.name == "Tài liệu 1.jpg"
