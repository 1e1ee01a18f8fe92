"""`danvan cases_neutralise_file_names`: neutral names and paths for the files of tố cáo stored before issue 12.

Evidence files of a denunciation kept the name the citizen gave ("to-cao-cua-<name>-<phone>.pdf")
in the database, in the path on disk and in audit entries (Luật Tố cáo 2018, Điều 56). This renames
them "Tài liệu N.<ext>" and moves each file to a random name; the old names are not kept. Run once
after deploying; idempotent, one transaction per case, safe to stop and run again. A command rather
than a data migration: it moves files in the media storage, which a migration should not do.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.cases.choices import Track
from danvan.cases.models import Case
from danvan.cases.services.protection import attachments_neutralise
from danvan.core.audit import audit_record


class Command(BaseCommand):
    help = "Give the evidence files of denunciations neutral names and paths (Luật Tố cáo 2018, Điều 56)."

    def handle(self, *args: Any, **options: Any) -> None:
        renamed = cases = 0
        for case in Case.objects.filter(track=Track.TO_CAO, attachments__isnull=False).distinct().iterator():
            with transaction.atomic():
                count = attachments_neutralise(case)
            if count:
                renamed += count
                cases += 1
        audit_record(actor=None, action="cases.file_names_neutralise", object_type="cases.attachment",
                     object_id="*", after={"files": renamed, "cases": cases})  # fmt: skip
        self.stdout.write(f"Đã đổi tên {renamed} tệp của {cases} hồ sơ tố cáo.")
