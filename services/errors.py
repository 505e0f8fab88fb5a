"""Exceptions the services raise.  Each carries a message fit to show a person."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error the services raise on purpose."""


class ConfigError(ServiceError):
    """A setting or a file given to the services is malformed."""


class DatabaseUnavailableError(ServiceError):
    """The database cannot be reached (server down, wrong host, bad credentials)."""


class ValidationError(ServiceError):
    """Input that does not fit: an empty title, an unknown category, a bad value."""


class NotFoundError(ValidationError):
    """A referenced row does not exist."""


class UnknownGridError(NotFoundError):
    """A grid cell code that the district does not have."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown grid cell {code!r}")
        self.code = code


class UnknownUnitError(NotFoundError):
    """A unit code that is not registered."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown unit {code!r}")
        self.code = code


class TransitionError(ValidationError):
    """The lifecycle does not allow this move from the order's current state."""


class ConflictError(ServiceError):
    """The order changed since the caller read it; nothing was written."""

    def __init__(self, number: str, expected: int, current: int, by: str | None) -> None:
        who = f" by {by}" if by else ""
        super().__init__(
            f"work order {number} was changed{who} since you opened it "
            f"(your copy: version {expected}, now: version {current}); "
            "reload it and try again — nothing was saved"
        )
        self.number = number
        self.expected = expected
        self.current = current
        self.by = by
