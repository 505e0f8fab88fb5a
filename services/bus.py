"""The MQTT bus: the one place that makes and configures paho-mqtt 2.x clients.

- QoS 1 and a stable client id per console, so the broker keeps what arrives
  while we are away (MQTT 5 session expiry; ``clean_session=False`` on 3.1.1);
  a publisher that keeps nothing asks for a clean session (``persistent=False``).
- MQTT 5 where the broker offers it, 3.1.1 where it does not (one fallback, for
  ``start`` and ``connect`` alike).
- TLS, user name and password from ``BrokerSettings``.
- Reconnects by itself with back-off (1 s doubling to 30 s).
- Manual acknowledgement: a message is acknowledged (``ack``) only once it is
  safely stored, so nothing acknowledged to the broker is ever lost.
- Callbacks run on paho's network thread and only hand off: the caller's
  ``on_message`` must be quick (e.g. put on a queue).

``subscribe`` returns an unsubscribe callable; subscriptions are renewed after
each reconnect.  ``publish`` hands a message over at once; ``on_published`` tells
of each one the broker has taken (its PUBACK at QoS 1).
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from services.errors import ConfigError, ServiceError

log = logging.getLogger(__name__)

UNSUPPORTED_PROTOCOL = 132  # MQTT 5 CONNACK reason "Unsupported Protocol Version"


@dataclass(frozen=True)
class BrokerSettings:
    host: str = "127.0.0.1"
    port: int = 1883
    tls: bool = False
    username: str | None = None
    password: str | None = None
    client_id: str = "youyi-console"
    keepalive_s: int = 30
    protocol: str = "auto"  # "auto" (5, else 3.1.1) | "5" | "3.1.1"
    session_expiry_s: int = 7 * 24 * 3600
    receive_maximum: int = 1000  # unacknowledged messages the broker may send us
    # TLS: the CA to trust (None: the system's) and this console's certificate.
    ca_file: str | None = None
    cert_file: str | None = None
    key_file: str | None = None

    @classmethod
    def from_url(cls, url: str, **kw: Any) -> BrokerSettings:
        """``mqtt://[user[:password]@]host[:port]`` or ``mqtts://`` (TLS, 8883), with
        ``?cafile=PATH&certfile=PATH&keyfile=PATH`` for a private CA and a client
        certificate."""
        if not url or not url.strip():
            raise ConfigError("no broker URL given: expected mqtt://HOST[:PORT]")
        try:
            parsed = urlsplit(url.strip())
        except ValueError as exc:  # e.g. "Invalid IPv6 URL" for mqtt://[::1
            raise ConfigError(f"malformed broker URL {url!r}: {exc}") from exc
        if parsed.scheme not in ("mqtt", "mqtts", "tcp", "ssl") or not parsed.hostname:
            raise ConfigError(
                f"malformed broker URL {url!r}: expected mqtt://HOST[:PORT] "
                "or mqtts://USER:PASSWORD@HOST[:PORT]"
            )
        tls = parsed.scheme in ("mqtts", "ssl")
        try:
            port = parsed.port or (8883 if tls else 1883)
        except ValueError as exc:
            raise ConfigError(f"malformed broker URL {url!r}: {exc}") from exc
        files = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        unknown = sorted(set(files) - {"cafile", "certfile", "keyfile"})
        if unknown:
            raise ConfigError(f"malformed broker URL {url!r}: unknown option {unknown[0]!r}")
        if files and not tls:
            raise ConfigError(f"broker URL {url!r}: certificate files need mqtts://")
        return cls(
            host=parsed.hostname,
            port=port,
            tls=tls,
            username=unquote(parsed.username) if parsed.username else None,
            password=unquote(parsed.password) if parsed.password else None,
            ca_file=files.get("cafile"),
            cert_file=files.get("certfile"),
            key_file=files.get("keyfile"),
            **kw,
        )


@dataclass(frozen=True, slots=True)
class Inbound:
    topic: str
    payload: bytes
    mid: int
    qos: int
    retain: bool
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))


OnMessage = Callable[[Inbound], None]
OnState = Callable[[bool, str], None]
OnPublished = Callable[[bool], None]  # True: the broker took it; False: it refused it


class MqttBus:
    def __init__(
        self,
        settings: BrokerSettings,
        on_message: OnMessage | None = None,
        *,
        manual_ack: bool = True,
        will: tuple[str, bytes] | None = None,
        persistent: bool = True,
        inflight: int = 100,
    ) -> None:
        self.settings = settings
        self._on_message = on_message
        self._manual_ack = manual_ack
        self._will = will
        self._persistent = persistent
        self._inflight = max(1, inflight)  # QoS 1 messages awaiting their PUBACK at most
        self._subscriptions: dict[str, int] = {}
        self._state_callbacks: list[OnState] = []
        self._published_callbacks: list[OnPublished] = []
        self._lock = threading.Lock()
        self.connected = False
        self._stopped = False
        self._subscribed = threading.Event()
        self._suback_mid: int | None = None
        self._answered = threading.Event()  # CONNACK: accepted, or refused for good
        self._refusal: Any = None
        self.protocol = (
            MQTTProtocolVersion.MQTTv311
            if settings.protocol == "3.1.1"
            else MQTTProtocolVersion.MQTTv5
        )
        self._client = self._make_client()

    # --- lifecycle -----------------------------------------------------------

    @property
    def protocol_name(self) -> str:
        return "5" if self.protocol == MQTTProtocolVersion.MQTTv5 else "3.1.1"

    @property
    def where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def start(self) -> None:
        """Connect in the background; returns at once (see ``wait_connected``)."""
        self._stopped = False
        self._open(blocking=False)

    def connect(self, timeout: float = 10.0) -> None:
        """Connect now and wait for the broker's answer (falling back to 3.1.1 if
        need be); then carry on as after ``start``.  A broker that cannot be
        reached, refuses us or does not answer in ``timeout`` is a one-line
        ``ServiceError``."""
        self._stopped = False
        self._answered.clear()
        try:
            self._open(blocking=True)
        except (OSError, ValueError) as exc:  # ValueError: paho's, e.g. an empty host
            raise ServiceError(f"cannot reach the broker at {self.where}: {exc}") from exc
        answered = self._answered.wait(timeout)
        if answered and self._refusal is None:
            return
        self.stop()
        why = f"refused the connection: {self._refusal}" if answered else "did not answer"
        raise ServiceError(f"the broker at {self.where} {why}")

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            client = self._client
        client.disconnect()
        client.loop_stop()
        self.connected = False

    def wait_subscribed(self, timeout: float = 10.0) -> bool:
        """True once the broker has confirmed our subscriptions (SUBACK): from
        then on, what is published reaches us even while we are away."""
        return self._subscribed.wait(timeout)

    def wait_connected(self, timeout: float = 10.0) -> bool:
        done = threading.Event()
        unsubscribe = self.on_state(lambda up, _why: done.set() if up else None)
        try:
            return self.connected or done.wait(timeout)
        finally:
            unsubscribe()

    # --- use -------------------------------------------------------------------

    def subscribe(self, pattern: str, qos: int = 1) -> Callable[[], None]:
        with self._lock:
            self._subscriptions[pattern] = qos
        if self.connected:
            self._client.subscribe(pattern, qos)

        def unsubscribe() -> None:
            with self._lock:
                self._subscriptions.pop(pattern, None)
            if self.connected:
                self._client.unsubscribe(pattern)

        return unsubscribe

    def ack(self, mid: int, qos: int) -> None:
        if self._manual_ack and qos > 0:
            self._client.ack(mid, qos)

    def publish(self, topic: str, payload: bytes, qos: int = 1, retain: bool = False) -> bool:
        """Hand a message to paho, which sends it now or once reconnected; False if
        it would not take it (a topic it refuses, say).  ``on_published`` tells when
        the broker has it."""
        try:
            info = self._client.publish(topic, payload, qos=qos, retain=retain)
        except ValueError:  # a topic paho refuses outright
            return False
        return info.rc in (MQTTErrorCode.MQTT_ERR_SUCCESS, MQTTErrorCode.MQTT_ERR_NO_CONN)

    def on_published(self, callback: OnPublished) -> Callable[[], None]:
        """Be told of each message the broker took (at QoS 1 its PUBACK; ``False``
        when an MQTT 5 PUBACK refuses it), on paho's network thread."""
        self._published_callbacks.append(callback)
        return lambda: (
            self._published_callbacks.remove(callback)
            if callback in self._published_callbacks
            else None
        )

    def on_state(self, callback: OnState) -> Callable[[], None]:
        """Be told ``(connected, reason)`` on every connect and disconnect."""
        self._state_callbacks.append(callback)
        return lambda: (
            self._state_callbacks.remove(callback) if callback in self._state_callbacks else None
        )

    # --- paho callbacks (network thread) --------------------------------------

    def _make_client(self) -> mqtt.Client:
        s = self.settings
        v5 = self.protocol == MQTTProtocolVersion.MQTTv5
        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=s.client_id,
            clean_session=None if v5 else not self._persistent,
            protocol=self.protocol,
            manual_ack=self._manual_ack,
        )
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        client.max_inflight_messages_set(self._inflight)
        client.max_queued_messages_set(0)
        if s.username:
            client.username_pw_set(s.username, s.password)
        if s.tls:
            client.tls_set(
                ca_certs=s.ca_file, certfile=s.cert_file, keyfile=s.key_file,
                cert_reqs=ssl.CERT_REQUIRED,
            )  # fmt: skip
        if self._will:
            client.will_set(self._will[0], self._will[1], qos=1, retain=True)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_paho_message
        client.on_subscribe = self._on_subscribe
        client.on_publish = self._on_publish
        return client

    def _open(self, *, blocking: bool) -> None:
        """Connect the current client (``blocking``: the TCP connection now, raising
        OSError) and start its network thread."""
        s = self.settings
        session: dict[str, Any] = {}
        if self.protocol == MQTTProtocolVersion.MQTTv5:
            props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
            props.ReceiveMaximum = s.receive_maximum
            if self._persistent:
                props.SessionExpiryInterval = s.session_expiry_s
            clean_start = mqtt.MQTT_CLEAN_START_FIRST_ONLY if not self._persistent else False
            session = {"clean_start": clean_start, "properties": props}
        connect = self._client.connect if blocking else self._client.connect_async
        connect(s.host, s.port, keepalive=s.keepalive_s, **session)
        self._client.loop_start()

    def _on_connect(
        self, client: mqtt.Client, _userdata: Any, flags: Any, reason: Any, _props: Any
    ) -> None:
        if reason.is_failure:
            if (
                self.settings.protocol == "auto"
                and self.protocol == MQTTProtocolVersion.MQTTv5
                and reason.value in (1, UNSUPPORTED_PROTOCOL)
            ):
                log.info("broker does not speak MQTT 5; falling back to 3.1.1")
                threading.Thread(target=self._downgrade, name="mqtt-fallback", daemon=True).start()
            else:
                log.warning("broker refused the connection: %s", reason)
                self._refusal = reason
                self._answered.set()
            return
        self._refusal = None
        self.connected = True
        with self._lock:
            subscriptions = list(self._subscriptions.items())
        if subscriptions:
            _rc, self._suback_mid = client.subscribe(subscriptions)
        log.info(
            "connected to %s:%s (MQTT %s, session present: %s)",
            self.settings.host,
            self.settings.port,
            self.protocol_name,
            getattr(flags, "session_present", "?"),
        )
        self._tell(True, "connected")
        self._answered.set()

    def _on_disconnect(
        self, _client: mqtt.Client, _userdata: Any, _flags: Any, reason: Any, _props: Any
    ) -> None:
        was = self.connected
        self.connected = False
        if was:
            log.info("disconnected from the broker (%s); reconnecting", reason)
            self._tell(False, str(reason))

    def _on_subscribe(
        self, _client: mqtt.Client, _userdata: Any, mid: int, reasons: Any, _props: Any
    ) -> None:
        if mid == self._suback_mid:
            if any(getattr(r, "is_failure", False) for r in reasons):
                log.warning("broker refused a subscription: %s", reasons)
            else:
                self._subscribed.set()

    def _on_publish(
        self, _client: mqtt.Client, _userdata: Any, _mid: int, reason: Any, _props: Any
    ) -> None:
        accepted = not reason.is_failure
        for callback in list(self._published_callbacks):
            try:
                callback(accepted)
            except Exception:
                log.exception("bus publish callback failed")

    def _on_paho_message(
        self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage
    ) -> None:
        if self._on_message is None:
            return
        self._on_message(
            Inbound(
                message.topic,
                bytes(message.payload),
                message.mid,
                message.qos,
                bool(message.retain),
            )
        )

    def _downgrade(self) -> None:
        self._client.loop_stop()
        with self._lock:  # not after stop(): its client would be left running
            if self._stopped:
                return
            self.protocol = MQTTProtocolVersion.MQTTv311
            self._client = self._make_client()
            self._open(blocking=False)

    def _tell(self, up: bool, why: str) -> None:
        for callback in list(self._state_callbacks):
            try:
                callback(up, why)
            except Exception:
                log.exception("bus state callback failed")
