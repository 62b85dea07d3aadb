"""Starting the window on a shared network on a PostgreSQL server (``netdesk --db postgresql://…``).

A database on a server is not a file: there is no folder to make, no passphrase to ask
for, no backup before a schema upgrade (the server's administrator backs the database up),
and no check of its pages beside the first paint (the server keeps them sound; it
enforces the references between rows itself). What stays is one window per database and
user on this computer: a second start on the same URL brings the first window forward,
through a lock in the per-user data folder named after the URL without its password
(:class:`ServerInstance`). A lock that cannot be made, or that a netdesk which does not
answer holds, does not stop a start: two windows on one server database are fine, every
edited row having a version.

A server that cannot be reached, refuses the user or the password, or holds something
other than a netdesk network is named (by :func:`netdesk.db.server.display_name`, never
with the password) in :func:`ask_about_server`, which says what to do and offers Try
Again, Open a File Instead… and Quit; the file recovery's restore choices do not apply.

A role that may not change the network (no right to add people), or a server that
accepts no changes (a standby, ``default_transaction_read_only``), opens the window for
reading only, as a file that cannot be written does.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from netdesk.db import integrity
from netdesk.db.server import display_name
from netdesk.paths import is_server_url
from netdesk.ui.common import plain_messages
from netdesk.ui.shell.single_instance import Claim, SingleInstance

if TYPE_CHECKING:
    from netdesk.db.database import DatabaseFileError
    from netdesk.ui.shell.startup import Opened, Recover

FILE_FILTER = "netdesk databases (*.sqlite3 *.db);;All files (*)"
LOCK_FOLDER = "servers"

ADVICE = {
    integrity.UNREADABLE: (
        "Check that this computer is connected to the server's network (the career center's "
        "network, or its VPN) and that the host name in the URL is right, then try again. If "
        "it stays so, tell the server's administrator."),
    integrity.NO_PERMISSION: (
        "Check the user name in the URL, and the password: netdesk takes it from the URL, "
        "from PGPASSWORD or from ~/.pgpass. The server's administrator can reset it or give "
        "your role the right to connect."),
    integrity.MISSING: (
        "Check the database and user names in the URL "
        "(netdesk --db postgresql://USER@HOST/DATABASE). The server's administrator creates "
        "the database and your role."),
    integrity.FOREIGN: (
        "netdesk left that database as it was. Check the database name in the URL, or ask the "
        "server's administrator for an empty database for netdesk."),
    integrity.NEWER: (
        "Someone opened this network with a newer netdesk, which changed it in ways this one "
        "does not know: update netdesk on this computer."),
}
"""What to do, by kind of failure (:mod:`netdesk.db.integrity`)."""


def on_server(location: object) -> bool:
    """True when ``location`` (a path, a URL, a window's ``db_path``) names a server's database."""
    return is_server_url(location)


def shown_name(url: str) -> str:
    """The database as a title shows it: ``ana@db.center.edu/network`` (no scheme, no
    password)."""
    name = display_name(str(url))
    return name.split("://", 1)[1] if "://" in name else name


def window_name(db_path: Path | str) -> str:
    """The name the main window's title gives the database: a file's name, or a server's
    user, host and database."""
    return shown_name(db_path) if on_server(db_path) else Path(db_path).name


def lock_base(url: str) -> Path:
    """Where the claim on ``url`` is kept: a name in the per-user data folder's ``servers``,
    the same for every spelling of the password (the lock is this name with ``.lock``)."""
    from netdesk.paths import data_dir

    key = display_name(str(url))
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return data_dir(create=False) / LOCK_FOLDER / f"server-{digest}"


class ServerInstance(SingleInstance):
    """The claim of this process on a server's database, for this user on this computer."""

    def __init__(self, url: str, parent=None):
        from netdesk.paths import data_dir

        base = lock_base(url)
        data_dir()  # made private when it is new
        base.parent.mkdir(exist_ok=True, mode=0o700)
        super().__init__(base, parent)
        self.url = display_name(str(url))


def _claim(url: str, listen: bool) -> ServerInstance | Claim | None:
    """This process's claim on ``url``: the instance when it owns it, ``Claim.FORWARDED``
    when a window on it was brought forward, None when it opens without a claim."""
    try:
        instance = ServerInstance(url)
    except OSError:
        return None  # no folder for the lock: a second window is harmless
    claim = instance.acquire(listen=listen)
    if claim is Claim.OWNER:
        return instance
    if claim is Claim.FORWARDED:
        return claim
    instance.release()
    return None


def claim_and_open_server(url: str, *, listen: bool = True,
                          recover_with: Recover | None = None) -> Opened | Claim | Path | None:
    """Claim the database at ``url`` and open it, asking the user when that fails.

    Returns the opened database; ``Claim.FORWARDED`` when a netdesk of this user has it
    open and was brought forward; a :class:`~pathlib.Path` when the user chose to open
    a file instead; None when the user chose to quit. ``recover_with`` (tests, the
    self-check) is asked instead of :func:`ask_about_server`, with the database's display
    name for its path; its answer names what to open next.
    """
    from netdesk.db import DatabaseFileError, open_database
    from netdesk.ui.shell.startup import Opened

    while True:
        instance = _claim(url, listen)
        if instance is Claim.FORWARDED:
            return instance
        try:
            db = open_database(url)
        except DatabaseFileError as error:
            if instance is not None:
                instance.release()
            if recover_with is not None:
                choice = recover_with(display_name(url), error.reason, error.kind, None)
                choice = url if choice is not None and str(choice) == display_name(url) \
                    else choice
            else:
                choice = ask_about_server(url, error)
            if choice is None:
                return None
            if not on_server(choice):
                return Path(choice)
            url = str(choice)
            continue
        mark_read_only_role(db)
        return Opened(url, db, instance)


def mark_read_only_role(db) -> None:
    """Open for reading only when the server takes no changes from this user: sets
    ``db.netdesk_read_only`` and its reason (see :func:`netdesk.db.database.read_only_reason`)."""
    where = db.netdesk_url
    row = db.execute_sql(
        "SELECT current_setting('transaction_read_only'), "
        "has_table_privilege('person', 'INSERT')").fetchone()
    if row[0] == "on":
        reason = (f"The server of {where} accepts no changes now (a standby server, or one set "
                  "to read only). Ask its administrator when it will take changes again.")
    elif not row[1]:
        reason = (f"Your role on {where} may read the network but not change it. Ask the "
                  "server's administrator for the right to add and edit people.")
    else:
        return
    db.netdesk_read_only = True
    db.netdesk_read_only_reason = reason


def problem_text(url: str, error: DatabaseFileError) -> tuple[str, str]:
    """The message and the advice for ``error`` at ``url``, naming the database without its
    password."""
    reason = error.reason.rstrip(".")
    text = f"netdesk cannot open the shared network {display_name(url)}: {reason}."
    advice = ADVICE.get(error.kind, "Try again in a moment; if it stays so, tell the server's "
                                    "administrator what this says.")
    return text, advice


def ask_about_server(url: str, error: DatabaseFileError, parent=None, *,
                     pick_file: Callable[[], str] | None = None) -> str | Path | None:
    """Say why the database at ``url`` cannot be opened and what to do; the URL to try
    again, a file to open instead, or None to quit."""
    while True:
        box = server_problem_box(url, error, parent)
        plain_messages.show(box)
        clicked = box.clickedButton()
        if clicked is box.retry_button:
            return url
        if clicked is not box.other_button:
            return None
        name = (pick_file or _pick_file)()
        if name:
            return Path(name)


def server_problem_box(url: str, error: DatabaseFileError, parent=None) -> QMessageBox:
    """The message of :func:`ask_about_server`, not yet shown; its buttons are
    ``retry_button``, ``other_button`` and ``quit_button``."""
    text, advice = problem_text(url, error)
    box = plain_messages.message_box(parent, QMessageBox.Icon.Warning,
                                     "netdesk cannot open the shared network", text, advice)
    box.setAccessibleName("Shared network cannot be opened")
    box.retry_button = box.addButton("&Try Again", QMessageBox.ButtonRole.AcceptRole)
    box.other_button = box.addButton("Open a &File Instead…", QMessageBox.ButtonRole.ActionRole)
    box.quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.retry_button)
    box.setEscapeButton(box.quit_button)
    return box


