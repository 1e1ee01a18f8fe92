"""Consultations: the reads every vote makes, as plain SQL.

Each vote on the phone page reads the statement voted on, the participant, the next statement and the
progress. As ORM querysets those four cost ≈ 5.5 ms of Python per vote on this machine, ten times the
database's own time, almost all of it compiling the same queries again (measured: next statement 2.9 ms
through the ORM, 0.2 ms as the same SQL; docs/consultations/load.md). So they are written once here, in
SQL both SQLite and PostgreSQL run, with table and column names taken from the models, and the callers
(``selectors.participation``, ``services.participation``) keep their contracts. Values always travel as
parameters; only names from ``_meta`` are put in the text.
"""

# ruff: noqa: S608 — the SQL text holds only quoted names from the models; every value is a parameter.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection

from danvan.consultations.enums import Moderation
from danvan.consultations.models import Consultation, DraftSection, DraftVersion, Participant, Statement, Vote


def quoted_table(model: type) -> str:
    """The model's table name, quoted for the database (the services' SQL writes use it too)."""
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def quoted_column(model: type, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)  # type: ignore[attr-defined]


_PARTICIPANT_FIELDS = Participant._meta.concrete_fields
_STATEMENT_FIELDS = Statement._meta.concrete_fields


def cursor() -> Any:
    """A cursor for the per-vote statements. On PostgreSQL one that binds parameters on the server, so that
    psycopg prepares a statement the fifth time a connection runs it (its ``prepare_threshold``) and the
    server skips planning afterwards: planning was half of PostgreSQL's time per vote (0.4–0.55 ms of each
    query's ≈ 1 ms; docs/consultations/load.md). Django's own cursors bind on the client, which never
    prepares; the rest of the site keeps them. Wrapped as Django wraps its cursors (errors as Django's,
    queries counted and logged)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    # (The stubs know neither the driver's cursor class nor that these wrap a driver's cursor.)
    raw = ServerBindingCursor(connection.connection)  # type: ignore[call-arg]
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    return wrap(raw)  # type: ignore[arg-type]


@cache
def _converters(model: type, name: str) -> tuple[Any, ...]:
    field = model._meta.get_field(name)  # type: ignore[attr-defined]
    column = field.get_col(model._meta.db_table)  # type: ignore[attr-defined]
    return tuple(connection.ops.get_db_converters(column) + field.get_db_converters(connection)), column


def _model_from_row(model: type, fields: Any, values: Any) -> Any:
    """A model instance from a row of ``fields`` in order, as the ORM builds one: each value through the
    backend's and the field's converters (a date or time the backend hands back as text), then ``from_db``."""
    converted = []
    for field, value in zip(fields, values, strict=True):
        converters, column = _converters(model, field.name)
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields], converted)  # type: ignore[attr-defined]


@cache
def _sql() -> dict[str, str]:
    """The statements' text, built once per process (names from the models, quoted for the database)."""
    s, v, p, c = quoted_table(Statement), quoted_table(Vote), quoted_table(Participant), quoted_table(Consultation)
    ds, dv = quoted_table(DraftSection), quoted_table(DraftVersion)
    s_id, s_c, s_status = (
        quoted_column(Statement, "id"),
        quoted_column(Statement, "consultation"),
        quoted_column(Statement, "status"),
    )
    s_key, s_count = quoted_column(Statement, "section_key"), quoted_column(Statement, "vote_count")
    v_s, v_p = quoted_column(Vote, "statement"), quoted_column(Vote, "participant")
    latest_version = (
        f"SELECT {quoted_column(DraftVersion, 'id')} FROM {dv} WHERE {quoted_column(DraftVersion, 'consultation')} = %s "
        f"ORDER BY {quoted_column(DraftVersion, 'number')} DESC LIMIT 1"
    )
    heading = (
        f"COALESCE((SELECT {quoted_column(DraftSection, 'heading')} FROM {ds} WHERE {quoted_column(DraftSection, 'version')} = "
        f"({latest_version}) AND {quoted_column(DraftSection, 'key')} = {s}.{s_key} LIMIT 1), '')"
    )
    published = f"{s}.{s_c} = %s AND {s}.{s_status} = %s"
    # The rules, once each; the queries below are put together from them.
    unanswered = f"{s}.{s_id} NOT IN (SELECT {v_s} FROM {v} WHERE {v_p} = %s)"  # params: participant
    fewest_votes_first = f"ORDER BY {s}.{s_count}, {s}.{s_id} LIMIT 1"
    total = f"(SELECT COUNT(*) FROM {s} everyone WHERE everyone.{s_c} = %s AND everyone.{s_status} = %s)"
    answered = (  # params: participant, consultation, status
        f"(SELECT COUNT(*) FROM {v} mine JOIN {s} theirs ON theirs.{s_id} = mine.{v_s} WHERE mine.{v_p} = %s "
        f"AND theirs.{s_c} = %s AND theirs.{s_status} = %s)"
    )
    next_select = f"SELECT {s}.*, {heading} AS section_heading FROM {s} WHERE {published}"
    statement_columns = ", ".join(f"{s}.{quoted_column(Statement, f.name)}" for f in _STATEMENT_FIELDS)
    return {
        "statement_for_vote": (
            f"SELECT {s}.{s_id}, {s}.{quoted_column(Statement, 'has_merged')}, "
            f"{c}.{quoted_column(Consultation, 'status')}, {c}.{quoted_column(Consultation, 'opens_on')}, "
            f"{c}.{quoted_column(Consultation, 'closes_on')} "
            f"FROM {s} JOIN {c} ON {c}.{quoted_column(Consultation, 'id')} = {s}.{s_c} WHERE {s}.{s_id} = %s AND {published}"
        ),
        "participant_by_key": (
            f"SELECT {', '.join(quoted_column(Participant, f.name) for f in _PARTICIPANT_FIELDS)} FROM {p} "
            f"WHERE {quoted_column(Participant, 'consultation')} = %s AND {quoted_column(Participant, 'key')} = %s"
        ),
        "next_anyone": f"{next_select} {fewest_votes_first}",
        "next_for": f"{next_select} AND {unanswered} {fewest_votes_first}",
        # The card in one round trip: the next statement and the progress as two scalar subqueries.
        "next_with_progress": (
            f"SELECT {statement_columns}, {heading} AS section_heading, {total} AS progress_total, "
            f"{answered} AS progress_answered "
            f"FROM {s} WHERE {published} AND {unanswered} {fewest_votes_first}"
        ),
        "progress": f"SELECT {total}, {answered}",
    }


