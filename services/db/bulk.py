"""Bulk writes that behave the same on SQLite and PostgreSQL: rows inserted in
one statement (``insert_rows``), and upserts by key (one SELECT for the keys
already there, then one executemany INSERT and one executemany UPDATE)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec
from sqlalchemy import (
    Column,
    Connection,
    LargeBinary,
    Row,
    Table,
    bindparam,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

#: Keys per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    returning: Sequence[Column[Any]] = (),
    *,
    skip_existing: bool = False,
) -> list[Row[Any]]:
    """Insert ``rows`` (dicts with the same keys) in one statement; returns the
    ``returning`` columns of each row inserted, in the order given.  With
    ``skip_existing`` a row whose key is there already is left out (``ON
    CONFLICT DO NOTHING``).

    On PostgreSQL the rows travel as one JSON document unpacked with the table's
    own row type (``json_populate_recordset``): the statement's text is the
    same whatever the number of rows, so psycopg prepares it and the server
    plans it once, where a multi-row ``VALUES`` costs a placeholder conversion
    in psycopg per batch.  On SQLite, SQLAlchemy's multi-row insert."""
    if not rows:
        return []
    if conn.dialect.name != "postgresql":
        ins = sqlite_insert(table).on_conflict_do_nothing() if skip_existing else insert(table)
        if not returning:
            conn.execute(ins, list(rows))
            return []
        stmt = ins.returning(*returning, sort_by_parameter_order=True)
        return list(conn.execute(stmt, list(rows)))
    keys = tuple(rows[0])
    stmt = _json_insert(table, keys, tuple(c.key for c in returning), skip_existing)
    result = conn.execute(stmt, {"rows": to_json(_bytea_as_hex(table, rows))})
    return list(result) if returning else []


@functools.lru_cache(maxsize=64)
def _json_insert(
    table: Table, keys: tuple[str, ...], returning: tuple[str, ...], skip_existing: bool
) -> Any:
    cols = ", ".join(f'"{k}"' for k in keys)
    sql = (
        f'INSERT INTO "{table.name}" ({cols}) SELECT {cols}'
        f' FROM json_populate_recordset(NULL::"{table.name}", CAST(:rows AS json))'
        " WITH ORDINALITY AS v ORDER BY v.ordinality"
    )
    if skip_existing:
        sql += " ON CONFLICT DO NOTHING"
    if not returning:
        return text(sql)
    sql += " RETURNING " + ", ".join(f'"{k}"' for k in returning)
    return text(sql).columns(*(table.c[k] for k in returning))


def update_rows(conn: Connection, table: Table, key: str, rows: Sequence[dict[str, Any]]) -> None:
    """Set, for each row, its other keys' columns on the row of ``table`` whose
    ``key`` column is the row's ``key``: one statement on PostgreSQL (the rows as
    one JSON document, their keys besides as an array, so that the planner
    reaches them by index), executemany on SQLite."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        cols = [k for k in rows[0] if k != key]
        values: dict[str, Any] = {k: bindparam(f"_v_{k}") for k in cols}
        stmt = update(table).where(table.c[key] == bindparam("_key")).values(values)
        conn.execute(stmt, [{"_key": r[key], **{f"_v_{k}": r[k] for k in cols}} for r in rows])
        return
    params = {"rows": to_json(rows), "keys": [r[key] for r in rows]}
    conn.execute(_json_update(table, key, tuple(rows[0]), conn.dialect), params)


@functools.lru_cache(maxsize=64)
def _json_update(table: Table, key: str, keys: tuple[str, ...], dialect: Any) -> Any:
    sets = ", ".join(f'"{k}" = v."{k}"' for k in keys if k != key)
    key_type = table.c[key].type.compile(dialect)
    return text(
        f'UPDATE "{table.name}" SET {sets}'
        f' FROM json_populate_recordset(NULL::"{table.name}", CAST(:rows AS json)) AS v'
        f' WHERE "{table.name}"."{key}" = v."{key}"'
        f' AND "{table.name}"."{key}" = ANY(CAST(:keys AS {key_type}[]))'
    )


def _bytea_as_hex(table: Table, rows: Sequence[dict[str, Any]]) -> Sequence[dict[str, Any]]:
    """Binary values as PostgreSQL's hex input (``\\x…``): JSON carries text, and
    msgspec would write bytes as base64, which ``bytea`` would store as it is."""
    binary = [k for k in rows[0] if isinstance(table.c[k].type, LargeBinary)]
    if not binary:
        return rows
    return [{**r, **{k: None if r[k] is None else "\\x" + bytes(r[k]).hex() for k in binary}}
            for r in rows]  # fmt: skip


def to_json(value: object) -> str:
    """Rows as one JSON document for PostgreSQL to unpack: msgspec writes
    datetimes in RFC 3339 with their offset, enums as their values, and is an
    order of magnitude quicker than the json module here (NaN, which JSON does
    not have, becomes null)."""
    return msgspec.json.encode(value).decode("utf-8")


def existing_keys(conn: Connection, column: Column[Any], keys: Iterable[Any]) -> set[Any]:
    """Those of ``keys`` that ``column`` already holds."""
    wanted = sorted(set(keys))
    found: set[Any] = set()
    for part in chunks(wanted):
        found.update(conn.execute(select(column).where(column.in_(part))).scalars())
    return found


def insert_missing(
    conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Insert the rows whose key is not there yet; returns those."""
    have = existing_keys(conn, table.c[key], (r[key] for r in rows))
    new = [r for r in rows if r[key] not in have]
    if new:
        conn.execute(insert(table), new)
    return new


def upsert(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Insert new rows and update the columns given for existing ones, by key.
    Returns (added, updated)."""
    have = existing_keys(conn, table.c[key], (r[key] for r in rows))
    new = [r for r in rows if r[key] not in have]
    old = [
        {"_key": r[key], **{k: v for k, v in r.items() if k != key}} for r in rows if r[key] in have
    ]
    if new:
        conn.execute(insert(table), new)
    if old:
        conn.execute(update(table).where(table.c[key] == bindparam("_key")), old)
    return len(new), len(old)
