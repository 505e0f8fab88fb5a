"""Real servers for the tests: the machine's own, or throwaway ones on free ports.

The machine's PostgreSQL (127.0.0.1:5432, user postgres, database test) and
Mosquitto (127.0.0.1:1883) are used when they answer; otherwise, and always for
tests that stop a server, a throwaway server runs from a temporary folder on a
free loopback port.  ``YOUYI_TEST_PG`` / ``YOUYI_TEST_MQTT`` name other servers
(a URL), or ``throwaway`` to force throwaway ones.
"""

from __future__ import annotations

import asyncio
import glob
import os
import pwd
import re
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from services.simulation.local_broker import LocalMosquitto, free_port, port_open, wait_for_port

__all__ = ["free_port", "port_open", "wait_for_port"]

MACHINE_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MACHINE_MQTT = "mqtt://127.0.0.1:1883"


def machine_postgres_url() -> str | None:
    """The machine's PostgreSQL if it answers (or $YOUYI_TEST_PG), else None."""
    env = os.environ.get("YOUYI_TEST_PG", "")
    if env == "throwaway":
        return None
    if env:
        return env
    if not port_open(5432):
        return None
    import psycopg

    try:
        conninfo = "host=127.0.0.1 port=5432 user=postgres dbname=test"
        with psycopg.connect(conninfo, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        return None
    return MACHINE_PG


def machine_mosquitto_url() -> str | None:
    """The machine's Mosquitto if it answers (or $YOUYI_TEST_MQTT), else None."""
    env = os.environ.get("YOUYI_TEST_MQTT", "")
    if env == "throwaway":
        return None
    if env:
        return env
    return MACHINE_MQTT if port_open(1883) else None


def _pg_bin(name: str) -> str:
    """``name`` from the newest /usr/lib/postgresql/N/bin, else from PATH."""

    def version(path: str) -> int:
        m = re.search(r"/postgresql/(\d+)/bin/", path)
        return int(m.group(1)) if m else 0

    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise FileNotFoundError(f"{name} not found: install the postgresql package")
    return path


def _make_traversable(folder: Path) -> None:
    """Let other users (postgres) pass through ``folder`` and its parents."""
    for p in [folder, *folder.parents]:
        mode = p.stat().st_mode
        if not mode & stat.S_IXOTH:
            p.chmod(mode | stat.S_IXOTH)


class _Server:
    """A server process in a temporary folder, restartable on the same port."""

    port: int
    url: str

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stop()

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class ThrowawayPostgres(_Server):
    """``initdb`` + ``postgres`` in a temporary folder, trust auth, on a free port.

    PostgreSQL refuses to run as root, so as root it runs as the ``postgres``
    system user (which the Debian package creates) via ``runuser``; its folder is
    then owned by postgres and the parents are made traversable.  The default
    parent is the system's temp dir (pytest's ``tmp_path`` is closed to other
    users).  ``stop()``/``start()`` restart on the same port and data; leaving
    the ``with`` block stops it and removes the folder."""

    def __init__(self, parent: Path | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="youyi-pg-", dir=parent))
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root needs a 'postgres' system user") from None
            self._as_user = ["runuser", "-u", "postgres", "--"]
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
            _make_traversable(self.folder)

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self._as_user, *args], cwd=self.folder, capture_output=True, timeout=60
        )
        if done.returncode != 0:
            out = (done.stdout + done.stderr).decode(errors="replace").strip()
            log = self.data / "server.log"
            if log.exists():
                out += "\n--- server.log\n" + log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}):\n{out}")

    def start(self) -> None:
        if not self.data.exists():
            self._run(
                _pg_bin("initdb"),
                *("-D", str(self.data), "-A", "trust", "-U", "postgres"),
                *("-E", "UTF8", "--no-sync"),
            )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c unix_socket_directories='{self.data}'"
        )
        self._run(
            _pg_bin("pg_ctl"),
            *("-D", str(self.data), "-o", options, "-l", str(self.data / "server.log")),
            *("-w", "-t", "30", "start"),
        )
        wait_for_port(self.port, timeout=30)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class ThrowawayMosquitto(LocalMosquitto):
    """Mosquitto with a control room's settings (persistence, no queue limit),
    restartable on the same port; see services/simulation/local_broker.py."""


class Mqtt311Only(_Server):
    """A broker that speaks MQTT 3.1.1 only, as older ones do (Mosquitto cannot be
    told to): a proxy on a free port in front of a real broker that answers an
    MQTT 5 CONNECT the way a 3.1.1 broker does (CONNACK, return code 1,
    "unacceptable protocol version") and hangs up, and passes every other
    connection through.  ``refused_v5`` counts the MQTT 5 attempts it turned away,
    ``passed`` the connections it let through."""

    def __init__(self, upstream: str) -> None:
        target = urlsplit(upstream)
        self.upstream = (target.hostname or "127.0.0.1", target.port or 1883)
        self.port = free_port()
        self.url = f"mqtt://127.0.0.1:{self.port}"
        self.refused_v5 = 0
        self.passed = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="mqtt311-only")
        self._thread.start()
        opening = asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self._server = asyncio.run_coroutine_threadsafe(opening, self._loop).result(10)

    def stop(self) -> None:
        loop, thread, self._loop, self._thread = self._loop, self._thread, None, None
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shut(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()

    async def _shut(self) -> None:
        if self._server is not None:
            self._server.close()
        handlers = list(self._handlers)
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            await self._relay(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self._handlers.discard(task)
            writer.close()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readexactly(2)  # CONNECT's type, then its length (1-4 bytes)
        while head[-1] & 0x80:
            head += await reader.readexactly(1)
        variable = await reader.readexactly(7)  # b"\0\4MQTT" and the protocol level
        if variable[6] == 5:
            self.refused_v5 += 1
            writer.write(b"\x20\x02\x00\x01")
            await writer.drain()
            return
        self.passed += 1
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        up_writer.write(head + variable)
        pipes = [
            asyncio.create_task(_pipe(*ends)) for ends in ((reader, up_writer), (up_reader, writer))
        ]
        try:  # until either side hangs up
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pipe in pipes:
                pipe.cancel()
            await asyncio.gather(*pipes, return_exceptions=True)
            up_writer.close()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    while data := await source.read(65536):
        sink.write(data)
        await sink.drain()


class TlsMosquitto(ThrowawayMosquitto):
    """Mosquitto with a second listener, TLS on ``tls_port``, serving ``cert`` and
    ``key`` (signed by ``ca``); ``extra`` lines end its configuration (an account
    file, ``clientid_prefixes``, ``require_certificate true``)."""

    def __init__(self, ca: Path, cert: Path, key: Path, extra: str = "") -> None:
        super().__init__()
        self.tls_port = free_port()
        self.tls_url = f"mqtts://127.0.0.1:{self.tls_port}"
        listener = (
            f"listener {self.tls_port} 127.0.0.1\ncafile {ca}\ncertfile {cert}\nkeyfile {key}\n"
        )
        self.conf.write_text(self.conf.read_text() + listener + extra)

    def start(self, timeout: float = 15.0) -> None:
        super().start(timeout)
        wait_for_port(self.tls_port, timeout=timeout)