@dataclass(frozen=True)
class VoteTarget:
    """A published statement a vote is for, with what the vote must be judged on as the database has it
    now: whether duplicates were merged into it, and its consultation's status and period (the cached
    row a request started from may be seconds older than a close or a withdrawal)."""

    statement_id: int
    has_merged: bool
    status: str
    opens_on: dt.date
    closes_on: dt.date


def statement_for_vote(consultation_id: int, statement_id: int) -> VoteTarget | None:
    """The published statement ``statement_id`` of this consultation (``VoteTarget``), or None."""
    with cursor() as cursor_:
        cursor_.execute(_sql()["statement_for_vote"], [statement_id, consultation_id, Moderation.PUBLISHED.value])
        row = cursor_.fetchone()
    if not row:
        return None
    return VoteTarget(int(row[0]), bool(row[1]), str(row[2]), _date(row[3]), _date(row[4]))


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def participant_by_key(consultation_id: int, key: str) -> Participant | None:
    """The participant of this key, built from its row as the ORM builds one (``_model_from_row``) without the
    raw queryset's column mapping, which cost twice the query itself on every vote (``test_card`` compares
    the result with the ORM's, field by field)."""
    with cursor() as cursor_:
        cursor_.execute(_sql()["participant_by_key"], [consultation_id, key])
        row = cursor_.fetchone()
    return None if row is None else _model_from_row(Participant, _PARTICIPANT_FIELDS, row)


def next_statement(consultation_id: int, participant_id: int | None) -> Statement | None:
    """See ``selectors.participation.next_statement``; the row carries ``section_heading``."""
    published = [consultation_id, consultation_id, Moderation.PUBLISHED.value]  # the heading's version, then the filter
    if participant_id is None:
        rows = Statement.objects.raw(_sql()["next_anyone"], published)
    else:
        rows = Statement.objects.raw(_sql()["next_for"], [*published, participant_id])
    return next(iter(rows), None)


def progress_counts(consultation_id: int, participant_id: int | None) -> tuple[int, int]:
    """(answered, total): the published statements, and those this participant voted on."""
    with cursor() as cursor_:
        status = Moderation.PUBLISHED.value
        cursor_.execute(_sql()["progress"], [consultation_id, status, participant_id or 0, consultation_id, status])
        total, answered = cursor_.fetchone()
    return int(answered), int(total)


def next_with_progress(consultation_id: int, participant_id: int) -> tuple[Statement | None, int, int]:
    """(next statement, answered, total) for a known participant in one query when a statement is left;
    when none is, the progress alone (a second query, once per participant at the end)."""
    status = Moderation.PUBLISHED.value
    params = [consultation_id, consultation_id, status, participant_id, consultation_id, status,
              consultation_id, status, participant_id]  # fmt: skip
    with cursor() as cursor_:
        cursor_.execute(_sql()["next_with_progress"], params)
        row = cursor_.fetchone()
    if row is None:
        answered, total = progress_counts(consultation_id, participant_id)
        return None, answered, total
    width = len(_STATEMENT_FIELDS)
    statement = _model_from_row(Statement, _STATEMENT_FIELDS, row[:width])
    heading, total, answered = row[width:]
    statement.section_heading = heading or ""
    return statement, int(answered), int(total)
