"""``youyi-console``'s command line: ``main`` parses and dispatches (``console.cli.main``);
one module a sub-command group beside it, all opening the store through ``store.opened``."""

from console.cli.main import main

__all__ = ["main"]
