"""Notifications leave cases for the notifications foundation: every row is copied, then the old table goes.

Each row keeps its id, so a delivery task queued before the move (its argument is the id) still finds
its row, and a resend keeps the same Message-ID / SMS idempotency key (``dvs-notification-<id>``).
The case becomes ``about_kind="cases.case"``, ``about_id``, ``about_label`` (its tracking code, what
the list showed) and ``link``: the path the cases app now stores with each new row, the officers'
page for the internal messages and the citizen's page for the others (``cases.services.notify``).
Reversible: going back moves the rows about cases into the old table.
"""

from django.core.management.color import no_style
from django.db import migrations

BATCH = 2000
INTERNAL = {"reminder_handler", "escalation_overdue"}  # cases.messaging: the officers' messages
FIELDS = ("id", "recipient_id", "channel", "address", "template", "subject", "body", "created_at", "sent_at",
          "read_at", "error", "claimed_until", "attempts")  # fmt: skip


def _reset_sequence(schema_editor, model):
    # Rows were written with their ids: the next id the database gives must come after them.
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def copy_forward(apps, schema_editor):
    try:
        Old = apps.get_model("cases", "Notification")
    except LookupError:
        # Called with today's models (the tests' reference_data_restore reruns every data migration
        # after a flush): the old table is gone, there is nothing to copy.
        return
    New = apps.get_model("notifications", "Notification")
    alias = schema_editor.connection.alias
    rows = Old.objects.using(alias).order_by("pk").values(*FIELDS, "case_id", "case__tracking_code").iterator(BATCH)
    batch = []
    for row in rows:
        case_id, code = row.pop("case_id"), row.pop("case__tracking_code")
        link = f"/van-hanh/ho-so/{case_id}/" if row["template"] in INTERNAL else f"/tra-cuu/{code}/"
        batch.append(New(**row, about_kind="cases.case", about_id=case_id, about_label=code, link=link))
        if len(batch) >= BATCH:
            New.objects.using(alias).bulk_create(batch)
            batch = []
    New.objects.using(alias).bulk_create(batch)
    _reset_sequence(schema_editor, New)


def copy_backward(apps, schema_editor):
    Old = apps.get_model("cases", "Notification")
    New = apps.get_model("notifications", "Notification")
    alias = schema_editor.connection.alias
    rows = New.objects.using(alias).filter(about_kind="cases.case").order_by("pk").values(*FIELDS, "about_id")
    batch = []
    for row in rows.iterator(BATCH):
        case_id = row.pop("about_id")
        batch.append(Old(**row, case_id=case_id))
        if len(batch) >= BATCH:
            Old.objects.using(alias).bulk_create(batch)
            batch = []
    Old.objects.using(alias).bulk_create(batch)
    _reset_sequence(schema_editor, Old)
    # Moved, not copied: going forward again copies them back with the same ids.
    New.objects.using(alias).filter(about_kind="cases.case").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_private_link_salt_and_delivery_claim"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_forward, copy_backward),
        migrations.DeleteModel(name="Notification"),
    ]
