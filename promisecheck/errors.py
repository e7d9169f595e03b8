"""The one error type users see: a message tied to a file and, where known, a line and column."""

from __future__ import annotations


class PromisecheckError(Exception):
    """Bad input: a file that cannot be read, a promise book that does not validate, a bad option.

    ``str(error)`` is the one-line message the CLI prints: ``path:line:col: message``.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = [str(p) for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(where + [" " + self.message]) if where else self.message

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}
