"""Test helpers: the deployment's two PostgreSQL roles, made inside the test's transaction (rolled back).

The test database's tables are owned by the test runner's role (a superuser); the app role gets
exactly the grants of ``danvan db_roles`` (``dbroles.roles_sql``). ``SET LOCAL ROLE`` then makes the
rest of the test transaction run as it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import connection

from danvan.core.dbroles import roles_sql


def app_role_create(cursor: Any) -> str:
    """A fresh app role (NOLOGIN, dropped with the test's rollback) with the deployment's grants."""
    name = f"danvan_test_app_{uuid.uuid4().hex[:8]}"
    cursor.execute(f'CREATE ROLE "{name}" NOLOGIN')
    cursor.execute("SELECT current_user, current_database()")
    owner, database = cursor.fetchone()
    for statement in roles_sql(owner=owner, app=name, database=database):
        cursor.execute(statement)
    return name


def owner_role_create(cursor: Any, table: str = "core_auditevent") -> str:
    """A role that is not a superuser but owns ``table`` (a deployment that serves as its owner)."""
    name = f"danvan_test_owner_{uuid.uuid4().hex[:8]}"
    cursor.execute(f'CREATE ROLE "{name}" NOLOGIN')
    cursor.execute(f'ALTER TABLE {connection.ops.quote_name(table)} OWNER TO "{name}"')
    return name


def set_role(cursor: Any, name: str) -> None:
    cursor.execute(f'SET LOCAL ROLE "{name}"')
