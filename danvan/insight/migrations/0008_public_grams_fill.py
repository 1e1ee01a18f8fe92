"""The grams of reports already published (0007 added the field): the petition form's look-up ranked public
reports on grams computed on the spot (up to 600 per look-up, about 0.2 ms each). Not atomic: one transaction
per batch, so intake is not held behind the whole pass; a case corrected meanwhile by a server still on the
old code keeps stale grams until ``danvan insight index_duplicates`` (docs/insight.md). Afterwards kept up to
date by the cases app's ``cases.case_public_text_changed`` and at intake."""

from django.db import migrations, transaction
from django.db.models import Q

BATCH = 1000


def fill(apps, schema_editor):
    from danvan.nlp import duplicates as nlp

    Case = apps.get_model("cases", "Case")
    CaseSignature = apps.get_model("insight", "CaseSignature")
    rows = (
        Case.objects.filter(pk__in=CaseSignature.objects.values("case_id"), publish_wanted=True)
        .exclude(Q(public_title="") & Q(public_text=""))
        .order_by("pk")
        .values_list("pk", "public_title", "public_text")
    )
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        with transaction.atomic():
            CaseSignature.objects.bulk_update(
                [CaseSignature(case_id=pk, public_grams=nlp.grams_to_bytes(nlp.grams(title, text)))
                 for pk, title, text in batch],
                ["public_grams"],
            )  # fmt: skip
        last = batch[-1][0]


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("insight", "0007_public_grams")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
