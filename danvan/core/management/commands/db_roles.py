"""`danvan db_roles --owner danvan_owner --app danvan_app`: the SQL that splits the database roles.

Prints the statements (run them as a superuser with psql), or runs them with ``--apply`` on the
connection of DATABASE_URL, which must then be a superuser's. See docs/deploy.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from danvan.core.dbroles import roles_sql


class Command(BaseCommand):
    help = (
        "Print (or apply) the SQL giving the app a database role that owns nothing and cannot rewrite the audit trail."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--owner", required=True, help="the role that runs migrations and owns every table")
        parser.add_argument("--app", required=True, help="the role the web server and the worker connect as")
        parser.add_argument("--database", help="database name (default: the configured one)")
        parser.add_argument("--schema", default="public")
        parser.add_argument(
            "--create", action="store_true", help="also create both roles and give the database to the owner"
        )
        parser.add_argument("--apply", action="store_true", help="run the statements now instead of printing them")

    def handle(self, *args: Any, **options: Any) -> None:
        statements = roles_sql(owner=options["owner"], app=options["app"], schema=options["schema"],
                               database=options["database"] or connection.settings_dict["NAME"],
                               create=options["create"])  # fmt: skip
        if not options["apply"]:
            self.stdout.write("\n".join(f"{s};" for s in statements))
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"Applied {len(statements)} statements.")
