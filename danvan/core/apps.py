from typing import Any

from django.apps import AppConfig
from django.db import connection
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

# The chained tables' models (danvan/core/chain.py), named, not imported: core sits below the apps.
CHAINED_MODELS = {"core.AuditEvent": "core_auditevent", "cases.CaseEvent": "cases_caseevent",
                  "admin.LogEntry": "django_admin_log"}  # fmt: skip


def _link_on_sqlite(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """SQLite: link the new row into its chain in Python, in the same transaction when there is one.
    PostgreSQL does it in a trigger (migration core 0004), out of the app's reach."""
    if created and connection.vendor == "sqlite":
        from danvan.core.chain import chain_extend

        chain_extend(sender._meta.db_table)


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from danvan.core import checks  # noqa: F401  (registers the database-role and event checks)

        for label in CHAINED_MODELS:
            post_save.connect(_link_on_sqlite, sender=label, dispatch_uid=f"chain-{label}")
