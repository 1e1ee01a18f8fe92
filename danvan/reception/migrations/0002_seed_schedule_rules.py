from django.db import migrations


def seed(apps, schema_editor):
    # Rows already present (an operator's corrections) are left alone.
    from danvan.reception.schedule_seed import ROWS

    rule_model = apps.get_model("reception", "ScheduleRule")
    for row in ROWS:
        rule_model.objects.get_or_create(
            head_kind=row.head_kind.value,
            level=row.level.value,
            valid_from=row.valid_from,
            defaults={
                "regime": row.regime,
                "valid_to": row.valid_to,
                "count": row.count,
                "per": row.per.value,
                "deputy_may_stand_in": row.deputy_may_stand_in,
                "legal_basis": row.legal_basis,
                "confidence": row.confidence,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
