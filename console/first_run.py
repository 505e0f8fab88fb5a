"""The first run of a workstation, and each start that needs a password.

With no saved connection (nor ``--db``/``--broker`` or their environment), the
console opens the set-up dialog (widgets/setup_dialog.py) before anything else:
the demo, or a control room's PostgreSQL and broker.  Its Test buttons run the
checks of console/setup_checks.py on worker threads (console/jobs.py) and answer
in one line; a schema behind is migrated after an administrator signs in (the
sign-in dialog and services.access.auth, as at the console), and the district's
files are imported with their progress and, for a refused file, its problems.
What was chosen is saved (console.connection: passwords in the keyring only).

A timed run ($YOUYI_QUIT_AFTER_MS: smoke tests, screenshots) is nobody's first
run: it starts on the embedded default without asking.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget
from sqlalchemy.engine import URL

from console import secrets
from console import settings as keys
from console.connection import (
    BROKER,
    DATABASE,
    PARTS,
    client_id,
    is_set_up,
    save_part,
    without_password,
)  # fmt: skip
from console.connection import with_password as put_password
from console.jobs import Jobs
from console.setup_checks import (
    AHEAD,
    BEHIND,
    EMPTY,
    OK,
    PASSWORD,
    REFUSED,
    TLS,
    UNREACHABLE,
    BrokerCheck,
    DatabaseCheck,
    check_broker,
    check_database,
    import_files,
    migrate,
)  # fmt: skip
from console.workstation import console_name
from services.bus import BrokerSettings
from services.db.store import Store
from services.domain import Actor, Principal, Role
from services.errors import RefusedFileError, ServiceError
from widgets.setup_dialog import DEMO, BrokerForm, DatabaseForm, SetupDialog
from widgets.sign_in_dialog import SignInDialog

log = logging.getLogger(__name__)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")


def needs_set_up(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> bool:
    from console.app import quit_after_ms

    given = args.db or args.broker or environ.get("YOUYI_DB") or environ.get("YOUYI_BROKER")
    demo = getattr(args, "demo", False)  # bash build/demo: the embedded default, no dialog
    return not given and not demo and not is_set_up() and quit_after_ms() is None


def prepare(args: argparse.Namespace) -> bool:
    """Before the console opens: the set-up on a first run, then the passwords
    to ask for (no keyring).  False when the person closed either."""
    asked = list(getattr(args, "ask_passwords", []))
    first = needs_set_up(args)
    if not (first or asked):
        return True
    from console.app import create_app
    from console.i18n import Translations
    from console.paths import theme_file
    from widgets.theme import apply_theme

    app = create_app()
    apply_theme(app, theme_file())
    translations = Translations(app)
    translations.switch(args.lang if args.lang in keys.LANGUAGES else keys.language())
    try:
        if first and not set_up(args):
            return False
        return all(ask_password(args, part) for part in getattr(args, "ask_passwords", []))
    finally:
        translations.remove()  # the window's own are installed with it


def set_up(args: argparse.Namespace, dialog: SetupDialog | None = None) -> bool:
    """Run the set-up dialog; on Start save the choice and put it in ``args``."""
    dialog = dialog or SetupDialog()
    flow = SetUpFlow(dialog)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        flow.close()
    if accepted:
        save_choice(dialog, args)
    return accepted


def ask_password(args: argparse.Namespace, part: str, parent: QWidget | None = None) -> bool:
    """Ask for a saved part's password (no keyring): put in ``args`` in memory only."""
    attr = "db" if part == DATABASE else "broker"
    prompt = QInputDialog(parent)
    prompt.setObjectName("passwordPrompt")
    prompt.setWindowTitle(translate("FirstRun", "Password"))
    what = (
        translate("FirstRun", "the database")
        if part == DATABASE
        else translate("FirstRun", "the message broker")
    )
    text = QCoreApplication.translate(
        "FirstRun", "Password for %1 (%2).\nThis system has no keyring: it is not saved."
    )
    prompt.setLabelText(text.replace("%1", what).replace("%2", _where(part, getattr(args, attr))))
    prompt.setTextEchoMode(QLineEdit.EchoMode.Password)
    if prompt.exec() != QDialog.DialogCode.Accepted:
        return False
    setattr(args, attr, put_password(part, getattr(args, attr), prompt.textValue()))
    return True


def _where(part: str, url: str) -> str:
    from sqlalchemy.engine import make_url

    if part == DATABASE:
        u = make_url(url)
        return f"{u.username or ''}@{u.host}:{u.port or 5432}/{u.database}"
    return url.split("://", 1)[-1].split("?", 1)[0]


def database_url(form: DatabaseForm) -> URL:
    query = {
        "sslmode": form.sslmode if form.sslmode != "prefer" else "",
        "sslrootcert": form.ca_file,
        "sslcert": form.cert_file,
        "sslkey": form.key_file,
    }
    return URL.create(
        "postgresql+psycopg",
        username=form.user or None,
        password=form.password or None,
        host=form.host or None,
        port=form.port,
        database=form.database or None,
        query={k: v for k, v in query.items() if v},
    )


