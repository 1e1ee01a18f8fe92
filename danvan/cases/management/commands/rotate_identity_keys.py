"""`danvan rotate_identity_keys`: re-seal every sealed identity and scan under the newest key.

Step 3 of the rotation in docs/cases.md. Idempotent, in batches, one transaction per batch; safe
to stop and run again.
"""

from typing import Any

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from danvan.cases.models import Attachment, SealedIdentity
from danvan.core.audit import audit_record
from danvan.files import sealing


class Command(BaseCommand):
    help = "Re-seal the denouncers' identities and sealed scans under the newest key of DANVAN_IDENTITY_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        current = sealing.key_fingerprint()
        identities = 0
        while batch := list(SealedIdentity.objects.exclude(key_id=current).order_by("pk")[: options["batch"]]):
            with transaction.atomic():
                for row in batch:
                    row.token = sealing.rotate(row.token)
                    row.key_id = current
                    row.save(update_fields=["token", "key_id"])
                identities += len(batch)
        scans = 0
        for attachment in Attachment.objects.filter(sealed=True).iterator():
            data = attachment.file.open("rb").read()
            if sealing.token_key_fingerprint(data) == current:
                continue
            old_name = str(attachment.file.name)
            with transaction.atomic():
                attachment.file.save(old_name.rsplit("/", 1)[-1], ContentFile(sealing.rotate(data)), save=True)
                scans += 1
            if attachment.file.name != old_name:
                attachment.file.storage.delete(old_name)
        audit_record(actor=None, action="cases.identity_keys_rotate", object_type="cases.sealedidentity",
                     object_id="*", after={"identities": identities, "scans": scans, "key": current})  # fmt: skip
        self.stdout.write(f"Đã niêm phong lại {identities} danh tính và {scans} bản quét bằng khóa {current}.")
