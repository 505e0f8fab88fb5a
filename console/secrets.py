"""Secrets in the operating system's keyring (Windows Credential Manager, the
macOS Keychain, the Secret Service of a Linux desktop): the command line's
sign-in tokens and the passwords of the workstation's database and broker.

Where the system has no keyring (keyring's ``fail`` and ``null`` back-ends,
which have no priority: a headless server, a bare container) ``usable_keyring``
is None; the caller then keeps a token in a private file or asks for a password
at each start, and never writes a password to the settings file.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from services.errors import ServiceError

log = logging.getLogger(__name__)

#: The command line's sign-in tokens, one per database URL (without password).
TOKENS_SERVICE = "youyi-console"
#: The passwords of the workstation's connection, one entry per URL.
CONNECTION_SERVICE = "youyi-console-connection"


class NoKeyringError(ServiceError):
    """A secret was to be kept, and this system has no keyring."""


def usable_keyring() -> Any:
    """The system's keyring, or None where it has none."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring set-up counts as none
        log.info("no keyring (%s)", exc)
        return None
    return backend if getattr(backend, "priority", 0) > 0 else None


def keyring_name() -> str | None:
    """The name of the system's keyring, or None where it has none."""
    backend = usable_keyring()
    return str(backend.name) if backend is not None else None


@contextmanager
def keyring_errors(backend: Any) -> Iterator[None]:
    """A keyring that refuses (locked, the unlock prompt cancelled) is one line."""
    import keyring.errors

    try:
        yield
    except keyring.errors.KeyringError as exc:
        raise ServiceError(
            f"the keyring ({backend.name}) refused: {exc or type(exc).__name__}"
        ) from None


def keep(entry: str, secret: str, service: str = CONNECTION_SERVICE) -> None:
    """Keep ``secret`` under ``entry``; NoKeyringError where there is no keyring."""
    backend = usable_keyring()
    if backend is None:
        raise NoKeyringError("this system has no keyring to keep a password in")
    with keyring_errors(backend):
        backend.set_password(service, entry, secret)


def read(entry: str, service: str = CONNECTION_SERVICE) -> str | None:
    """The secret kept under ``entry``, or None (no keyring, or no such entry)."""
    backend = usable_keyring()
    if backend is None:
        return None
    with keyring_errors(backend):
        found = backend.get_password(service, entry)
    return str(found) if found is not None else None


def forget(entry: str, service: str = CONNECTION_SERVICE) -> None:
    """Remove ``entry`` from the keyring, if it is there."""
    backend = usable_keyring()
    if backend is None:
        return
    import keyring.errors

    with contextlib.suppress(keyring.errors.PasswordDeleteError), keyring_errors(backend):
        backend.delete_password(service, entry)