def broker_url(form: BrokerForm) -> str:
    """The broker's URL without its password (TLS files as query values)."""
    user = f"{quote(form.user, safe='')}@" if form.user else ""
    files = {"cafile": form.ca_file, "certfile": form.cert_file, "keyfile": form.key_file}
    query = urlencode({k: v for k, v in files.items() if v}) if form.tls else ""
    scheme = "mqtts" if form.tls else "mqtt"
    return f"{scheme}://{user}{form.host}:{form.port}" + (f"?{query}" if query else "")


def broker_target(form: BrokerForm) -> BrokerSettings:
    """The bus's settings for the form (as the ingest will connect)."""
    return BrokerSettings(
        host=form.host, port=form.port, tls=form.tls, username=form.user or None,
        password=form.password or None, client_id=client_id(form.client_prefix),
        ca_file=form.ca_file or None, cert_file=form.cert_file or None,
        key_file=form.key_file or None,
    )  # fmt: skip


def save_choice(dialog: SetupDialog, args: argparse.Namespace) -> None:
    """Save what the dialog holds; fill ``args.db``/``args.broker`` (passwords in
    memory only)."""
    s = keys.settings()
    if dialog.choice() == DEMO:
        s.setValue(keys.CONNECTION_MODE, "demo")
        s.sync()
        return
    db_part, broker_part = PARTS
    form, broker = dialog.database_form(), dialog.broker_form()
    url = database_url(form)
    bare = without_password(url)
    ask = secrets.usable_keyring() is None
    _save(db_part, bare, form.password, ask)
    args.db = url.render_as_string(hide_password=False)
    if broker is not None:
        plain = broker_url(broker)
        _save(broker_part, plain, broker.password, ask)
        s.setValue(keys.BROKER_CLIENT_PREFIX, broker.client_prefix)
        args.broker = put_password(BROKER, plain, broker.password) if broker.password else plain
    else:
        save_part(broker_part, None, None, ask=False)
    s.setValue(keys.CONNECTION_MODE, "control_room")
    s.sync()


def _save(part: Any, url: str, password: str, ask: bool) -> None:
    try:
        save_part(part, url, password or None, ask=ask)
    except ServiceError as exc:  # a keyring that refuses: ask at each start instead
        log.warning("%s; the %s password will be asked at each start", exc, part.name)
        save_part(part, url, password or None, ask=True)


class _Progress(QObject):
    moved = Signal(int, int, str)  # emitted on a worker thread, delivered queued


