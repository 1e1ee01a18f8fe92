"""The buckets of reports already published, computed from their public text (0008 stored its grams): the
petition form's look-up without a commune found reports by the buckets of their full text, which would tell
a prober sending the public text plus a guessed name whether the name is in the hidden text. Not atomic: one
transaction per batch (a batch's public rows are rewritten whole: run twice, each row once). Afterwards
kept up to date at intake, by ``cases.case_public_text_changed`` and by ``danvan insight index_duplicates``."""

from django.db import migrations, transaction

BATCH = 1000


def fill(apps, schema_editor):
    from danvan.nlp import duplicates as nlp

    CaseSignature = apps.get_model("insight", "CaseSignature")
    CaseBand = apps.get_model("insight", "CaseBand")
    rows = CaseSignature.objects.exclude(public_grams=b"").order_by("case_id")
    last = 0
    while True:
        batch = list(rows.filter(case_id__gt=last).values_list("case_id", "public_grams", "received_on")[:BATCH])
        if not batch:
            break
        with transaction.atomic():
            ids = [pk for pk, _grams, _day in batch]
            CaseBand.objects.filter(case_id__in=ids, bucket__gte=nlp.PUBLIC_KEYS_FROM).delete()
            CaseBand.objects.bulk_create(
                [
                    CaseBand(bucket=key, case_id=pk, received_on=day)
                    for pk, grams, day in batch
                    for key in nlp.public_band_keys(nlp.grams_from_bytes(bytes(grams)))
                ],
                batch_size=5000,
            )
        last = batch[-1][0]


def remove(apps, schema_editor):
    from danvan.nlp import duplicates as nlp

    apps.get_model("insight", "CaseBand").objects.filter(bucket__gte=nlp.PUBLIC_KEYS_FROM).delete()


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("insight", "0009_band_bucket_covering")]

    operations = [migrations.RunPython(fill, remove)]
