"""The throwaway servers start, answer, and come back after a restart."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest

from tests.servers import ThrowawayMosquitto, ThrowawayPostgres, port_open


@pytest.mark.slow
def test_throwaway_postgres_restarts_on_its_port() -> None:
    with ThrowawayPostgres() as pg:
        conninfo = f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("CREATE TABLE kept (x int)")
            conn.execute("INSERT INTO kept VALUES (7)")
        pg.stop()
        assert not port_open(pg.port)
        pg.start()
        with psycopg.connect(conninfo) as conn:
            assert conn.execute("SELECT x FROM kept").fetchone() == (7,)


@pytest.mark.slow
def test_throwaway_mosquitto_speaks_mqtt_and_restarts(tmp_path: Path) -> None:
    with ThrowawayMosquitto(tmp_path / "mqtt") as broker:
        assert _connack(broker.port) == b"\x20\x02\x00\x00"  # CONNACK, accepted
        broker.stop()
        assert not port_open(broker.port)
        broker.start()
        assert _connack(broker.port) == b"\x20\x02\x00\x00"


def _connack(port: int) -> bytes:
    """Send a bare MQTT 3.1.1 CONNECT and read the broker's CONNACK."""
    client_id = b"youyi-test"
    variable = b"\x00\x04MQTT\x04\x02\x00\x3c"
    payload = len(client_id).to_bytes(2, "big") + client_id
    body = variable + payload
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(bytes([0x10, len(body)]) + body)
        return s.recv(4)
