"""Help › Copy diagnostics: what support needs to know about this workstation, as
text on the clipboard: versions (console, Python, Qt, libVLC, PyAV, the database
server, the broker), the workstation's settings without their secrets, the screens,
and the last lines of the log.

The gathering is plain functions (no widgets), tested without a window; what asks a
server (the database's and the broker's versions) runs on a worker thread, so the
GUI thread never waits on the network."""

from __future__ import annotations

import importlib
import logging
import platform
import re
import sqlite3
import sys
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, qVersion
from PySide6.QtGui import QGuiApplication

from console import __version__
from console import settings as keys
from console.logs import current_log_file, mask_secrets, tail

if TYPE_CHECKING:
    from console.main_window import MainWindow
    from services.bus import BrokerSettings
    from services.db.store import Store

log = logging.getLogger(__name__)

LOG_LINES = 200
BROKER_WAIT_S = 2.0
VERSION_TOPIC = "$SYS/broker/version"
# A setting named like one of these is never shown.
_SECRET_NAME = re.compile(r"(?i)password|passwd|secret|token")


@dataclass(frozen=True)
class Servers:
    """What the servers said, asked off the GUI thread."""

    database: str
    broker: str


def versions() -> list[tuple[str, str]]:
    """The software of this workstation, as (name, version or what is wrong)."""
    import PySide6

    from widgets.video.vlc_probe import probe_libvlc

    probe = probe_libvlc()
    vlc = probe.version if probe.available else f"{probe.problem}: {probe.detail}"
    return [
        ("console", __version__),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("system", platform.platform()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("libVLC", vlc),
        ("PyAV", pyav_version()),
    ]


def pyav_version() -> str:
    try:
        av = importlib.import_module("av")
    except Exception as error:  # not installed, or a wheel without its FFmpeg libraries
        return f"not available ({type(error).__name__}: {error})"
    codec = ".".join(str(n) for n in av.library_versions.get("libavcodec", ()))
    return f"{av.__version__} (libavcodec {codec})"


def database_version(store: Store | None) -> str:
    """The database (without password) and its server's version."""
    if store is None:
        return "not connected"
    from sqlalchemy import text

    try:
        with store.reading() as conn:
            if store.is_postgres:
                server = f"PostgreSQL {conn.execute(text('SHOW server_version')).scalar_one()}"
            else:
                server = f"SQLite {sqlite3.sqlite_version}"
    except Exception as error:  # a database that is down is worth reporting, not fatal
        server = f"not reachable ({type(error).__name__}: {error})"
    return f"{store.label}: {mask_secrets(server)}"


def broker_version(settings: BrokerSettings | None, where: str = "") -> str:
    """The broker's own word on its version ($SYS/broker/version, Mosquitto's), else
    its address; ``where`` when there is none (the demo's direct feed)."""
    if settings is None:
        return where or "not connected"
    from services.bus import Inbound, MqttBus
    from services.errors import ServiceError

    address = f"{settings.host}:{settings.port}"
    said: list[str] = []
    heard = threading.Event()

    def on_message(message: Inbound) -> None:  # paho's thread
        said.append(message.payload.decode(errors="replace"))
        heard.set()

    own = replace(settings, client_id=f"youyi-diagnostics-{uuid.uuid4().hex[:8]}")
    bus = MqttBus(own, on_message, manual_ack=False, persistent=False)
    bus.subscribe(VERSION_TOPIC, 0)
    try:
        bus.connect(BROKER_WAIT_S)
    except ServiceError as error:
        return f"{address} ({error})"
    try:
        heard.wait(BROKER_WAIT_S)
    finally:
        bus.stop()
    return f"{address}: {said[0]}" if said else f"{address} (its version not published)"


def settings_lines(s: QSettings | None = None) -> list[str]:
    """Every key of the workstation's settings, secrets shown as ``***``."""
    s = s or keys.settings()
    return [f"{key} = {shown_setting(key, s.value(key))}" for key in sorted(s.allKeys())]


def shown_setting(key: str, value: object) -> str:
    if _SECRET_NAME.search(key):
        return "***"
    if isinstance(value, QByteArray):
        return f"<{value.size()} bytes>"
    if isinstance(value, list | tuple):
        return ", ".join(mask_secrets(str(v)) for v in value)
    return mask_secrets(str(value))


def screen_lines() -> list[str]:
    """Each screen: name, geometry, logical DPI and device pixel ratio."""
    lines = []
    for i, screen in enumerate(QGuiApplication.screens()):
        g = screen.geometry()
        lines.append(
            f"{i}: {screen.name() or '?'} {g.width()}x{g.height()}+{g.x()}+{g.y()}, "
            f"{screen.logicalDotsPerInch():.0f} dpi, ratio {screen.devicePixelRatio():g}"
            + (" (primary)" if screen == QGuiApplication.primaryScreen() else "")
        )
    return lines or ["none"]


def log_lines(lines: int = LOG_LINES) -> list[str]:
    path = current_log_file()
    return [mask_secrets(line) for line in tail(path, lines)] if path else ["(no log file)"]


def report(
    servers: Servers,
    *,
    software: Iterable[tuple[str, str]] | None = None,
    settings: Iterable[str] | None = None,
    screens: Iterable[str] | None = None,
    log_tail: Iterable[str] | None = None,
) -> str:
    """The diagnostics as text (each part read now where not given)."""
    rows = [*(software if software is not None else versions())]
    rows += [("database", servers.database), ("broker", servers.broker)]
    width = max(len(name) for name, _ in rows)
    path = current_log_file()
    parts = [
        "Youyi console diagnostics",
        "",
        "== versions",
        *(f"{name:<{width}}  {value}" for name, value in rows),
        "",
        "== settings",
        *(settings if settings is not None else settings_lines()),
        "",
        "== screens",
        *(screens if screens is not None else screen_lines()),
        "",
        f"== log (last {LOG_LINES} lines of {path or 'no file'})",
        *(log_tail if log_tail is not None else log_lines()),
    ]
    return "\n".join(parts) + "\n"


def ask_servers(store: Store | None, bus: Any, where: str) -> Servers:
    """On a worker thread: the database's and the broker's versions."""
    settings = getattr(bus, "settings", None)
    return Servers(database_version(store), broker_version(settings, where))


def copy_diagnostics(window: MainWindow, on_copied: Callable[[str], object] | None = None) -> None:
    """Gather the diagnostics (the servers asked on a worker thread), put them on
    the clipboard and say so in the status bar; ``on_copied`` gets the text."""
    from console.jobs import Jobs

    session, status = window.session, window.broker_status
    store = getattr(session, "store", None)
    bus, where = getattr(status, "bus", None), getattr(status, "where", "")
    # Read on the GUI thread (Qt's settings and screens), before the servers answer.
    software, settings, screens = versions(), settings_lines(), screen_lines()
    jobs = Jobs("diagnostics")

    def done(servers: Servers) -> None:
        jobs.close()
        text = report(servers, software=software, settings=settings, screens=screens)
        QGuiApplication.clipboard().setText(text)
        window.show_message(
            QCoreApplication.translate("Diagnostics", "Diagnostics copied to the clipboard"), 8000
        )
        if on_copied is not None:
            on_copied(text)

    def failed(error: BaseException) -> None:
        log.warning("diagnostics: the servers could not be asked: %s", error)
        done(Servers("not asked", "not asked"))

    jobs.submit(lambda: ask_servers(store, bus, where), done, failed)
