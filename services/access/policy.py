"""What a password must be, and how sign-in answers someone guessing.

- A password has at least ``MIN_PASSWORD`` characters and is not one of the
  passwords guessed first (the most common ones, the user name, one character
  over and over).  The demo's accounts are made without this check.
- Wrong passwords in a row lock an account after ``LOCK_AFTER``; only an
  administrator unlocks it (``users unlock``), and both are audited.
- A console that keeps failing waits before each answer (``backoff_s``), so a
  script guessing through one console gets a few tries a minute.
"""

from __future__ import annotations

from services.errors import ValidationError

MIN_PASSWORD = 8
LOCK_AFTER = 10

#: Passwords tried first by anyone guessing (lists of leaked passwords, in China
#: and elsewhere), as typed or in lower case.
_COMMON = frozenset(
    {
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "0123456789",
        "87654321",
        "987654321",
        "000000",
        "00000000",
        "111111",
        "11111111",
        "112233",
        "121212",
        "123123",
        "123321",
        "147258369",
        "159753",
        "222222",
        "520520",
        "5201314",
        "520131400",
        "666666",
        "66666666",
        "888888",
        "88888888",
        "999999",
        "aa123456",
        "a123456",
        "a12345678",
        "abc123",
        "abc12345",
        "abcd1234",
        "admin",
        "admin123",
        "admin888",
        "administrator",
        "asdfghjk",
        "changeme",
        "iloveyou",
        "letmein",
        "monkey",
        "password",
        "password1",
        "passw0rd",
        "p@ssw0rd",
        "qwerty",
        "qwerty123",
        "qwertyuiop",
        "qweasdzxc",
        "1qaz2wsx",
        "1q2w3e4r",
        "woaini",
        "woaini1314",
        "zxcvbnm",
        "welcome",
        "football",
        "baseball",
        "dragon",
        "sunshine",
        "princess",
        "superman",
        "trustno1",
        "master",
        "shadow",
        "youyi123",
        "youyi2026",
    }
)


def check_password(password: str, login: str = "") -> None:
    """ValidationError saying what is wrong with ``password``, if anything."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"a password needs at least {MIN_PASSWORD} characters")
    lowered = password.lower()
    if lowered in _COMMON or (login and login.lower() in lowered) or len(set(password)) < 3:
        raise ValidationError(
            "that password is among the first ones guessed (common, the user name, or "
            "one character repeated): choose another"
        )


def backoff_s(failures: int) -> float:
    """Seconds a console waits before answering, after ``failures`` refused
    sign-ins in a row: none for the first two, then 1, 2, 4 … up to 30."""
    return 0.0 if failures < 3 else min(2.0 ** (failures - 3), 30.0)
