"""Broker URLs: what an installer types, and a clear error for what is wrong."""

from __future__ import annotations

import pytest

from services.bus import BrokerSettings
from services.errors import ConfigError


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "user", "password"),
    [
        ("mqtt://127.0.0.1", "127.0.0.1", 1883, False, None, None),
        ("mqtt://broker.local:11883", "broker.local", 11883, False, None, None),
        ("mqtts://ops:s%40cret@10.0.0.6", "10.0.0.6", 8883, True, "ops", "s@cret"),
    ],
)
def test_parses(
    url: str, host: str, port: int, tls: bool, user: str | None, password: str | None
) -> None:
    s = BrokerSettings.from_url(url, client_id="ws-01")
    assert (s.host, s.port, s.tls, s.username, s.password, s.client_id) == (
        host,
        port,
        tls,
        user,
        password,
        "ws-01",
    )


@pytest.mark.parametrize("url", ["http://x", "mqtt://", "127.0.0.1:1883", "mqtt://h:99999"])
def test_refuses(url: str) -> None:
    with pytest.raises(ConfigError, match="broker URL"):
        BrokerSettings.from_url(url)
