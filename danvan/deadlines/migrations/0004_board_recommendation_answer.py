from django.db import migrations


def seed(apps, schema_editor):
    # Rows added since 0003 (the answer to a people's board's recommendation, dan_chu_co_so.tra_loi_kien_nghi_ban_ttnd);
    # rows already present (an operator's corrections) are left alone.
    from danvan.deadlines.rules_seed import seed_rows

    rule_model = apps.get_model("deadlines", "DeadlineRule")
    for row in seed_rows():
        key = {name: row.pop(name) for name in ("procedure", "step", "regime", "complex_case", "remote_area")}
        rule_model.objects.get_or_create(**key, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0003_feed_reopen_window")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
