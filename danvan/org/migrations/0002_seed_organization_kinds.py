from django.db import migrations


def seed(apps, schema_editor):
    from danvan.org.kinds_seed import KINDS

    kind_model = apps.get_model("org", "OrganizationKind")
    for code, name, name_en, sector, level, order in KINDS:
        kind_model.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "sector": sector, "level": level, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
