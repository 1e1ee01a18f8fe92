"""The cases app's commands: key rotation and the daily sweep's schedule."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from danvan.cases.choices import Track
from danvan.cases.models import Attachment, SealedIdentity
from danvan.cases.services import protection
from danvan.cases.tests.factories import submit
from danvan.core.clock import VIETNAM
from danvan.files import sealing

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_rotation_reseals_identities_and_scans_under_the_new_key(world, settings, second_factor):
    from danvan.cases.services.intake import case_submit
    from danvan.cases.tests.factories import petition

    case = submit(track=Track.TO_CAO).case
    counter = case_submit(actor=world.handler, channel="counter",
                          petition=petition(track=Track.TO_CAO, petition_scan=("don.png", PNG))).case  # fmt: skip
    old = list(settings.DANVAN_IDENTITY_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.DANVAN_IDENTITY_KEYS = [new_key, *old]
    call_command("rotate_identity_keys")
    assert set(SealedIdentity.objects.values_list("key_id", flat=True)) == {sealing.key_fingerprint()}
    scan = Attachment.objects.get(case=counter, sealed=True)
    assert sealing.token_key_fingerprint(scan.file.open("rb").read()) == sealing.key_fingerprint()
    settings.DANVAN_IDENTITY_KEYS = [new_key]  # the old key is gone: everything still opens
    verified_at = second_factor(world.head)
    assert protection.identity_open(case=case, actor=world.head, reason="Kiểm tra sau khi đổi khóa",
                                    second_factor_at=verified_at)["name"]  # fmt: skip
    data = protection.attachment_read(attachment=scan, actor=world.head, reason="Kiểm tra bản quét sau đổi khóa",
                                      second_factor_at=verified_at)  # fmt: skip
    assert data.startswith(b"\x89PNG")


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_daily_sweep_is_scheduled_once(frozen_clock):
    from django_tasks_db.models import DBTaskResult

    call_command("cases_schedule")
    call_command("cases_schedule")
    waiting = DBTaskResult.objects.filter(task_path="danvan.cases.tasks.deadline_sweep")
    assert waiting.count() == 1
    assert waiting.get().run_after.astimezone(VIETNAM).hour == 7
