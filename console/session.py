"""Who is signed in at this console, and the workspace built for them.

The window is up first; the sign-in dialog sits over it.  Checking a password
(scrypt, tens of milliseconds) runs on the database worker, never on the GUI
thread, and so does everything else the session reads: nothing here touches the
database on the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from console.jobs import Jobs
from console.main_window import MainWindow
from console.workspace import Workspace
from console.workstation import console_name
from services.access.auth import UserService
from services.db.store import Store
from services.district.grids import grid_codes
from services.domain import Principal
from services.errors import DatabaseUnavailableError, ServiceError
from widgets.sign_in_dialog import SignInDialog

log = logging.getLogger(__name__)


class Session:
    def __init__(self, window: MainWindow, store: Store, lang: str) -> None:
        self.window, self.store, self.lang = window, store, lang
        self.users = UserService(store)
        self.jobs = Jobs("sign-in")
        self.workspace: Workspace | None = None
        self.dialog: SignInDialog | None = None
        self.last_login = ""
        window.sign_out_requested.connect(self.sign_out)

    def sign_in_as(self, login: str) -> None:
        """Sign a known user in without a password (the demo's operator); the
        workspace opens once the worker has read who they are."""
        self.jobs.submit(
            lambda: (self.users.principal(login), grid_codes(self.store)),
            self._open,
            lambda exc: self._cannot_sign_in(login, exc),
        )

    def _cannot_sign_in(self, login: str, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            log.error("cannot sign %s in", login, exc_info=exc)
        else:
            log.warning("cannot sign %s in (%s); asking", login, exc)
        self.ask()

    def ask(self) -> None:
        self.dialog = SignInDialog(self.store.label, self.last_login, parent=self.window)
        self.dialog.credentials_entered.connect(self._on_credentials_entered)
        self.dialog.rejected.connect(self.window.close)
        self.dialog.open()

    def _on_credentials_entered(self, login: str, password: str) -> None:
        self.jobs.submit(
            lambda: (
                self.users.sign_in(login, password, console=console_name()),
                grid_codes(self.store),
            ),
            self._signed_in,
            self._refused,
        )

    def _signed_in(self, who: tuple[Principal, list[str]]) -> None:
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog.deleteLater()
            self.dialog = None
        self._open(who)

    def _refused(self, exc: BaseException) -> None:
        if self.dialog is None:
            return
        if isinstance(exc, DatabaseUnavailableError):
            text = QCoreApplication.translate("Session", "The database cannot be reached: %1")
            self.dialog.show_error(text.replace("%1", str(exc)))
        elif isinstance(exc, ServiceError):
            text = QCoreApplication.translate("Session", "Wrong user name or password.")
            self.dialog.show_error(text)
        else:
            log.error("sign-in failed", exc_info=exc)
            self.dialog.show_error(str(exc))

    def sign_out(self) -> None:
        """Leave the console to the next person: the workspace goes (its players,
        its database worker), the areas show what they will hold, the sign-out is
        audited, and the sign-in dialog asks who comes next."""
        if self.workspace is None:
            return
        login = self.workspace.principal.login
        self.workspace.close()
        self.workspace = None
        self.window.signed_out()
        self.last_login = login
        self.jobs.submit(lambda: self.users.sign_out(login, console=console_name()))
        self.ask()

    def _open(self, who: tuple[Principal, list[str]]) -> None:
        principal, grids = who
        if self.workspace is not None:  # signed in twice (a second sign_in_as): keep the first
            return
        self.workspace = Workspace(self.window, self.store, principal, self.lang, grids)
        self.workspace.start()

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
        self.jobs.close()
