"""One lock order for every writer of the shared database, so that no two
transactions can wait on each other (no deadlock by construction).

Every write transaction takes what it needs in this order, and never goes back
to an earlier kind once it holds a later one:

1. the ingest lock (``lock_ingest``): the ingest writer's batches, the hold
   timer and the upkeep of every ingest worker sharing the database take it
   first, so that only one of them at a time touches alarms in bulk; on
   PostgreSQL a transaction-scoped advisory lock, on SQLite the write lock that
   ``BEGIN IMMEDIATE`` takes anyway;
2. device rows, ascending by id (last seen, online);
3. alarm rows: an ingest batch upserts its alarms in rounds, each round sorted
   by alarm key; a person acts on one alarm at a time (and locks it before it
   raises an order for it);
4. work-order rows, one at a time (a person's move);
5. ``order_counters`` (numbering, once per transaction: ``next_numbers``);
6. ``audit_head``, last (``audit.append_many``, once per transaction).

A transaction that holds locks of kind *n* waits only for locks of a later
kind, and the holder of a later kind never waits for an earlier one, so no
cycle can form.  Should one happen all the same (a future change breaking the
order), the database breaks it and the ingest writer retries the whole batch
(``TransientConflictError``).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

#: The advisory lock key of ingestion (any 64-bit number unique to this use):
#: "YOUYI-IN" in ASCII.
INGEST_LOCK_KEY = 0x594F5559492D494E

#: With the lock, the transaction's statements are planned for their actual
#: parameters: the bulk statements join arrays of a batch's rows, and a generic
#: plan of those (psycopg prepares a statement run five times) scanned every
#: alarm for each clear (14 ms a clear against 4 ms planned for its arrays).
_LOCK = text(
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
    f" pg_advisory_xact_lock({INGEST_LOCK_KEY})"
)


def lock_ingest(conn: Connection) -> None:
    """Take the ingest lock for the rest of the transaction (released at commit
    or rollback).  SQLite's writers hold the whole database already."""
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK)
