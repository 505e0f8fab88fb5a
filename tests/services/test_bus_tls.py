"""The bus over TLS with a private CA (the control room's own), as the ingest
and the set-up check both use it: the files come in the broker URL's query."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.bus import BrokerSettings, MqttBus
from services.errors import ConfigError, ServiceError
from tests.support.pki import make_pki
from tests.support.servers import TlsMosquitto


def test_the_url_carries_the_ca_and_client_files() -> None:
    s = BrokerSettings.from_url(
        "mqtts://ops@10.0.0.6?cafile=/etc/ca.pem&certfile=/c.pem&keyfile=/k"
    )
    assert (s.tls, s.ca_file, s.cert_file, s.key_file) == (True, "/etc/ca.pem", "/c.pem", "/k")
    assert BrokerSettings.from_url("mqtts://10.0.0.6").ca_file is None  # the system's CAs
    with pytest.raises(ConfigError, match="unknown option 'capath'"):
        BrokerSettings.from_url("mqtts://10.0.0.6?capath=/etc")
    with pytest.raises(ConfigError, match="need mqtts://"):
        BrokerSettings.from_url("mqtt://10.0.0.6?cafile=/etc/ca.pem")


def test_a_broker_signed_by_a_private_ca_is_trusted_only_with_it(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    with TlsMosquitto(pki["ca"], pki["cert"], pki["key"]) as broker:
        trusted = BrokerSettings.from_url(
            f"{broker.tls_url}?cafile={pki['ca']}", client_id="youyi-tls-ok"
        )
        bus = MqttBus(trusted, persistent=False)
        bus.connect(timeout=10)
        assert bus.wait_connected(5)
        bus.stop()
        untrusted = BrokerSettings.from_url(broker.tls_url, client_id="youyi-tls-no")
        refused = MqttBus(untrusted, persistent=False)
        with pytest.raises(ServiceError) as caught:
            refused.connect(timeout=10)
        refused.stop()
        assert "certificate" in str(caught.value.__cause__).lower()
