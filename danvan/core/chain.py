"""Tamper evidence for the append-only tables: one hash chain per table, and its verification.

Each row of ``core_auditevent``, ``cases_caseevent`` and ``django_admin_log`` gets a link in
``core_chainlink``: its place in its table's chain (``seq``, 1, 2, …), when the database recorded it,
the previous link's hash and its own::

    hash = sha256(prev_hash "\\n" seq "\\n" recorded_at "\\n" content)

where ``content`` is the row's chained columns (``CHAINS``) as a JSON object rendered by the database
itself (PostgreSQL: ``jsonb``'s text in UTC; SQLite: ``json_object``), so the writer and the verifier
read the very same text and no Python serialiser has to agree with it. The first link's
``prev_hash`` is 64 zeros.

Who computes it:
- PostgreSQL: the database, in a trigger (``AFTER INSERT … FOR EACH ROW``, ``SECURITY DEFINER``,
  owned by the owner role, enabled ``ALWAYS`` so ``session_replication_role`` cannot skip it). The
  app role may only SELECT the links: it cannot write, back-date or reorder them. A second trigger
  (``BEFORE INSERT``) puts the database's clock in the row's time column when the inserting role
  does not own the table, so the app cannot back-date an event either (migration 0004).
- SQLite (embedded, single node): Python, right after the insert, inside the write transaction
  (``chain_extend``; SQLite lets one writer in at a time).

``chain_verify`` walks a chain and reports the first broken link; ``danvan audit_verify`` prints each
chain's head (seq and hash) for keeping outside the database, and checks earlier such anchors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

ZERO = "0" * 64
LINK_TABLE = "core_chainlink"
# Advisory lock class shared by the trigger and ``chain_extend`` ("dvn"); the object is hashtext(chain).
LOCK_CLASS = 0x64766E

# The chained tables: the column holding the event's time, and the columns the hash covers. A column
# added later is not covered (the chain of older rows must not change); add it here only with a new
# chain version.
CHAINS: dict[str, tuple[str, tuple[str, ...]]] = {
    "core_auditevent": ("at", (
        "id", "at", "actor_id", "actor_label", "action", "object_type", "object_id", "object_repr", "before",
        "after", "reason", "request_id", "ip_address",
    )),
    "cases_caseevent": ("at", (
        "id", "case_id", "at", "actor_id", "action", "from_status", "to_status", "note", "document_number",
        "visibility", "data",
    )),
    "django_admin_log": ("action_time", (
        "id", "action_time", "user_id", "content_type_id", "object_id", "object_repr", "action_flag",
        "change_message",
    )),
}  # fmt: skip
JSON_COLUMNS = {"before", "after", "data"}


def stamp(value: dt.datetime | str) -> str:
    """``recorded_at`` as hashed: UTC, microseconds, ``Z`` (the trigger's ``to_char`` gives the same)."""
    if isinstance(value, str):  # SQLite's raw cursor: naive UTC text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def link_hash(prev_hash: str, seq: int, recorded_at: dt.datetime | str, content: str) -> str:
    material = f"{prev_hash}\n{seq}\n{stamp(recorded_at)}\n{content}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def content_sql(table: str, alias: str = "t") -> tuple[str, list[Any]]:
    """SQL rendering the chained columns of ``alias`` (a row of ``table``) as text, and its params."""
    columns = CHAINS[table][1]
    if connection.vendor == "postgresql":
        # The same expression as the trigger (migration 0004); needs TimeZone = UTC (``_utc``).
        return (f"(SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb({alias})) "  # noqa: S608
                f"WHERE key = ANY(%s::text[]))::text", [list(columns)])  # fmt: skip
    quote = connection.ops.quote_name
    parts = []
    for column in columns:
        value = f"{alias}.{quote(column)}"
        parts.append(f"'{column}', " + (f"json({value})" if column in JSON_COLUMNS else value))
    return f"json_object({', '.join(parts)})", []


def _utc(cursor: Any) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL TimeZone = 'UTC'")


def _lock(cursor: Any, table: str) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [LOCK_CLASS, table])


