"""The two PostgreSQL roles of a deployment, and the check that the app runs as the one that owns nothing.

- The **owner** role runs ``danvan migrate``: it owns every table, sequence, function and trigger.
- The **app** role serves requests and runs the worker: SELECT, INSERT, UPDATE, DELETE on ordinary
  tables and USAGE on sequences; on the protected tables only SELECT and INSERT (the links of the
  hash chains: SELECT only, the owner's trigger writes them). It owns nothing, so it cannot TRUNCATE,
  ALTER (DISABLE TRIGGER), DROP, or set ``session_replication_role`` (superuser only).

``roles_sql`` is what ``danvan db_roles`` prints or applies; ``role_problems`` is what the production
startup check (``enforce_app_role``, from config/wsgi.py and config/asgi.py) and the deploy system
check (``danvan check --deploy --database default``) refuse. See docs/deploy.md.
"""

from __future__ import annotations

import logging
import os
from typing import Any

logger = logging.getLogger("danvan.security")

# The append-only tables (and the chain links): the app role may read and add, never change or remove.
PROTECTED = ("core_auditevent", "cases_caseevent", "django_admin_log")
LINKS = "core_chainlink"
OVERRIDE_ENV = "DANVAN_ALLOW_PRIVILEGED_DB_ROLE"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def roles_sql(*, owner: str, app: str, database: str, schema: str = "public", create: bool = False) -> list[str]:
    """The statements, in order, for a superuser to run (``create``: make the roles and hand the
    database to the owner first; set their passwords afterwards with ``\\password``)."""
    o, a, d, s = _ident(owner), _ident(app), _ident(database), _ident(schema)
    statements: list[str] = []
    if create:
        statements += [
            f"CREATE ROLE {o} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS",
            f"CREATE ROLE {a} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION",
            f"ALTER DATABASE {d} OWNER TO {o}",
            f"ALTER SCHEMA {s} OWNER TO {o}",
        ]
    protected = ", ".join(_ident(f"{t}") for t in (*PROTECTED, LINKS))
    statements += [
        # Anything the app role owned (a deployment that ran as one role) goes to the owner.
        f"REASSIGN OWNED BY {a} TO {o}",
        f"GRANT CONNECT ON DATABASE {d} TO {a}",
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE CREATE ON SCHEMA {s} FROM {a}",
        f"GRANT USAGE ON SCHEMA {s} TO {a}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {a}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {protected} FROM {a}",
        f"REVOKE INSERT ON {_ident(LINKS)} FROM {a}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {a}",
        # Tables and sequences that later migrations (run by the owner) create get the same grants.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {a}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE ON SEQUENCES TO {a}",
    ]
    return statements


def role_problems(cursor: Any) -> list[str]:
    """Why the connected role must not serve the app (empty: it is a proper app role)."""
    problems: list[str] = []
    cursor.execute("SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
    user, superuser, bypass_rls = cursor.fetchone()
    if superuser:
        problems.append(f"the database role {user} is a superuser")
    if bypass_rls:
        problems.append(f"the database role {user} bypasses row-level security")
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f') "
        "AND pg_has_role(current_user, c.relowner, 'MEMBER') ORDER BY c.relname"
    )
    owned = [row[0] for row in cursor.fetchall()]
    if owned and not superuser:
        shown = ", ".join(owned[:3]) + (", …" if len(owned) > 3 else "")
        problems.append(f"the database role {user} owns {len(owned)} of the app's tables and sequences ({shown})")
    cursor.execute("SELECT has_schema_privilege(current_user, current_schema(), 'CREATE')")
    if cursor.fetchone()[0] and not superuser:
        problems.append(f"the database role {user} may create objects in the schema")
    for table in (*PROTECTED, LINKS):
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
        if not cursor.fetchone()[0]:
            problems.append(f"the table {table} does not exist (run danvan migrate as the owner role)")
            continue
        if superuser:
            continue
        forbidden = ["UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"] + (["INSERT"] if table == LINKS else [])
        cursor.execute(
            "SELECT p FROM unnest(%s::text[]) p WHERE has_table_privilege(current_user, %s, p)", [forbidden, table]
        )
        granted = [row[0] for row in cursor.fetchall()]
        if granted:
            problems.append(f"the database role {user} may {', '.join(granted)} on {table}")
    return problems


def override_requested() -> bool:
    return os.environ.get(OVERRIDE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def enforce_app_role(settings_dict: dict[str, Any] | None = None) -> list[str]:
    """At server start (production): refuse to serve as a superuser, an owner, or a role that may
    rewrite the protected tables. ``DANVAN_ALLOW_PRIVILEGED_DB_ROLE=1`` serves anyway, logging
    each problem as CRITICAL. Opens its own short connection: the pool is made after the fork."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    db = settings_dict or settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql" or not getattr(settings, "DANVAN_DB_ROLE_CHECK", False):
        return []
    import psycopg

    options = {k: v for k, v in db.get("OPTIONS", {}).items() if k in {"sslmode", "options", "sslrootcert"}}
    params = {"dbname": db["NAME"], "user": db.get("USER") or None, "password": db.get("PASSWORD") or None,
              "host": db.get("HOST") or None, "port": db.get("PORT") or None, **options}  # fmt: skip
    arguments = {k: v for k, v in params.items() if v is not None}
    with psycopg.connect(**arguments, connect_timeout=10) as conn, conn.cursor() as cursor:
        problems = role_problems(cursor)
    if problems and override_requested():
        for problem in problems:
            logger.critical("DATABASE ROLE CHECK OVERRIDDEN (%s=1): serving although %s", OVERRIDE_ENV, problem)
        return problems
    if problems:
        raise ImproperlyConfigured(
            "Refusing to start: " + "; ".join(problems) + ". Serve as the app role made by `danvan db_roles` "
            f"(docs/deploy.md), or set {OVERRIDE_ENV}=1 in an emergency."
        )
    return []
