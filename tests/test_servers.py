"""The throwaway servers start, answer, and come back after a restart with their data."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest

from tests.support.servers import (
    ThrowawayMosquitto,
    ThrowawayPostgres,
    free_port,
    machine_mosquitto_url,
    machine_postgres_url,
    port_open,
)


@pytest.mark.slow
def test_throwaway_postgres_restarts_on_its_port() -> None:
    with ThrowawayPostgres() as pg:
        assert pg.url == f"postgresql+psycopg://postgres@127.0.0.1:{pg.port}/postgres"
        conninfo = f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            conn.execute("CREATE TABLE kept (x int)")
            conn.execute("INSERT INTO kept VALUES (7)")
        pg.stop()
        assert not port_open(pg.port)
        pg.start()
        with psycopg.connect(conninfo) as conn:
            assert conn.execute("SELECT x FROM kept").fetchone() == (7,)
        folder = pg.folder
    assert not folder.exists()


@pytest.mark.slow
def test_throwaway_mosquitto_speaks_mqtt_and_keeps_retained_messages(tmp_path: Path) -> None:
    with ThrowawayMosquitto(tmp_path / "mqtt") as broker:
        assert broker.url == f"mqtt://127.0.0.1:{broker.port}"
        with _mqtt_session(broker.port) as s:
            s.sendall(_publish_retained(b"youyi/test", b"kept"))
            s.sendall(b"\xe0\x00")  # DISCONNECT; the broker closes after the PUBLISH
            assert _read(s, 1) == b""
        broker.stop()
        assert not port_open(broker.port)
        broker.start()
        with _mqtt_session(broker.port) as s:
            s.sendall(_subscribe(b"youyi/test"))
            assert _read(s, 5)[:1] == b"\x90"  # SUBACK
            retained = _publish_retained(b"youyi/test", b"kept")
            assert _read(s, len(retained)) == retained


def test_machine_server_urls_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOUYI_TEST_PG", "throwaway")
    monkeypatch.setenv("YOUYI_TEST_MQTT", "throwaway")
    assert machine_postgres_url() is None
    assert machine_mosquitto_url() is None
    monkeypatch.setenv("YOUYI_TEST_PG", "postgresql+psycopg://u@db:5432/x")
    monkeypatch.setenv("YOUYI_TEST_MQTT", "mqtt://broker:1883")
    assert machine_postgres_url() == "postgresql+psycopg://u@db:5432/x"
    assert machine_mosquitto_url() == "mqtt://broker:1883"
    assert not port_open(free_port())


# A few bare MQTT 3.1.1 packets (all shorter than 128 bytes: one length byte).


def _mqtt_session(port: int) -> socket.socket:
    """Connect with a bare CONNECT (clean session) and check the CONNACK."""
    client_id = b"youyi-test"
    body = b"\x00\x04MQTT\x04\x02\x00\x3c" + len(client_id).to_bytes(2, "big") + client_id
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(bytes([0x10, len(body)]) + body)
    assert _read(s, 4) == b"\x20\x02\x00\x00"  # CONNACK, accepted
    return s


def _publish_retained(topic: bytes, payload: bytes) -> bytes:
    body = len(topic).to_bytes(2, "big") + topic + payload
    return bytes([0x31, len(body)]) + body  # PUBLISH, QoS 0, retain


def _subscribe(topic: bytes) -> bytes:
    body = b"\x00\x01" + len(topic).to_bytes(2, "big") + topic + b"\x00"
    return bytes([0x82, len(body)]) + body


def _read(s: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data
