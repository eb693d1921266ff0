"""User-facing errors: every problem a user can fix carries where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SiteError(Exception):
    """A problem in the user's input, reported as `file:line: message` plus a hint."""

    path: Path | str | None
    message: str
    line: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __reduce__(self) -> tuple:
        # Errors raised while rendering in a worker process travel back pickled.
        return (self.__class__, (self.path, self.message, self.line, self.hint))

    def location(self) -> str:
        if self.path is None:
            return ""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        return where

    def format(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


class SiteErrors(SiteError):
    """Several problems found in one pass, so the user can fix them all at once."""

    def __init__(self, errors: list[SiteError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.path, first.message, first.line, first.hint)

    def __reduce__(self) -> tuple:
        return (self.__class__, (self.errors,))

    def format(self) -> str:
        return "\n".join(error.format() for error in self.errors)


def raise_all(errors: list[SiteError]) -> None:
    """Raise the collected errors, if any, as one exception."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SiteErrors(errors)