def head(table: str) -> tuple[int, str]:
    """The last link of ``table``'s chain: (seq, hash); (0, zeros) for an empty chain."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {LINK_TABLE} WHERE chain = %s ORDER BY seq DESC LIMIT 1", [table])  # noqa: S608
        row = cursor.fetchone()
    return (int(row[0]), str(row[1])) if row else (0, ZERO)


def chain_extend(table: str, *, only_after_last: bool = True, batch: int = 10_000) -> int:
    """Link the rows of ``table`` that have no link yet, in id order; the number linked.

    The SQLite write path (after each insert) and bulk loads that bypass the trigger. By default only
    rows after the last linked one are looked at (an index range); ``only_after_last=False`` looks at
    every row (after a purge cut the chain). On PostgreSQL it writes links, which only the owner role
    may do; it takes the trigger's lock first, so it and the trigger never interleave.
    """
    if table not in CHAINS:
        raise ValueError(f"not a chained table: {table}")
    quote = connection.ops.quote_name
    content, params = content_sql(table, "t")
    linked = 0
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor, table)
        _utc(cursor)
        seq, prev = head(table)
        after = 0
        if only_after_last:
            cursor.execute(f"SELECT COALESCE(MAX(row_id), 0) FROM {LINK_TABLE} WHERE chain = %s", [table])  # noqa: S608
            after = int(cursor.fetchone()[0])
        recorded = _now(cursor)
        sql = (f"SELECT t.id, {content} FROM {quote(table)} t WHERE t.id > %s AND NOT EXISTS "  # noqa: S608
               f"(SELECT 1 FROM {LINK_TABLE} l WHERE l.chain = %s AND l.row_id = t.id) ORDER BY t.id LIMIT %s")  # fmt: skip
        while True:
            cursor.execute(sql, [*params, after, table, batch])
            rows = cursor.fetchall()
            if not rows:
                break
            links = []
            for row_id, text in rows:
                seq += 1
                digest = link_hash(prev, seq, recorded, text)
                links.append((table, seq, row_id, recorded, prev, digest))
                prev = digest
            _links_write(cursor, links)
            linked += len(links)
            after = rows[-1][0]
    return linked


def _now(cursor: Any) -> dt.datetime:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]
    from danvan.core import clock

    return clock.now().astimezone(dt.UTC)


def _links_write(cursor: Any, links: list[tuple[str, int, int, dt.datetime, str, str]]) -> None:
    columns = "(chain, seq, row_id, recorded_at, prev_hash, hash)"
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {LINK_TABLE} {columns} FROM STDIN") as copy:
            for link in links:
                copy.write_row(link)
        return
    rows = [(c, s, r, stamp(at).replace("T", " ").rstrip("Z"), p, h) for c, s, r, at, p, h in links]
    cursor.executemany(f"INSERT INTO {LINK_TABLE} {columns} VALUES (%s, %s, %s, %s, %s, %s)", rows)  # noqa: S608


def chain_cut(table: str, row_ids_sql: str) -> int:
    """Remove the links of rows about to be deleted (a purge, as owner) and relink what follows.

    Returns the seq the chain was rebuilt from. The rows after the first removed link get new links:
    an anchor kept outside the database for a later seq no longer matches, which is the point — a
    purge rewrites history, visibly. PostgreSQL: needs ``SET LOCAL danvan.purge = 'on'`` as owner.
    """
    with connection.cursor() as cursor:
        _lock(cursor, table)
        cursor.execute(
            f"SELECT MIN(seq) FROM {LINK_TABLE} WHERE chain = %s AND row_id IN ({row_ids_sql.replace('%', '%%')})",  # noqa: S608
            [table],
        )
        first = cursor.fetchone()[0]
        if first is None:
            return 0
        cursor.execute(f"DELETE FROM {LINK_TABLE} WHERE chain = %s AND seq >= %s", [table, first])  # noqa: S608
    return int(first)


@dataclass
class Verdict:
    table: str
    links: int = 0
    head_seq: int = 0
    head_hash: str = ZERO
    broken_seq: int | None = None
    broken_row_id: int | None = None
    problem: str = ""
    unlinked: int = 0  # rows with no link (PostgreSQL: the trigger was bypassed)
    first_unlinked_id: int | None = None
    pending: int = 0  # SQLite: rows after the last link, not linked yet (a bulk write)
    anchors_checked: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.broken_seq is None and not self.unlinked


def _links(table: str, batch: int = 5000) -> Iterator[tuple[int, int, Any, str, str, int | None, str | None]]:
    content, params = content_sql(table, "t")
    quote = connection.ops.quote_name
    sql = (f"SELECT l.seq, l.row_id, l.recorded_at, l.prev_hash, l.hash, t.id, {content} FROM {LINK_TABLE} l "  # noqa: S608
           f"LEFT JOIN {quote(table)} t ON t.id = l.row_id WHERE l.chain = %s AND l.seq > %s ORDER BY l.seq LIMIT %s")  # fmt: skip
    after = 0
    while True:
        with connection.cursor() as cursor:
            _utc(cursor)
            cursor.execute(sql, [*params, table, after, batch])
            rows = cursor.fetchall()
        if not rows:
            return
        yield from rows
        after = rows[-1][0]


def chain_verify(table: str, *, anchors: Iterable[tuple[int, str]] = ()) -> Verdict:
    """Walk ``table``'s chain from the first link; stop at the first broken one."""
    verdict = Verdict(table=table)
    wanted = dict(anchors)
    expected_seq, expected_prev = 1, ZERO
    with transaction.atomic():  # one snapshot on PostgreSQL, and SET LOCAL stays local
        for seq, row_id, recorded_at, prev_hash, stored, present, content in _links(table):
            problem = ""
            if seq != expected_seq:
                problem = f"link {expected_seq} is missing (next is {seq})"
            elif prev_hash != expected_prev:
                problem = "previous hash does not match (a link was removed or rewritten)"
            elif present is None or content is None:
                problem = "the row was deleted"
            elif link_hash(prev_hash, seq, recorded_at, content) != stored:
                problem = "the row was changed after it was recorded"
            elif seq in wanted and wanted[seq] != stored:
                problem = f"the hash differs from the anchor kept outside the database ({wanted[seq]})"
            if problem:
                verdict.broken_seq, verdict.broken_row_id, verdict.problem = seq, row_id, problem
                break
            if seq in wanted:
                verdict.anchors_checked.append((seq, stored))
            verdict.links, verdict.head_seq, verdict.head_hash = seq, seq, stored
            expected_seq, expected_prev = seq + 1, stored
        missing_anchors = [s for s in wanted if s > verdict.head_seq and verdict.broken_seq is None]
        if missing_anchors:
            verdict.broken_seq, verdict.problem = min(missing_anchors), "an anchored link is no longer in the chain"
        with connection.cursor() as cursor:
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT COUNT(*), MIN(t.id) FROM {quote(table)} t WHERE NOT EXISTS "  # noqa: S608
                f"(SELECT 1 FROM {LINK_TABLE} l WHERE l.chain = %s AND l.row_id = t.id)",
                [table],
            )
            count, first = cursor.fetchone()
            if count and connection.vendor == "sqlite":
                cursor.execute(f"SELECT COALESCE(MAX(row_id), 0) FROM {LINK_TABLE} WHERE chain = %s", [table])  # noqa: S608
                last = cursor.fetchone()[0]
                if first > last:  # all after the last link: written in bulk, linked at the next write
                    verdict.pending, count = count, 0
            if count:
                verdict.unlinked, verdict.first_unlinked_id = int(count), int(first)
    return verdict