def _pick_file() -> str:
    name, _ = QFileDialog.getOpenFileName(None, "Open netdesk database", str(Path.home()),
                                          FILE_FILTER)
    return name


class ServerCheck:
    """What stands for the start-up page check on a server: nothing to read, a verdict at
    once (sound, no broken references: the server enforces them), handed to ``on_done``
    as :class:`netdesk.db.database.IntegrityCheck` hands its own."""

    def __init__(self, db, path=None, *, on_done=None, timeout: float | None = None):
        self.path = path
        self.error = None
        self.foreign_key_problems: list[str] = []
        self._done = threading.Event()
        self._done.set()
        if on_done is not None:
            on_done(self)

    @property
    def done(self) -> bool:
        return True

    def wait(self, timeout: float | None = None):
        return None

    def open_gate(self) -> None:
        """Nothing is held back on a server."""

    def restore_gate(self) -> None:
        """Nothing is held back on a server."""


def file_only_reason(what: str) -> str:
    """Why ``what`` (a File-menu feature of SQLite files) does nothing on a server."""
    if what == "encryption":
        return ("A database on a server is not a file netdesk can encrypt: its administrator "
                "keeps it safe on the server, and postgresql://…?sslmode=require encrypts the "
                "connection.")
    return ("A database on a server is backed up by its administrator; File → Export → JSON "
            "keeps a copy of your own.")


def server_location(url: str) -> str:
    """A server's database as the window keeps it (``MainWindow.db_path``): its URL without
    the password, which nothing in the window needs."""
    return display_name(str(url))


def start_folder(db_path: Path | str) -> Path:
    """Where a file dialog starts: the open file's folder, or the home folder for a server."""
    return Path.home() if on_server(db_path) else Path(db_path).parent


def database_label(db_path: Path | str) -> str:
    """What Help → About calls the database: a file, or a database on a server."""
    return "Database on a server" if on_server(db_path) else "Database file"


def database_kind(db_path: Path | str) -> str:
    """What a sentence calls the open database: "file", or "database" on a server."""
    return "database" if on_server(db_path) else "file"
