"""SaveState: the line under an editor that says whether its edits are saved, and why not.

A storage error (the disk is full, the file is read-only, another program holds a
lock) is the environment, not a bug: :func:`storage_problem` turns it into a
sentence that says what to do, sorted by SQLite's error code (the message text is
only shown, never matched). Anything else is a bug and is not caught here.
"""

from __future__ import annotations

import sqlite3

from peewee import DatabaseError, IntegrityError, OperationalError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

# SQLite primary result codes (https://www.sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_NOMEM, _SQLITE_READONLY = 3, 5, 6, 7, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26

_ADVICE = {
    _SQLITE_FULL: "the disk is full. Free some space",
    _SQLITE_READONLY: "the database file is read-only (or on read-only media). "
                      "Make it writable",
    _SQLITE_PERM: "netdesk may not write the database file. Check its permissions",
    _SQLITE_BUSY: "the database is locked by another program. Close it",
    _SQLITE_LOCKED: "the database is locked by another program. Close it",
    _SQLITE_IOERR: "the disk could not be written (is it unplugged or failing?). Check it",
    _SQLITE_CANTOPEN: "the database file cannot be opened (was it moved?). Put it back",
    _SQLITE_NOMEM: "the computer ran out of memory. Close other programs",
    _SQLITE_CORRUPT: "the database file is damaged. Quit and restore a backup",
    _SQLITE_NOTADB: "the database file is damaged. Quit and restore a backup",
}
ERROR_COLOR = "#c62828"


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``error`` (peewee wraps it and keeps it as the context)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, sqlite3.Error):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def storage_problem(error: BaseException) -> str | None:
    """What went wrong with the storage and what to do, or None when ``error`` is a bug.

    SQLite's result code decides: full, read-only, locked, I/O and the like are the
    environment; a constraint or an SQL error is a bug. An error that carries no code
    (raised by hand) counts as the environment when it is an ``OperationalError``.
    """
    if not isinstance(error, (DatabaseError, sqlite3.DatabaseError)) or isinstance(
            error, (IntegrityError, sqlite3.IntegrityError)):
        return None
    cause = _sqlite_error(error) or error
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        advice = _ADVICE.get(code & 0xFF)
        return f"{advice}; netdesk keeps your edit and tries again." if advice else None
    if not isinstance(error, (OperationalError, sqlite3.OperationalError)):
        return None
    detail = str(cause).strip() or type(cause).__name__
    return f"the database could not be written ({detail}); netdesk keeps your edit and " \
           "tries again."


class SaveState(QLabel):
    """Plain text, read by screen readers; red (with the reason) when a save failed.

    Attributes:
        state: ``""``, ``"editing"``, ``"saved"``, ``"not_saved"`` (a field is wrong or a
            choice is pending) or ``"failed"`` (the storage refused the write).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName("Save state")
        self.state = ""

    def show_state(self, state: str, text: str) -> None:
        self.state = state
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;" if state == "failed"
                           else "")

    def failed(self, reason: str) -> None:
        self.show_state("failed", f"Not saved: {reason}")
