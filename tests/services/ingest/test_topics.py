"""Whatever arrives under the site is stored or quarantined with its reason: a
topic of another shape (three levels, five, the site alone) is not silently
missed by the subscription."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import text

from services.bus import BrokerSettings
from services.db.store import Store
from services.errors import ConfigError
from services.ingest.service import IngestService, topics_for
from tests.support.ingest import broker_url, site, wait_for

__all__ = ["broker_url", "site"]  # fixtures


def test_the_subscription_is_the_whole_site() -> None:
    assert topics_for("youyi") == ["youyi/#"]
    assert topics_for("youyi", "room") == ["$share/room/youyi/#"]
    with pytest.raises(ConfigError, match="not a plain topic level"):
        topics_for("you/yi")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_topics_of_another_shape_are_quarantined_with_the_reason(
    store: Store, broker_url: str, site: str, tmp_path: Path
) -> None:
    u = urlparse(broker_url)
    settings = BrokerSettings(host=u.hostname or "", port=u.port or 1883, client_id=f"in-{site}")
    service = IngestService(store, settings, site, spool_path=tmp_path / "spool.jsonl")
    service.start()
    odd = {
        f"{site}": 1,
        f"{site}/elevator/EL-0231": 3,
        f"{site}/elevator/EL-0231/event/extra": 5,
    }
    publisher = mqtt.Client(CallbackAPIVersion.VERSION2, f"pub-{site}")
    try:
        assert service.pipeline is not None and service.pipeline.bus.wait_subscribed(10)
        publisher.connect(u.hostname or "", u.port or 1883)
        publisher.loop_start()
        for topic in odd:
            publisher.publish(topic, b'{"event_id": "x"}', qos=1).wait_for_publish(10)

        def quarantined() -> list[tuple[str, str]]:
            with store.reading() as conn:
                return [
                    (t, r) for t, r in conn.execute(text("SELECT topic, reason FROM quarantine"))
                ]

        assert wait_for(lambda: len(quarantined()) == len(odd), 20), quarantined()
    finally:
        publisher.disconnect()
        publisher.loop_stop()
        service.stop()
    reasons = dict(quarantined())
    for topic, levels in odd.items():
        assert (
            reasons[topic]
            == f"topic: expected SITE/KIND/DEVICE_ID/CHANNEL (4 levels), got {levels}"
        )
