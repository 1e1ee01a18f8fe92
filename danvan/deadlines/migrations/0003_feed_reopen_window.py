from django.db import migrations


def seed(apps, schema_editor):
    # The rows added since 0002 (e.g. the window of "still not fixed", pakn.mo_lai_chua_xu_ly); rows already
    # present (an operator's corrections) are left alone.
    from danvan.deadlines.rules_seed import seed_rows

    rule_model = apps.get_model("deadlines", "DeadlineRule")
    for row in seed_rows():
        key = {name: row.pop(name) for name in ("procedure", "step", "regime", "complex_case", "remote_area")}
        rule_model.objects.get_or_create(**key, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_seed_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
