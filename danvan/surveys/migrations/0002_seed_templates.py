from django.db import migrations


def seed(apps, schema_editor):
    from danvan.surveys import seed as data

    methodology_model = apps.get_model("surveys", "Methodology")
    template_model = apps.get_model("surveys", "SurveyTemplate")
    factor_model = apps.get_model("surveys", "Factor")
    criterion_model = apps.get_model("surveys", "Criterion")
    m = dict(data.METHODOLOGY_DEFAULT)
    methodology, _ = methodology_model.objects.get_or_create(code=m.pop("code"), version=m.pop("version"), defaults=m)
    for spec in data.TEMPLATES:
        template, created = template_model.objects.get_or_create(
            code=spec["code"],
            defaults={
                "kind": spec["kind"], "name": spec["name"], "name_en": spec["name_en"], "source": spec["source"],
                "mark": spec["mark"], "methodology": methodology, "edit_window_days": spec["edit_window_days"],
            },
        )
        if not created:
            continue
        if spec["overall"]:
            code, text, text_en = spec["overall"]
            criterion_model.objects.create(template=template, factor=None, code=code, text=text, text_en=text_en,
                                           aspects=["satisfaction"], sort_order=0)
        for f_order, (f_code, f_name, f_name_en, criteria) in enumerate(spec["factors"], start=1):
            factor = factor_model.objects.create(template=template, code=f_code, name=f_name, name_en=f_name_en,
                                                 sort_order=f_order)
            for c_order, (c_code, text, text_en) in enumerate(criteria, start=1):
                criterion_model.objects.create(template=template, factor=factor, code=c_code, text=text,
                                               text_en=text_en, aspects=list(spec["aspects"]), sort_order=c_order)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