# PostgreSQL: the triggers (installed by core 0004 and cases 0008) ---------------------------------

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION danvan_chain_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp SET TimeZone = 'UTC' AS $fn$
-- AFTER INSERT, as the owner role: the next link of this table's chain (danvan/core/chain.py).
DECLARE
    chain_name text := TG_TABLE_NAME;  -- text, not name: so the lookup below uses the (chain, seq) index
    last_seq bigint;
    last_hash text;
    recorded timestamptz := clock_timestamp();
    content text;
BEGIN
    PERFORM pg_advisory_xact_lock(@lock@, hashtext(chain_name));
    SELECT seq, hash INTO last_seq, last_hash FROM core_chainlink
        WHERE chain = chain_name ORDER BY seq DESC LIMIT 1;
    last_seq := COALESCE(last_seq, 0) + 1;
    last_hash := COALESCE(last_hash, repeat('0', 64));
    content := (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(NEW)) WHERE key = ANY(TG_ARGV))::text;
    INSERT INTO core_chainlink (chain, seq, row_id, recorded_at, prev_hash, hash)
    VALUES (chain_name, last_seq, NEW.id, recorded, last_hash, encode(sha256(convert_to(
        last_hash || E'\\n' || last_seq || E'\\n'
        || to_char(recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\\n' || content,
        'UTF8')), 'hex'));
    RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION danvan_chain_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = @schema@, pg_temp AS $fn$
-- BEFORE INSERT, as the inserting role: a role that does not own the table gets the database's clock
-- in the event's time column (TG_ARGV[0]), whatever it sent.
BEGIN
    IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], clock_timestamp()));
    END IF;
    RETURN NEW;
