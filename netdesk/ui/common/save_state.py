"""SaveState: the line under an editor that says whether its edits are saved, and why not.

A storage error (the disk is full, the file is read-only, another program holds a
lock) is the environment, not a bug: :func:`storage_problem` says what went wrong
and what to do, sorted by SQLite's result code as :func:`netdesk.db.integrity.classify`
sorts it (the message text is only shown, never matched). A constraint or an SQL
error is a bug and is not caught here. On a server, a connection lost or refused is the
network's, said as such.
"""

from __future__ import annotations

import sqlite3

from peewee import DatabaseError, IntegrityError, OperationalError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from netdesk.db import integrity
from netdesk.ui.common.theme import set_themed_style

# SQLite's primary result codes that mean a mistake in netdesk, not the disk or the file:
# SQLITE_ERROR (an SQL error), CONSTRAINT, MISMATCH, MISUSE, RANGE.
_BUG_CODES = frozenset({1, 19, 20, 21, 25})
RETRYING = "netdesk keeps your edit and tries again."


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``error`` (peewee wraps it and keeps it as the context)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, sqlite3.Error):
            return error
        seen.add(id(error))
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
    return None


def storage_problem(error: BaseException) -> str | None:
    """What went wrong with the storage and what to do, or None when ``error`` is a bug.

    An error that carries no SQLite code (raised by hand) counts as the storage when it
    is an ``OperationalError``.
    """
    if not isinstance(error, (DatabaseError, sqlite3.DatabaseError)) or isinstance(
            error, (IntegrityError, sqlite3.IntegrityError)):
        return None
    if isinstance(error, OperationalError) and _on_server():
        return _server_problem(error)
    cause = _sqlite_error(error)
    code = getattr(cause, "sqlite_errorcode", None)
    if code is None and not isinstance(error, (OperationalError, sqlite3.OperationalError)):
        return None
    if code is not None and code & 0xFF in _BUG_CODES:
        return None
    kind, message = integrity.classify(cause or error)
    return f"{integrity.message_with_remedy(kind, message)} {RETRYING}"


def _on_server() -> bool:
    from netdesk.db.dialect import is_server

    return is_server()


def _server_problem(error: BaseException) -> str:
    """A connection to the server lost or refused: the network's (or the server's) doing,
    said as such. The connection is let go, so that the next try connects anew."""
    from netdesk.db.models import database_proxy
    from netdesk.db.server import classify

    _kind, message = classify(error)
    try:
        database_proxy.obj.close()  # a lost connection stays lost; a new one may not be
    except Exception:  # noqa: BLE001, S110 - closed already, or inside a transaction
        pass
    return (f"{message[:1].upper()}{message[1:]}. Check this computer's network connection "
            f"(or VPN). {RETRYING}")


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
        set_themed_style(self, "color: {error}; font-weight: bold;" if state == "failed" else "")

    def failed(self, reason: str) -> None:
        self.show_state("failed", f"Not saved: {reason}")
