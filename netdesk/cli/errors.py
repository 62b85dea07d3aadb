"""Storage trouble on the command line: one ``netdesk: …`` line on stderr and an exit status.

Permission, space, path, lock and damage problems (``OSError``,
:class:`~netdesk.db.DatabaseFileError`, :class:`~netdesk.db.backup.BackupError`,
SQLite's own errors) are sorted as in :mod:`netdesk.db.integrity` and told to the
user with what to do, never as a traceback. Every command is run through
:func:`guarded` (see :mod:`netdesk.cli`); a command may also call :func:`report`
itself to word the first part of the line.
"""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable

import peewee

from netdesk.db import integrity
from netdesk.db.backup import BackupError, ServerBackupError
from netdesk.db.database import DatabaseFileError

EXIT_TROUBLE = 1
"""Exit status for a file that cannot be used now (the same as for any refusal)."""

STORAGE_ERRORS = (OSError, DatabaseFileError, BackupError, sqlite3.Error, peewee.DatabaseError)
"""What :func:`guarded` turns into a message; anything else is a bug and keeps its traceback."""


def describe(error: BaseException) -> str:
    """One line saying what went wrong and what to do about it."""
    if isinstance(error, DatabaseFileError | ServerBackupError):
        text = str(error)
    elif isinstance(error, BackupError):
        text = f"the backup failed: {error}. {integrity.REMEDIES[integrity.BACKUP_FAILED]}"
    elif isinstance(error, OSError):
        kind, message = integrity.classify(error)
        where = f"{error.filename}: " if error.filename else ""
        text = where + integrity.message_with_remedy(kind, message.split(" (")[0])
    else:
        kind, message = integrity.classify(error)
        text = integrity.message_with_remedy(kind, message)
    return " ".join(text.split())


def report(error: BaseException, prog: str = "netdesk", status: int = EXIT_TROUBLE) -> int:
    """Print ``prog: <what went wrong and what to do>`` on stderr; return ``status``."""
    print(f"{prog}: {describe(error)}", file=sys.stderr)
    return status


def guarded(func: Callable[..., int], prog: str = "netdesk") -> Callable[..., int]:
    """``func`` (a command's ``run``), with storage trouble reported by :func:`report`."""

    @functools.wraps(func)
    def run(*args, **kwargs) -> int:
        try:
            return func(*args, **kwargs)
        except STORAGE_ERRORS as error:
            return report(error, prog)

    run.netdesk_guarded = True
    return run