END $fn$;

CREATE OR REPLACE FUNCTION danvan_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = @schema@, pg_temp AS $fn$
-- BEFORE UPDATE OR DELETE: refused; only the owner role, in a transaction that says it purges
-- (SET LOCAL danvan.purge = 'on', danvan generate --purge), may delete.
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('danvan.purge', true) = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $fn$;
"""


def pg_functions_sql(schema: str) -> str:
    quoted = connection.ops.quote_name(schema)
    return _FUNCTIONS.replace("@schema@", quoted).replace("@lock@", str(LOCK_CLASS))


def pg_triggers_sql(table: str, *, append_only: bool = True) -> str:
    """The triggers of one chained table, enabled ALWAYS (``session_replication_role`` cannot skip them)."""
    quote = connection.ops.quote_name
    time_column, columns = CHAINS[table]
    args = ", ".join(f"'{c}'" for c in columns)
    t = quote(table)
    sql = [
        f"CREATE TRIGGER {quote(table + '_chain_stamp')} BEFORE INSERT ON {t} "
        f"FOR EACH ROW EXECUTE FUNCTION danvan_chain_stamp('{time_column}');",
        f"ALTER TABLE {t} ENABLE ALWAYS TRIGGER {quote(table + '_chain_stamp')};",
        f"CREATE TRIGGER {quote(table + '_chain_link')} AFTER INSERT ON {t} "
        f"FOR EACH ROW EXECUTE FUNCTION danvan_chain_link({args});",
        f"ALTER TABLE {t} ENABLE ALWAYS TRIGGER {quote(table + '_chain_link')};",
    ]
    if append_only:
        sql += [
            f"CREATE TRIGGER {quote(table + '_append_only')} BEFORE UPDATE OR DELETE ON {t} "
            f"FOR EACH ROW EXECUTE FUNCTION danvan_append_only();",
            f"ALTER TABLE {t} ENABLE ALWAYS TRIGGER {quote(table + '_append_only')};",
        ]
    return "\n".join(sql)


def pg_triggers_drop_sql(table: str) -> str:
    quote = connection.ops.quote_name
    return "\n".join(f"DROP TRIGGER IF EXISTS {quote(table + suffix)} ON {quote(table)};"
                     for suffix in ("_chain_stamp", "_chain_link", "_append_only"))  # fmt: skip