class SetUpFlow:
    """Wires the set-up dialog to the checks; everything slow runs on workers."""

    def __init__(self, dialog: SetupDialog) -> None:
        self.dialog = dialog
        self.db_jobs, self.broker_jobs = Jobs("setup-db"), Jobs("setup-broker")
        self.checked: DatabaseCheck | None = None
        self.actor: Actor | None = None
        self.sign_in: SignInDialog | None = None
        self.progress = _Progress()
        self.progress.moved.connect(self._on_progress_moved)
        dialog.set_keyring_note(secrets.keyring_name())
        dialog.database_test_requested.connect(self._on_dialog_database_test_requested)
        dialog.broker_test_requested.connect(self._on_dialog_broker_test_requested)
        dialog.migrate_requested.connect(self._on_dialog_migrate_requested)
        dialog.import_requested.connect(self._on_dialog_import_requested)

    def close(self) -> None:
        self.db_jobs.close()
        self.broker_jobs.close()

    # --- tests -------------------------------------------------------------------

    def _on_dialog_database_test_requested(self, form: DatabaseForm) -> None:
        url = database_url(form)
        self.db_jobs.submit(lambda: check_database(url), self._database_checked, self._db_failed)

    def _database_checked(self, check: DatabaseCheck) -> None:
        self.checked = check
        fixable = check.state in (BEHIND, EMPTY)
        self.dialog.show_database_result(check.state == OK, describe_database(check),
                                         can_migrate=fixable)  # fmt: skip

    def _db_failed(self, exc: BaseException) -> None:
        log.error("database check failed", exc_info=exc)
        self.dialog.show_database_result(False, str(exc))

    def _on_dialog_broker_test_requested(self, form: BrokerForm) -> None:
        target = broker_target(form)
        self.broker_jobs.submit(
            lambda: check_broker(target),
            lambda c: self.dialog.show_broker_result(c.state == OK, describe_broker(c, target)),
            lambda exc: self.dialog.show_broker_result(False, str(exc)),
        )

    # --- migrate and import, as an administrator ------------------------------------

    def _on_dialog_migrate_requested(self, form: DatabaseForm) -> None:
        url = database_url(form)
        self._as_administrator(url, lambda actor: self._migrate(url))

    def _migrate(self, url: URL) -> None:
        self.dialog.show_progress(0, 1, translate("FirstRun", "Migrating…"))
        self.db_jobs.submit(
            lambda: migrate(url, self.progress.moved.emit), self._migrated, self._step_failed
        )

    def _migrated(self, revision: str | None) -> None:
        self.dialog.show_done(
            translate("FirstRun", "The database is now at schema %1.").replace(
                "%1", revision or "?"
            )
        )
        self.dialog.database.testing()
        self._on_dialog_database_test_requested(self.dialog.database_form())

    def _on_dialog_import_requested(self, form: DatabaseForm, grids: str, devices: str) -> None:
        url = database_url(form)
        files = [(kind, Path(p)) for kind, p in (("grids", grids), ("devices", devices)) if p]
        self._as_administrator(url, lambda actor: self._import(url, actor, files))

    def _import(self, url: URL, actor: Actor, files: list[tuple[str, Path]]) -> None:
        self.dialog.show_progress(0, len(files), translate("FirstRun", "Importing…"))
        self.db_jobs.submit(
            lambda: import_files(url, actor, files, self.progress.moved.emit),
            lambda done: self.dialog.show_done(
                translate("FirstRun", "Imported: %1.").replace("%1", "; ".join(done))
            ),
            self._step_failed,
        )

    def _on_progress_moved(self, done: int, total: int, what: str) -> None:
        self.dialog.show_progress(done, total, what)

    def _step_failed(self, exc: BaseException) -> None:
        if isinstance(exc, RefusedFileError):
            text = QCoreApplication.translate(
                "FirstRun", "%1: nothing imported, the file was refused:"
            ).replace("%1", exc.source)
            self.dialog.show_done(text, exc.problems)
            return
        if not isinstance(exc, ServiceError):
            log.error("set-up step failed", exc_info=exc)
        self.dialog.show_done(str(exc))

    def _as_administrator(self, url: URL, then: Callable[[Actor], None]) -> None:
        """``then(actor)`` once an administrator has signed in; while the database
        has no administrator (an empty one), as this operating-system user."""
        if self.actor is not None:
            then(self.actor)
            return
        if self.checked is None or not self.checked.has_admin:
            from console.cli.sign_in import os_user

            then(Actor(user=f"os:{os_user()}"[:64], console=console_name()))
            return
        self.sign_in = SignInDialog(_where(DATABASE, url.render_as_string()), parent=self.dialog)
        self.sign_in.setWindowTitle(translate("FirstRun", "An administrator signs in"))
        self.sign_in.credentials_entered.connect(
            lambda login, password: self.db_jobs.submit(
                lambda: _sign_in_admin(url, login, password),
                lambda p: self._admin_signed_in(p, then),
                lambda exc: self.sign_in.show_error(str(exc)) if self.sign_in else None,
            )
        )
        self.sign_in.rejected.connect(lambda: self.dialog.show_done(""))
        self.sign_in.open()

    def _admin_signed_in(self, principal: Principal, then: Callable[[Actor], None]) -> None:
        if self.sign_in is not None:
            self.sign_in.accept()
            self.sign_in.deleteLater()
            self.sign_in = None
        self.actor = principal.actor(console_name())
        then(self.actor)


def _sign_in_admin(url: URL, login: str, password: str) -> Principal:
    from services.access.auth import UserService

    store = Store(url)
    try:
        principal = UserService(store).sign_in(login, password, console=console_name())
    finally:
        store.close()
    if principal.role is not Role.ADMIN:
        raise ServiceError(translate("FirstRun", "Only an administrator may migrate or import."))
    return principal


def describe_database(c: DatabaseCheck) -> str:
    """The database check's answer in one plain line."""
    texts = {
        OK: QCoreApplication.translate(
            "FirstRun", "Connected; the schema is at %1, as this console needs."
        ),
        UNREACHABLE: translate("FirstRun", "Cannot reach the database: %1."),
        PASSWORD: translate("FirstRun", "Wrong user name or password: %1."),
        TLS: translate("FirstRun", "TLS failure: %1."),
        EMPTY: QCoreApplication.translate(
            "FirstRun", "Connected, but the database has no schema yet: Migrate now, or run %3"
        ),
        BEHIND: QCoreApplication.translate(
            "FirstRun", "The schema is at %1, this console needs %2: Migrate now, or run %3"
        ),
        AHEAD: QCoreApplication.translate(
            "FirstRun",
            "The schema is at %1, newer than this console's %2: a newer console is needed.",
        ),
    }
    text = texts.get(c.state, translate("FirstRun", "The database refused: %1."))
    if c.state in (OK, BEHIND, AHEAD):
        text = text.replace("%1", c.revision or "").replace("%2", c.head or "")
    else:
        text = text.replace("%1", c.detail)
    return text.replace("%3", c.fix)


def describe_broker(c: BrokerCheck, target: BrokerSettings) -> str:
    """The broker check's answer in one plain line."""
    texts = {
        OK: translate("FirstRun", "Connected as client %2."),
        UNREACHABLE: translate("FirstRun", "Cannot reach the broker: %1."),
        TLS: translate("FirstRun", "TLS failure: %1."),
        REFUSED: QCoreApplication.translate(
            "FirstRun", "The broker refused client %2 (user %3): %1."
        ),
    }
    text = texts.get(c.state, translate("FirstRun", "The broker refused: %1."))
    user = target.username or translate("FirstRun", "none")
    return text.replace("%1", c.detail).replace("%2", target.client_id).replace("%3", user)
