"""Exceptions the services raise.  Each carries a message fit to show a person."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error the services raise on purpose."""


class ConfigError(ServiceError):
    """A setting or a file given to the services is malformed."""


class DatabaseUnavailableError(ServiceError):
    """The database cannot be reached (server down, wrong host, bad credentials)."""


class TransientConflictError(ServiceError):
    """The database broke a deadlock or a serialization conflict by rolling this
    transaction back; the same work may simply be tried again."""


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


class OutsideDistrictError(ValidationError):
    """A point that no grid cell of the district covers."""

    def __init__(self, lon: float, lat: float, hint: str = "") -> None:
        super().__init__(
            f"point (lon {lon:.6f}, lat {lat:.6f}) is outside the district: "
            f"no grid cell covers it{hint}"
        )
        self.lon = lon
        self.lat = lat


class RefusedFileError(ValidationError):
    """A file refused whole: ``problems`` lists each bad line or feature."""

    def __init__(self, source: str, problems: list[str], shown: int = 3) -> None:
        more = len(problems) - shown
        listed = "; ".join(problems[:shown]) + (f"; and {more} more" if more > 0 else "")
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{source}: nothing imported, {len(problems)} {noun}: {listed}")
        self.source = source
        self.problems = problems


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


class PermissionDeniedError(ServiceError):
    """The signed-in user's role or grid cells do not allow this."""


class TamperedEvidenceError(ServiceError):
    """An evidence item's stored file no longer matches its SHA-256 (changed or
    missing): the console shows it as TAMPERED, in red, never as the evidence
    it was.  The custody log and the audit trail have said so already."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing  # gone from the store, rather than changed
