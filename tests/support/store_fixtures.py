"""A fresh, migrated store with the demo district for each test, on SQLite and
on PostgreSQL (the machine's server, or a throwaway one on a free port).

Each PostgreSQL test gets its own schema, so tests never see each other's rows;
``second_store`` is another Store (its own engine and connections) on the same
database, standing in for a second console.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import insert
from sqlalchemy.engine import URL, make_url

from services.access.auth import add_demo_users
from services.db.changefeed import libpq_conninfo
from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.models import Device, table_of
from services.db.store import Store
from services.ingest.writer import IngestWriter
from services.workflow.orders import WorkOrderService
from tests.support.store import DEVICES, FakeClock, cli_sign_in


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    from tests.support.servers import ThrowawayPostgres, machine_postgres_url

    url = machine_postgres_url()
    if url:
        yield url
        return
    with ThrowawayPostgres() as server:
        yield server.url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    if request.param == "sqlite":
        yield make_url(f"sqlite:///{tmp_path / 'youyi.db'}")
        return
    base = make_url(request.getfixturevalue("pg_server_url"))
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(libpq_conninfo(base), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield base.update_query_dict({"options": f"-csearch_path={schema}"})
    with psycopg.connect(libpq_conninfo(base), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(db_url: URL) -> Iterator[Store]:
    s = Store(db_url)
    upgrade(s.engine)
    # The district without its device registry: tests register their own devices
    # (EL-0231, CAM-001 ...).  tests/services/district/test_registry.py loads the demo devices.
    load_demo_district(s, devices=False)
    yield s
    s.close()


@pytest.fixture
def second_store(store: Store) -> Iterator[Store]:
    s = Store(store.url)
    yield s
    s.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(store: Store, clock: FakeClock) -> WorkOrderService:
    return WorkOrderService(store, clock=clock)


@pytest.fixture
def service_factory(clock: FakeClock) -> Callable[[Store], WorkOrderService]:
    return lambda s: WorkOrderService(s, clock=clock)


@pytest.fixture
def signed_in(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line signed in on ``store`` as the operator ``wang``."""
    cli_sign_in(store, monkeypatch)
    capsys.readouterr()  # "signed in as ..." is not the test's output


@pytest.fixture
def writer(store: Store) -> Iterator[IngestWriter]:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [{"id": d, "kind": k, "name": d, "grid_code": g} for d, k, g in DEVICES],
        )
    w = IngestWriter(store, latches=lambda kind, t: kind == "arc_fault" and t == "arc_detected")
    w.load_devices()
    yield w


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'console.db'}")
    upgrade(store.engine)
    load_demo_district(store, devices=False)
    add_demo_users(store)
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)),
            [
                {
                    "id": "EL-0231",
                    "kind": "elevator",
                    "name": "8号楼电梯",
                    "grid_code": "G21",
                    "lon": 121.492,
                    "lat": 31.398,
                },
                {
                    "id": "AF-1102",
                    "kind": "arc_fault",
                    "name": "配电箱",
                    "grid_code": "G12",
                    "lon": 121.487,
                    "lat": 31.402,
                },
            ],
        )
    yield store
    store.close()
