"""Real servers for the tests: the machine's own, or throwaway ones on free ports.

The machine's PostgreSQL (127.0.0.1:5432, user postgres, database test) and
Mosquitto (127.0.0.1:1883) are used when they answer; otherwise, and always for
tests that stop a server, a throwaway server runs from a temporary folder on a
free loopback port.  ``YOUYI_TEST_PG`` / ``YOUYI_TEST_MQTT`` name other servers
(a URL), or ``throwaway`` to force throwaway ones.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

MACHINE_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MACHINE_MQTT = "mqtt://127.0.0.1:1883"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1", timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(port, timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


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
        conninfo = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
        with psycopg.connect(conninfo) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        return None
    return MACHINE_PG


def machine_mosquitto_url() -> str | None:
    env = os.environ.get("YOUYI_TEST_MQTT", "")
    if env == "throwaway":
        return None
    if env:
        return env
    return MACHINE_MQTT if port_open(1883) else None


def _pg_bin(name: str) -> str:
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise FileNotFoundError(f"{name} not found: install the postgresql package")
    return path


class _Server:
    """A server process in a temporary folder, restartable on the same port."""

    port: int
    url: str

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> _Server:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class ThrowawayPostgres(_Server):
    """``initdb`` + ``postgres`` in a temporary folder, trust auth, on a free port.

    PostgreSQL refuses to run as root, so as root it runs as the ``postgres``
    system user (which the Debian package creates), in a folder of its own under
    the system's temp dir (pytest's are closed to other users).  ``close()``
    stops it and removes the folder."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="youyi-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if not self.data.exists():
            self.data.mkdir(parents=True)
            if self._as_user:
                pw = pwd.getpwnam("postgres")
                for p in (self.folder, self.data):
                    os.chown(p, pw.pw_uid, pw.pw_gid)
            self._run(
                _pg_bin("initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c unix_socket_directories={self.data}"
        )
        self._run(
            _pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.data / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class ThrowawayMosquitto(_Server):
    """Mosquitto with a control room's settings (persistence, no queue limit)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"mqtt://127.0.0.1:{self.port}"
        self.conf = self.folder / "mosquitto.conf"
        self.conf.write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            f"persistence_location {self.folder}/\n"
            "autosave_interval 1\n"
            "max_queued_messages 0\n"
            "max_inflight_messages 100\n"
            f"log_dest file {self.folder}/mosquitto.log\n"
            + ("user root\n" if os.geteuid() == 0 else "")
        )
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        self._proc = subprocess.Popen(
            [binary, "-c", str(self.conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port, timeout=15)

    def stop(self) -> None:
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
        self._proc = None
