"""The key that signs evidence exports (Ed25519, the ``cryptography`` package).

Made on this machine the first time it is needed (at installation, by
``youyi-console evidence key``, or by the first export), kept in the user's
data folder readable by its owner only, never written to the database; a
separate key from the audit checkpoints' (``services.audit_anchor``), so that
each can be published or replaced on its own.  The public key goes into every
manifest and can be exported (PEM, hex) for whoever checks an export.

Loading a public key to check with (``load_public_key``) needs no database and
no private key: ``services.evidence.verify`` uses it on any machine.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from services.errors import ValidationError
from services.keyfile import load_or_make

log = logging.getLogger(__name__)

ALGORITHM = "Ed25519"


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("youyi-console", appauthor=False)) / "evidence-signing"


def raw_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_hex(key: Ed25519PublicKey) -> str:
    return raw_bytes(key).hex()


def public_pem(key: Ed25519PublicKey) -> str:
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode("ascii")


def fingerprint(key: Ed25519PublicKey) -> str:
    """A short name of the key to read aloud or compare on paper: the first 16
    bytes of the SHA-256 of its raw 32 bytes, in groups of four hex digits."""
    digest = hashlib.sha256(raw_bytes(key)).hexdigest()[:32]
    return ":".join(digest[i : i + 4] for i in range(0, 32, 4))


def verifies(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


class EvidenceSigner:
    """This machine's evidence signing key: made on first use (mode 0600)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        self.key_path = self.folder / "ed25519.key"
        self._key = self._load_or_make()
        self.public_key: Ed25519PublicKey = self._key.public_key()

    @property
    def public_hex(self) -> str:
        return public_hex(self.public_key)

    @property
    def public_pem(self) -> str:
        return public_pem(self.public_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def _load_or_make(self) -> Ed25519PrivateKey:
        return load_or_make(self.key_path, "evidence exports")


def load_public_key(given: str) -> Ed25519PublicKey:
    """A public key from a file (PEM, or the 64 hex digits) or from the hex
    digits themselves; ValidationError, one line, when it is neither."""
    path = Path(given).expanduser()
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"cannot read the key {path}: {exc.strerror or exc}") from None
        where = str(path)
    elif path.exists():
        raise ValidationError(f"{path} is not a key file")
    else:
        text = given.strip()
        if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
            raise ValidationError(
                f"{given!r} is neither a key file nor an Ed25519 public key in hex (64 digits)"
            )
        data, where = text.encode("ascii"), "the key given"
    return parse_public_key(data, where)


def parse_public_key(data: bytes, where: str) -> Ed25519PublicKey:
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text)
        except (ValueError, TypeError) as exc:
            raise ValidationError(f"{where}: not a PEM public key ({exc})") from None
        if not isinstance(key, Ed25519PublicKey):
            raise ValidationError(f"{where}: not an Ed25519 public key")
        return key
    try:
        raw = bytes.fromhex(text.decode("ascii"))
        if len(raw) != 32:
            raise ValueError
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(
            f"{where}: not an Ed25519 public key (PEM, or 64 hex digits)"
        ) from None
