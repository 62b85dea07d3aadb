"""One netdesk per database file: a lock beside the file and a local socket to call the owner.

The first netdesk to open a file holds ``FILE.lock`` (QLockFile) and listens on a
local socket named after the file's full path. A second netdesk on the same
file cannot take the lock; it asks the first, over the socket, to bring its
window forward, and stops. When no one answers, it tells the user the file is
open elsewhere (another computer sharing the folder, say). A lock left by a
netdesk that crashed is noticed (its process is gone) and taken over.

The file is known by its real path: a symbolic link to it, or another spelling
of its path, reaches the same lock and the same socket.

A start claims the file before its window shows but listens only once it has painted
(``acquire(listen=False)``, then :meth:`SingleInstance.listen`): Qt's network module
is not needed for the first frame. A second netdesk that finds the lock held by a
live netdesk on this computer not yet listening waits for it a moment
(``STARTING_GRACE_S``) before saying it does not respond.
"""

from __future__ import annotations

import enum
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

REQUEST = b"raise\n"
REPLY = b"ok\n"
STARTING_GRACE_S = 2.0
"""How long a second netdesk waits for a first one that holds the lock but does not
listen yet (it listens once its window has painted)."""


class Claim(enum.Enum):
    """What :meth:`SingleInstance.acquire` found."""

    OWNER = "owner"
    """This process now holds the file; go on opening it."""
    FORWARDED = "forwarded"
    """Another netdesk has the file open and was asked to come forward; stop here."""
    ELSEWHERE = "elsewhere"
    """Another netdesk holds the file and did not answer; tell the user."""
    UNLOCKABLE = "unlockable"
    """No lock can be made beside the file (its folder is read-only, say): nothing can be
    written there either, so open the file for reading only."""


class SingleInstance(QObject):
    """The claim of this process on one database file.

    Attributes:
        db_path: the database file, by its real path (links resolved).
        holder: after an ELSEWHERE claim, ``(pid, hostname, program)`` of the holder.
    """

    activation_requested = Signal()
    """A second netdesk was started on this file: bring the window forward."""

    def __init__(self, db_path: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path).expanduser().resolve()
        self.holder: tuple[int, str, str] | None = None
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    @property
    def lock_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".lock")

    @property
    def server_name(self) -> str:
        return server_name(self.db_path)

    def acquire(self, timeout_ms: int = 200, *, listen: bool = True) -> Claim:
        """Take the file, or ask the netdesk that has it to come forward. With ``listen``
        False an owner does not answer others until :meth:`listen` is called."""
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # a live netdesk keeps its lock for hours: only dead ones lose it
        if lock.tryLock(timeout_ms):
            return self._own(lock, listen)
        if lock.error() != QLockFile.LockError.LockFailedError:
            # The folder is read-only, say: no lock can be taken, and nothing written there.
            self.holder = None
            return Claim.UNLOCKABLE
        if ask_to_raise(self.server_name):
            return Claim.FORWARDED
        info = lock.getLockInfo()  # PySide6 gives (pid, hostname, program); pid 0 if unreadable
        pid, hostname, program = info[-3:]
        ok = bool(pid)
        self.holder = (pid, hostname, program) if ok else None
        if ok and _is_abandoned(pid, hostname):
            lock.removeStaleLockFile()
            if lock.tryLock(timeout_ms):
                self.holder = None
                return self._own(lock, listen)
        elif ok and _is_starting(pid, hostname):
            deadline = time.monotonic() + STARTING_GRACE_S
            while time.monotonic() < deadline:
                time.sleep(0.05)
                QCoreApplication.processEvents()  # (the owner may live in this very process)
                if ask_to_raise(self.server_name):
                    self.holder = None
                    return Claim.FORWARDED
        return Claim.ELSEWHERE

    def describe_holder(self) -> str:
        """A sentence for the user saying who holds the file."""
        if self.holder is None:
            return f"The lock file {self.lock_path} cannot be created or read."
        pid, hostname, _program = self.holder
        if hostname and hostname != _this_host():
            return f"It is open in netdesk on the computer “{hostname}”."
        return f"It is open in another netdesk window (process {pid}) that does not respond."

    def attach(self, window: QWidget) -> None:
        """Bring ``window`` forward whenever another netdesk is started on this file."""
        self.activation_requested.connect(lambda: bring_forward(window))

    def release(self) -> None:
        """Stop listening and give the file up (on quitting, or before opening another)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def is_owner(self) -> bool:
        return self._lock is not None and self._lock.isLocked()

    def _own(self, lock: QLockFile, listen: bool = True) -> Claim:
        self._lock = lock
        if listen:
            self.listen()
        return Claim.OWNER

    def listen(self) -> None:
        """Answer the netdesks started on this file later (once; only while it is held)."""
        if self._server is not None or not self.is_owner():
            return
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # Holding the lock, any socket of this name was left by a netdesk that died.
        QLocalServer.removeServer(self.server_name)
        if server.listen(self.server_name):
            server.newConnection.connect(self._answer)
            self._server = server

    def _answer(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._reply(c))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._reply(connection)

    def _reply(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(REQUEST.strip()):
            connection.write(REPLY)
            connection.flush()
            self.activation_requested.emit()
        connection.disconnectFromServer()


def server_name(db_path: Path | str) -> str:
    """The local socket name for a database: the same for every path spelling of the file."""
    resolved = str(Path(db_path).expanduser().resolve())
    import hashlib  # (OpenSSL's, loaded once the window has painted)

    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = f"netdesk-{os.getuid() if hasattr(os, 'getuid') else 0}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime) and os.name == "posix":
        return os.path.join(runtime, name)
    return name


def ask_to_raise(name: str, timeout: float = 1.5) -> bool:
    """Ask the netdesk listening on ``name`` to bring its window forward; True if it said yes."""
    from PySide6.QtNetwork import QLocalSocket

    client = QLocalSocket()
    client.connectToServer(name)
    if not client.waitForConnected(int(timeout * 1000)):
        return False
    client.write(REQUEST)
    client.flush()
    deadline = time.monotonic() + timeout
    answer = b""
    while time.monotonic() < deadline and REPLY not in answer:
        # Poll with short waits and let events run: the owner may live in this very process.
        if client.waitForReadyRead(20) or client.bytesAvailable():
            answer += bytes(client.readAll().data())
        QCoreApplication.processEvents()
        if client.state() == QLocalSocket.LocalSocketState.UnconnectedState and not answer:
            break
    client.abort()
    return REPLY in answer


def bring_forward(window: QWidget) -> None:
    """Show ``window`` unminimized, on top and focused (or, where refused, flash it)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    if isinstance(QCoreApplication.instance(), QApplication):
        QApplication.alert(window)


def _is_starting(pid: int, hostname: str) -> bool:
    """True when the lock's process is one on this computer that is still alive (and so,
    not abandoned, may be a netdesk that has not painted its window yet)."""
    if hostname and hostname != _this_host():
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError, OSError, AttributeError):
        return False
    return True


def _is_abandoned(pid: int, hostname: str) -> bool:
    """True when the lock's process is gone, or is some other program that reused its number.

    Only decidable for locks taken on this computer; a lock from another
    computer is always respected.
    """
    if (hostname and hostname != _this_host()) or pid == os.getpid() \
            or os.name != "posix":
        return False  # (elsewhere Qt's own check of the process applies)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"netdesk" not in command


def _this_host() -> str:
    import socket  # only when a lock is held: its enums cost the first frame time

    return socket.gethostname()
