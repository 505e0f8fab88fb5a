"""What the command line reads: its parser (every error on one line, exit 2; the
global options ``--db``, ``-v`` … taken before or after the sub-command), numbers
within bounds, and passwords from stdin or the terminal."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import NoReturn

from services.errors import ValidationError

DAY = 86_400  # seconds


class OneLineParser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr (no usage block), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def accept_anywhere(parser: argparse.ArgumentParser, options: list[str]) -> None:
    """Let the top-level ``options`` also follow the sub-command (``orders list
    --db URL``), in every sub-command that has no option of that name itself.
    Given there, they are stored as if given first; absent, they change nothing."""
    spec = [a for a in parser._actions if set(a.option_strings) & set(options)]
    for sub in _subparsers(parser):
        for action in spec:
            if any(o in sub._option_string_actions for o in action.option_strings):
                continue  # the sub-command's own option of that name wins
            kwargs: dict[str, object] = {"dest": action.dest, "default": argparse.SUPPRESS}
            if isinstance(action, argparse._StoreTrueAction):
                kwargs["action"] = "store_true"
            else:
                kwargs.update(metavar=action.metavar, choices=action.choices)
            sub.add_argument(*action.option_strings, help=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found.append(sub)
                found.extend(_subparsers(sub))
    return found


def number(kind: type[int] | type[float], low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number of ``kind`` within ``[low, high]``."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except (ValueError, OverflowError):
            noun = "a whole number" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"{text!r} is not {noun}") from None
        if not (low <= value <= high):  # also refuses nan
            raise argparse.ArgumentTypeError(f"{text} is outside {low:g}..{high:g}")
        return value

    return parse


def read_password(from_stdin: bool, *, twice: bool = True) -> str:
    """A password from stdin's first line, or asked on the terminal (``twice``
    for a new one)."""
    if from_stdin:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # stdin replaced by text (tests)
            return sys.stdin.readline().rstrip("\r\n")
        try:
            return str(stream.readline().rstrip(b"\r\n").decode("utf-8"))
        except UnicodeDecodeError:
            raise ValidationError("the password on stdin is not UTF-8 text") from None
    first = getpass.getpass("password: ")
    if twice and getpass.getpass("again: ") != first:
        raise ValidationError("the two passwords differ")
    return first
