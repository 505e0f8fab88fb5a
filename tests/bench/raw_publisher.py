"""A QoS 1 publisher that costs the machine little: every PUBLISH packet is
encoded before the clock starts and written to the broker's socket in chunks,
and a reader thread counts the PUBACKs (what emqtt-bench or ``mosquitto_pub -l``
do in C).  A paho publisher spends about as much CPU a message as the bare
subscriber it feeds; on two cores two of them took a whole core from the ingest
service under test.

MQTT 3.1.1 (OASIS, section 3.3): fixed header ``0x32`` (PUBLISH, QoS 1), the
remaining length as a variable-length integer, the topic as a UTF-8 string
with a two-byte length, the packet id, the payload; a PUBACK is ``40 02`` and
the packet id.  At most ``window`` messages are unacknowledged at once, and
packet ids cycle below 65,536.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import uuid

CHUNK = 64  # packets a write when publishing as fast as the window allows


def _length(n: int) -> bytes:
    out = bytearray()
    while True:
        n, digit = divmod(n, 128)
        out.append(digit | (128 if n else 0))
        if not n:
            return bytes(out)


def _string(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("!H", len(raw)) + raw


def connect_packet(client_id: str, keepalive: int = 60) -> bytes:
    body = _string("MQTT") + bytes([4, 0x02]) + struct.pack("!H", keepalive) + _string(client_id)
    return b"\x10" + _length(len(body)) + body


def publish_packet(topic: str, payload: bytes, packet_id: int) -> bytes:
    body = _string(topic) + struct.pack("!H", packet_id) + payload
    return b"\x32" + _length(len(body)) + body


class _Acks:
    """Counts PUBACKs (four bytes each) on the reader thread."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.count, self.error = sock, 0, ""
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, name="raw-pub-acks", daemon=True)
        self.thread.start()

    def _read(self) -> None:
        pending = 0
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    self.error = "the broker closed the connection"
                    break
                if data[0] != 0x40 and pending == 0:
                    self.error = f"unexpected packet type {data[0]:#x}"
                    break
                pending += len(data)
                with self.changed:
                    self.count += pending // 4
                    pending %= 4
                    self.changed.notify_all()
        except OSError as exc:
            self.error = str(exc)
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, n: int, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count >= n or bool(self.error), timeout)


def publish_raw(
    port: int,
    topics: list[str],
    payloads: list[bytes],
    rate: float,
    start_at: float = 0.0,
    window: int = 1000,
) -> list[float]:
    """Connect, wait until the wall-clock ``start_at``, publish QoS 1 at ``rate``/s
    (0: as fast as the window allows), wait for every PUBACK; returns each
    message's time just before it was written."""
    n = len(topics)
    packets = [
        publish_packet(t, p, i % 65535 + 1)
        for i, (t, p) in enumerate(zip(topics, payloads, strict=True))
    ]
    window = min(window, 65000)
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        sock.sendall(connect_packet(f"rawpub-{uuid.uuid4().hex[:8]}"))
        connack = sock.recv(4)
        if len(connack) != 4 or connack[0] != 0x20 or connack[3] != 0:
            raise RuntimeError(f"publisher: broker refused the connection ({connack!r})")
        sock.settimeout(None)
        acks = _Acks(sock)
        if (wait := start_at - time.time()) > 0:
            time.sleep(wait)
        sent = [0.0] * n
        began, i = time.monotonic(), 0
        step = 1 if rate else CHUNK
        while i < n:
            if rate and (delay := i / rate - (time.monotonic() - began)) > 0:
                time.sleep(delay)
            end = min(i + step, n)
            if not acks.wait_for(end - window, 60):
                raise RuntimeError(f"publisher: {acks.count} of {end - window} acknowledged")
            now = time.time()
            sock.sendall(b"".join(packets[i:end]))
            sent[i:end] = [now] * (end - i)
            i = end
        if not acks.wait_for(n, 60 + n / 500) or acks.count < n:
            raise RuntimeError(f"publisher: {acks.count} of {n} acknowledged {acks.error}".strip())
        return sent
    finally:
        sock.close()
