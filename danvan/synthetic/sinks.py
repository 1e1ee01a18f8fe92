"""Writing many rows fast: COPY on PostgreSQL, ``executemany`` on SQLite, primary keys assigned here.

Rows are tuples in the order of ``Table.columns``, holding Python values: dates, aware datetimes,
booleans, JSON already serialised to text, None. Each backend turns them into what it stores the
way Django would (SQLite keeps naive UTC text for datetimes).

Primary keys are reserved in blocks: on PostgreSQL the table's sequence is moved past the block
first (``setval``), so a row another process inserts meanwhile gets an id above it; on SQLite the
write lock of the load's transaction keeps other writers out.

A large load on PostgreSQL is a bulk load: the secondary indexes of the tables it fills (not the
primary keys, not the unique ones, which enforce rules) are dropped first and built again at the
end, in one pass each, and when the database role is a superuser the row-by-row foreign-key
triggers are skipped (``session_replication_role = replica``) and every foreign key of the new rows
is checked once at the end with one query per constraint. The dropped indexes' definitions are
saved to a file first, so a run that dies mid-way gets them back at the start of the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models

from danvan.core import chain

_UTC = dt.UTC


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.model._meta.db_table


def table(model: type[models.Model], columns: Sequence[str]) -> Table:
    """A table and the columns rows give, checked against the model: a new column fails loudly here."""
    concrete = [str(f.column) for f in model._meta.concrete_fields]
    missing = set(concrete) - set(columns)
    unknown = set(columns) - set(concrete)
    if missing or unknown:
        raise RuntimeError(f"{model._meta.db_table}: columns missing {sorted(missing)}, unknown {sorted(unknown)}")
    return Table(model, tuple(columns))


class Sink:
    """Reserve ids and write rows to one database connection."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self._next: dict[str, int] = {}
        self.rows_written: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self._sqlite_converters: dict[str, list[tuple[int, Any]]] = {}
        self.first_new_id: dict[str, int] = {}
        self.skip_triggers = False
        self.dropped: list[tuple[str, str]] = []  # (index name, definition)

    # Ids ------------------------------------------------------------------------------------------

    def reserve(self, t: Table, count: int) -> int:
        """The first of ``count`` consecutive fresh ids for ``t``."""
        name = t.name
        if name not in self._next:
            self._next[name] = self._high(name) + 1
            self.first_new_id[name] = self._next[name]
        first = self._next[name]
        self._next[name] = first + count
        if self.vendor == "postgresql" and count:
            with connection.cursor() as cursor:
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [name, first + count - 1])
        return first

    def _high(self, name: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            high = int(cursor.fetchone()[0])
            if self.vendor == "postgresql":
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [name])
                sequence = cursor.fetchone()[0]
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
                last, called = cursor.fetchone()
                high = max(high, int(last) if called else int(last) - 1)
        return high

    # Rows -----------------------------------------------------------------------------------------

    def write(self, t: Table, rows: Iterable[Sequence[Any]]) -> int:
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return 0
        started = time.perf_counter()
        if self.vendor == "postgresql":
            self._copy(t, rows)  # the chained tables' trigger links each row (enabled ALWAYS: even as replica)
        else:
            self._insert(t, rows)
            if t.name in chain.CHAINS:
                chain.chain_extend(t.name)  # SQLite: linked in Python, in the load's transaction
        self.seconds[t.name] = self.seconds.get(t.name, 0.0) + time.perf_counter() - started
        self.rows_written[t.name] = self.rows_written.get(t.name, 0) + len(rows)
        return len(rows)

    def write_text(self, t: Table, data: str, count: int) -> int:
        """PostgreSQL only: ``count`` rows already in COPY's text format (``copy_line``), one a line."""
        if not count:
            return 0
        started = time.perf_counter()
        self._copy(t, data)
        self.seconds[t.name] = self.seconds.get(t.name, 0.0) + time.perf_counter() - started
        self.rows_written[t.name] = self.rows_written.get(t.name, 0) + count
        return count

    def _copy(self, t: Table, rows: list[Sequence[Any]] | str) -> None:
        quote = connection.ops.quote_name
        sql = f"COPY {quote(t.name)} ({', '.join(quote(c) for c in t.columns)}) FROM STDIN"
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                # For this transaction only: commit without waiting for the disk (a crash loses the
                # chunk, which --purge removes anyway) and, if allowed, no row-by-row FK triggers.
                cursor.execute("SET LOCAL synchronous_commit = off")
                if self.skip_triggers:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(sql) as copy:
                if isinstance(rows, str):
                    copy.write(rows)
                else:
                    for row in rows:
                        copy.write_row(row)

    def _insert(self, t: Table, rows: list[Sequence[Any]]) -> None:
        converters = self._sqlite_converters.get(t.name)
        if converters is None:
            converters = self._sqlite_converters[t.name] = _sqlite_converters(t)
        if converters:
            converted: list[Sequence[Any]] = []
            for row in rows:
                values = list(row)
                for index, convert in converters:
                    if values[index] is not None:
                        values[index] = convert(values[index])
                converted.append(values)
            rows = converted
        quote = connection.ops.quote_name
        sql = (f"INSERT INTO {quote(t.name)} ({', '.join(quote(c) for c in t.columns)}) "  # noqa: S608
               f"VALUES ({', '.join('?' for _ in t.columns)})")  # fmt: skip
        connection.ensure_connection()
        connection.connection.executemany(sql, rows)

    # Around a load --------------------------------------------------------------------------------

    def begin_load(self, *, bulk_tables: Sequence[type[models.Model]] = ()) -> None:
        """Prepare the database for a load; ``bulk_tables``: drop their secondary indexes (PostgreSQL)."""
        indexes_restore()
        if self.vendor == "sqlite":
            if not connection.in_atomic_block:
                # Only for the load: a crash mid-load loses the load (which --purge removes), never older data.
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA synchronous=OFF")
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
            self.skip_triggers = bool(row and row[0])
            if not bulk_tables:
                return
            names = [m._meta.db_table for m in bulk_tables]
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename = ANY(%s) AND i.indexdef NOT LIKE 'CREATE UNIQUE%%' "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY 1",
                [names],
            )
            self.dropped = list(cursor.fetchall())
            dropped_file = _dropped_file()
            dropped_file.parent.mkdir(parents=True, exist_ok=True)  # a fresh machine has no data folder yet
            dropped_file.write_text(json.dumps(self.dropped, indent=0))
            for name, _definition in self.dropped:
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")

    def before_transaction(self) -> None:
        """SQLite: the safety level cannot change inside a transaction, and a new connection (after the
        worker processes were forked) starts at the configured one; set it again before each chunk."""
        if self.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")

    def indexes_rebuild(self) -> float:
        """Build the dropped indexes again; seconds taken."""
        started = time.perf_counter()
        if self.dropped:
            indexes_restore()
            self.dropped = []
        return time.perf_counter() - started

    def foreign_keys_check(self) -> list[str]:
        """Every foreign key of the rows this load wrote points at a row (one anti-join per key)."""
        problems = []
        quote = connection.ops.quote_name
        models_by_table = {m._meta.db_table: m for m in _written_models(self.rows_written)}
        with connection.cursor() as cursor:
            for name, model in models_by_table.items():
                first = self.first_new_id.get(name, 0)
                for field in model._meta.concrete_fields:
                    if not isinstance(field, models.ForeignKey):
                        continue
                    target = field.related_model._meta.db_table
                    column = quote(field.column)
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(name)} t WHERE t.id >= %s AND t.{column} IS NOT NULL "  # noqa: S608
                        f"AND NOT EXISTS (SELECT 1 FROM {quote(target)} r WHERE r.id = t.{column})",
                        [first],
                    )
                    missing = cursor.fetchone()[0]
                    if missing:
                        problems.append(f"{name}.{field.column}: {missing} dòng trỏ đến {target} không tồn tại")
        return problems

    def end_load(self, *, analyze: bool = True) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                if not connection.in_atomic_block:
                    cursor.execute("PRAGMA synchronous=NORMAL")
                if analyze:
                    cursor.execute("ANALYZE")
                return
            for name in self._next:
                # The sequences already stand past every reserved block; set them to the real maximum
                # so that no id is wasted when a block was larger than what was written.
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) "  # noqa: S608
                    f"FROM {connection.ops.quote_name(name)}), 1))",
                    [name],
                )
            if analyze and not connection.in_atomic_block:
                for name in self.rows_written:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")


