"""The administration window wired to the services, for administrators: every
change goes through the functions ``youyi-console users``, ``devices`` and
``grids`` call (the same permission check, validation and audit entry), runs on
the database worker, and ends in one plain line in the tab: what was done, or
the service's refusal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from console.jobs import Jobs
from console.main_window import MainWindow
from services.access.accounts import change_role, list_accounts
from services.access.auth import UserService
from services.access.permissions import MANAGE_USERS, may, require
from services.db.store import Store
from services.district.device_list import edit_device, list_devices
from services.district.geo import read_cells
from services.district.grids import GridImport, grid_codes, import_grids
from services.district.map import load_district_map, polygons_of
from services.district.registry import DeviceImport, export_devices, import_devices
from services.domain import Actor, DistrictMap, MapCell, Principal, Role
from services.domain.admin import NewAccount
from services.errors import RefusedFileError, ServiceError
from services.workflow.desk import OrderDesk
from services.workflow.orders import WorkOrderService
from widgets.admin.device_dialog import DeviceEdit
from widgets.admin.status_line import StatusLine
from widgets.admin.window import AdminWindow

log = logging.getLogger(__name__)
T = TypeVar("T")


def start_admin(
    window: MainWindow, store: Store, principal: Principal, jobs: Jobs, console: str
) -> AdminController | None:
    """The Administration menu of ``window`` wired and shown, for an
    administrator; None for anyone else."""
    if not may(principal, MANAGE_USERS, None):
        return None
    admin = AdminController(store, principal, jobs, window, console)
    admin.link = window.admin_action.triggered.connect(admin.show)
    window.admin_menu.menuAction().setVisible(True)
    return admin


class AdminController(QObject):
    def __init__(
        self,
        store: Store,
        principal: Principal,
        jobs: Jobs,
        parent: MainWindow,
        console: str,
    ) -> None:
        super().__init__(parent)
        self.store, self.principal, self.jobs = store, principal, jobs
        self.actor: Actor = principal.actor(console)
        self.users = UserService(store)
        self.main_window = parent
        self.link: Any = None  # the menu's connection, let go of at close
        self.window = AdminWindow(parent)
        a = self.window.accounts
        a.add_requested.connect(self._on_accounts_add_requested)
        a.active_requested.connect(self._on_accounts_active_requested)
        a.unlock_requested.connect(self._on_accounts_unlock_requested)
        a.password_requested.connect(self._on_accounts_password_requested)
        a.role_requested.connect(self._on_accounts_role_requested)
        d = self.window.devices
        d.edit_requested.connect(self._on_devices_edit_requested)
        d.import_requested.connect(self._on_devices_import_requested)
        d.export_requested.connect(self._on_devices_export_requested)
        g = self.window.grids
        g.preview_requested.connect(self._on_grids_preview_requested)
        g.import_requested.connect(self._on_grids_import_requested)

    def show(self) -> None:
        self.load_accounts()
        self.load_devices()
        self.load_grid_map()
        self.window.show()
        self.window.raise_()

    def close(self) -> None:
        if self.link is not None:
            self.main_window.admin_action.triggered.disconnect(self.link)
            self.link = None
        self.window.close()
        self.window.deleteLater()

    # --- the one path of every change --------------------------------------------

    def change(
        self,
        status: StatusLine,
        work: Callable[[], T],
        said: str | Callable[[T], str],
        then: Callable[[], None],
        problems: Callable[[list[str]], None] | None = None,
    ) -> None:
        """``work`` on the worker after the administrator's right is checked;
        ``said`` (or the refusal) in ``status``, then ``then`` (a reload); a
        refused file's problems, one a record, to ``problems``."""

        def checked() -> T:
            require(self.principal, MANAGE_USERS, None)
            return work()

        def done(result: T) -> None:
            status.show_done(said(result) if callable(said) else said)
            if problems is not None:
                problems([])
            then()

        self.jobs.submit(checked, done, self._failed(status, problems))

    def _failed(
        self, status: StatusLine, problems: Callable[[list[str]], None] | None = None
    ) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if not isinstance(exc, ServiceError):
                log.error("administration failed", exc_info=exc)
            status.show_error(str(exc) or type(exc).__name__)
            if problems is not None:
                problems(exc.problems if isinstance(exc, RefusedFileError) else [])

        return failed

    # --- accounts ------------------------------------------------------------------

    def load_accounts(self) -> None:
        def read() -> tuple[Any, list[str], list[tuple[str, str]]]:
            units = OrderDesk(WorkOrderService(self.store)).units()
            return list_accounts(self.store), grid_codes(self.store), units

        self.jobs.submit(read, self._accounts_loaded, self._failed(self.window.accounts.status))

    def _accounts_loaded(self, found: tuple[Any, list[str], list[tuple[str, str]]]) -> None:
        accounts, grids, units = found
        self.window.accounts.set_choices(grids, units)
        self.window.accounts.set_accounts(accounts)

    def _on_accounts_add_requested(self, new: NewAccount) -> None:
        def add() -> None:
            self.users.add_user(
                new.login, new.name, new.role, new.password, new.grids, new.unit, actor=self.actor
            )

        said = self.tr("Account %1 added").replace("%1", new.login)
        self.change(self.window.accounts.status, add, said, self.load_accounts)

    def _on_accounts_active_requested(self, login: str, active: bool) -> None:
        said = self.tr("%1 enabled") if active else self.tr("%1 disabled")
        self.change(
            self.window.accounts.status,
            lambda: self.users.set_active(login, active, actor=self.actor),
            said.replace("%1", login),
            self.load_accounts,
        )

    def _on_accounts_unlock_requested(self, login: str) -> None:
        self.change(
            self.window.accounts.status,
            lambda: self.users.unlock(login, actor=self.actor),
            self.tr("%1 unlocked").replace("%1", login),
            self.load_accounts,
        )

    def _on_accounts_password_requested(self, login: str, password: str) -> None:
        self.change(
            self.window.accounts.status,
            lambda: self.users.set_password(login, password, actor=self.actor),
            self.tr("Password of %1 set; its kept sign-ins ended").replace("%1", login),
            self.load_accounts,
        )

    def _on_accounts_role_requested(
        self, login: str, role: Role, grids: tuple[str, ...], unit: str | None
    ) -> None:
        def apply() -> None:
            was = self.users.principal(login)
            if role is was.role is Role.SUPERVISOR:
                self.users.set_grids(login, grids, actor=self.actor)  # as before: user.grids
            elif role is not was.role or unit != was.unit:
                change_role(self.users, login, role, grids, unit, actor=self.actor)

        said = self.tr("%1 changed").replace("%1", login)
        self.change(self.window.accounts.status, apply, said, self.load_accounts)

    # --- devices -------------------------------------------------------------------

    def load_devices(self) -> None:
        tab = self.window.devices
        self.jobs.submit(
            lambda: list_devices(self.store), tab.set_devices, self._failed(tab.status)
        )

    def _on_devices_edit_requested(self, e: DeviceEdit) -> None:
        def edit() -> DeviceImport:
            return edit_device(
                self.store, e.id, e.name, e.lon, e.lat, e.reporting_interval_s, self.actor
            )

        said = self.tr("Device %1 saved").replace("%1", e.id)
        tab = self.window.devices
        self.change(tab.status, edit, said, self.load_devices, tab.show_problems)

    def _on_devices_import_requested(self, path: Path) -> None:
        def said(r: DeviceImport) -> str:
            text = self.tr("%1: %2 devices imported (%3 new, %4 updated)")
            for key, value in (("%1", path.name), ("%2", r.devices), ("%3", r.added)):
                text = text.replace(key, str(value))
            return text.replace("%4", str(r.updated))

        tab = self.window.devices
        work = lambda: import_devices(self.store, path, self.actor)  # noqa: E731
        self.change(tab.status, work, said, self.load_devices, tab.show_problems)

    def _on_devices_export_requested(self, path: Path) -> None:
        def said(n: int) -> str:
            return (
                self.tr("%1 devices written to %2").replace("%1", str(n)).replace("%2", str(path))
            )

        tab = self.window.devices
        work = lambda: export_devices(self.store, path)  # noqa: E731
        self.change(tab.status, work, said, lambda: None)

    # --- grid cells ----------------------------------------------------------------

    def load_grid_map(self) -> None:
        tab = self.window.grids
        read = lambda: load_district_map(self.store)  # noqa: E731
        self.jobs.submit(read, tab.set_current, self._failed(tab.status))

    def _on_grids_preview_requested(self, path: Path) -> None:
        """A dry run of the import (refused as the import would be), and the
        file's cells with the registered devices for the map."""

        def preview() -> tuple[DistrictMap, GridImport]:
            require(self.principal, MANAGE_USERS, None)
            result = import_grids(self.store, path, self.actor, dry_run=True)
            cells = tuple(
                MapCell(c.code, c.name, c.block_code, c.block_name, polygons_of(c.geojson))
                for c in read_cells(path)
            )
            return DistrictMap(cells, load_district_map(self.store).devices), result

        tab = self.window.grids
        tab.clear_preview()
        tab.status.show_done(self.tr("Reading %1…").replace("%1", path.name))
        failed = self._failed(tab.status, tab.show_problems)
        self.jobs.submit(preview, lambda found: self._previewed(path, *found), failed)

    def _previewed(self, path: Path, district: DistrictMap, r: GridImport) -> None:
        counts = (r.cells, r.added, r.removed_codes, r.moved_communities, r.moved_devices)
        self.window.grids.show_preview(path, district, counts)
        self.window.grids.status.show_done(self.tr("Check the preview, then confirm or cancel"))

    def _on_grids_import_requested(self, path: Path) -> None:
        def said(r: GridImport) -> str:
            text = self.tr("%1: %2 grid cells imported (%3 new, %4 removed); %5 moved")
            values = (path.name, r.cells, r.added, r.removed, r.moved)
            for i, value in enumerate(values, 1):
                text = text.replace(f"%{i}", str(value))
            return text

        def then() -> None:
            tab.clear_preview()
            self.load_grid_map()
            self.load_devices()

        tab = self.window.grids
        work = lambda: import_grids(self.store, path, self.actor)  # noqa: E731
        self.change(tab.status, work, said, then, tab.show_problems)
