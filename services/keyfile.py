"""Ed25519 private keys kept in a file of their own on this machine (mode 0600,
made on first use, never in the database): the audit trail's checkpoints and
evidence exports each sign with one."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.errors import ConfigError

log = logging.getLogger(__name__)


def load_or_make(path: Path, what: str) -> Ed25519PrivateKey:
    """The key in ``path``, or a new one written there (its folder made, the file
    created exclusively and readable by its owner only); ConfigError saying
    ``what`` key and why when it cannot be had."""
    try:
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ConfigError(f"{path}: not an Ed25519 private key")
            return key
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        log.info("%s: new signing key %s", what, path)
        return key
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(f"{what} signing key {path}: {exc}") from exc