# COPY's text format: tab between columns, \N for NULL, and backslash, tab, newline, carriage return
# escaped inside values (PostgreSQL, "COPY", File Formats).
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value


_FORMATS: dict[type, Any] = {
    str: _text,
    int: str,
    bool: lambda value: "t" if value else "f",
    type(None): lambda value: "\\N",
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    float: repr,
}


def _field(value: Any) -> str:
    format_ = _FORMATS.get(type(value))
    if format_ is not None:
        return str(format_(value))
    if isinstance(value, str):  # enumeration members (TextChoices) are str
        return _text(str(value))
    raise TypeError(f"no COPY format for {type(value).__name__}")


def copy_line(row: Sequence[Any]) -> str:
    """One row in COPY's text format, without the newline; done in the worker processes so that the
    process writing to the database only puts ids in front and streams the text."""
    return "\t".join(map(_field, row))


def _dropped_file() -> Any:
    from pathlib import Path

    return Path(settings.DATA_DIR) / f"generate-dropped-indexes-{connection.settings_dict['NAME']}.json"


def indexes_restore() -> int:
    """Build any index a bulk load dropped and did not get to build again (a run that died)."""
    path = _dropped_file()
    if connection.vendor != "postgresql" or not path.exists():
        return 0
    dropped = json.loads(path.read_text())
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in dropped:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
    path.unlink()
    return len(dropped)


def _written_models(rows_written: dict[str, int]) -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in rows_written]


def _sqlite_converters(t: Table) -> list[tuple[int, Any]]:
    fields = {f.column: f for f in t.model._meta.concrete_fields}
    converters: list[tuple[int, Any]] = []
    for index, column in enumerate(t.columns):
        field = fields[column]
        if isinstance(field, models.DateTimeField):
            converters.append((index, _sqlite_datetime))
        elif isinstance(field, models.DateField):
            converters.append((index, _sqlite_date))
    return converters


def _sqlite_datetime(value: dt.datetime) -> str:
    # Django's SQLite backend stores aware datetimes as naive UTC text (USE_TZ = True).
    return value.astimezone(_UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value: dt.date) -> str:
    return value.isoformat()
