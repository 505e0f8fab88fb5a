"""Bulk writes that behave the same on SQLite and PostgreSQL: one SELECT for the
keys already there, then one executemany INSERT and one executemany UPDATE."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Table, bindparam, insert, select, update

#: Keys per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
