"""One rule for what people type: no characters that hide or forge text.

A title, a name, a login or a note is shown on consoles, printed by the CLI and
kept in the audit trail.  Control characters (an ESC sequence recolours a
terminal, a newline forges a line of output), directional overrides (U+202E
shows ``exe.txt`` as ``txt.exe``), NUL (PostgreSQL refuses it; SQLite keeps it)
and lone surrogates (not text at all) are refused on the way in, the same on
both backends; ``shown`` escapes them on the way out, for rows written before.
"""

from __future__ import annotations

import re

from services.errors import ValidationError

#: C0 and C1 controls (tab and newline apart), directional marks, embeddings,
#: overrides and isolates, lone surrogates.
_BAD_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_BAD_IN_LINE = re.compile("[\t\n]|" + _BAD_IN_TEXT.pattern)


def check_line(what: str, value: str, max_len: int, *, required: bool = True) -> str:
    """A one-line value (a title, a name), stripped; ValidationError if empty
    (when required), longer than ``max_len`` or with a forbidden character."""
    value = value.strip()
    if required and not value:
        raise ValidationError(f"{what} is empty")
    if len(value) > max_len:
        raise ValidationError(f"{what} is longer than {max_len} characters ({len(value)})")
    _refuse(what, _BAD_IN_LINE.search(value))
    return value


def check_text(what: str, value: str, max_len: int) -> str:
    """Free text (a description, a note): lines and tabs allowed, the rest as
    ``check_line``; may be empty.  Windows line ends become plain ones."""
    value = value.replace("\r\n", "\n").strip()
    if len(value) > max_len:
        raise ValidationError(f"{what} is longer than {max_len} characters ({len(value)})")
    _refuse(what, _BAD_IN_TEXT.search(value))
    return value


def shown(value: str) -> str:
    """``value`` safe to print on one line of a terminal: forbidden characters,
    newlines and tabs as escapes (``\\x1b``, ``\\n``, ``\\u202e``)."""
    return _BAD_IN_LINE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def _refuse(what: str, found: re.Match[str] | None) -> None:
    if found is not None:
        char = found.group().encode("unicode_escape").decode("ascii")
        raise ValidationError(f"{what} holds a control or direction character ({char})")


# --- passwords in URLs, on the way out (the settings dialog, the log, diagnostics) ---

_USER_PASSWORD = re.compile(r"^(?P<head>[A-Za-z][\w+.-]*://[^:/?#@]*):.*@(?P<rest>[^@]*)$")
# password=... in a URL's query or a libpq keyword string
_PASSWORD_PARAM = re.compile(r"(?i)\b(password|passwd|pwd)=[^&\s]*")


def masked_url(url: str) -> str:
    """``url`` with any password shown as ``***``: the user's in
    ``scheme://user:password@host``, and ``password=`` in a query."""
    text = _PASSWORD_PARAM.sub(lambda m: f"{m.group(1)}=***", url)
    return _USER_PASSWORD.sub(r"\g<head>:***@\g<rest>", text)
