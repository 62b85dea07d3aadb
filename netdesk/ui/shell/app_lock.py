"""The app lock: after some idle minutes (or View → Lock Now) every netdesk window hides its
content until the lock passphrase is given, and nothing is written meanwhile.

Idle means no key, mouse or wheel input to any netdesk window: an event filter on the
application notes the time of each, and one QTimer fires when the idle time would be up
(it checks the time then, and waits again for what is left). Locking:

1. closes open menus and pop-ups, and saves pending edits as leaving would (the person
   editor saves its valid fields; an interview window its notes);
2. refuses every write at the database level: a SQLite authorizer on the connection denies
   INSERT, UPDATE, DELETE and schema changes until unlock; on a PostgreSQL server every
   transaction of the connection is read-only until unlock (``default_transaction_read_only``),
   and so is any connection made meanwhile (a worker thread's);
3. stops every running timer of every window (the editor's autosave and 5-second retry,
   reminders, the scheduled backup, reloads), to start them again after unlock;
4. covers every top-level window and dialog, modal ones included, with an opaque panel
   showing only "netdesk" and "Locked", and gives each the title "Locked — netdesk". The
   window that can take input (the top modal dialog, else the active window, else the main
   window) shows the passphrase field and Unlock there. Windows are not hidden: a modal
   dialog's ``exec`` would end, and the typed text, the cursor and the focus stay under
   the cover as they were;
5. swallows all input (and all shortcuts) to anything but the passphrase field.

The passphrase is kept only as a salted scrypt hash in the settings
(:func:`hash_passphrase`); :func:`passphrase_unlocks` is the one check of what is typed.
The system's own unlock (PAM, polkit, Windows Hello) is not offered.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import sqlite3
import time
from collections.abc import Callable

from peewee import DatabaseError, InterfaceError
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.common.actions import make_action

MINUTES_KEY = "privacy/lock_minutes"
"""QSettings key: idle minutes before the lock (0: the lock is off, the default)."""
HASH_KEY = "privacy/lock_passphrase_hash"
"""QSettings key: the salted scrypt hash of the lock passphrase ('' when none is set)."""
MAX_MINUTES = 24 * 60
MIN_PASSPHRASE = 4
LOCK_SHORTCUT = "Ctrl+Alt+Shift+L"
LOCKED_TITLE = "Locked — netdesk"

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod, QEvent.Type.ContextMenu,
})
_BLOCKED_WHEN_LOCKED = _INPUT | {QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
                                 QEvent.Type.DragEnter, QEvent.Type.Drop}
_WATCHED = _BLOCKED_WHEN_LOCKED | {QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Resize,
                                   QEvent.Type.WindowTitleChange}
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


# The passphrase ---------------------------------------------------------------------------

def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def hash_passphrase(text: str, salt: bytes | None = None) -> str:
    """``text`` as "scrypt$N$r$p$SALT$HASH" (base64), with a new random salt by default."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(text.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "$".join(["scrypt", str(_SCRYPT["n"]), str(_SCRYPT["r"]), str(_SCRYPT["p"]),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def hash_matches(text: str, stored: str) -> bool:
    """True when ``text`` is the passphrase ``stored`` (a :func:`hash_passphrase`) was made of."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(text.encode(), salt=base64.b64decode(salt), n=int(n),
                                r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def has_passphrase(settings: QSettings | None = None) -> bool:
    return bool(str(_settings(settings).value(HASH_KEY, "") or ""))


def set_passphrase(text: str, settings: QSettings | None = None) -> None:
    """Keep ``text`` as the lock passphrase: its salted hash only, never the text."""
    settings = _settings(settings)
    settings.setValue(HASH_KEY, hash_passphrase(text))
    settings.sync()


def passphrase_problem(text: str, again: str) -> str | None:
    """Why ``text`` (typed twice, the second time ``again``) cannot be the lock passphrase."""
    if len(text) < MIN_PASSPHRASE:
        return f"The lock passphrase needs at least {MIN_PASSPHRASE} characters."
    if text != again:
        return "The two passphrases differ; type the same one twice."
    return None


def passphrase_unlocks(text: str, settings: QSettings | None = None) -> bool:
    """True when ``text`` unlocks netdesk: the one check of what is typed on the lock screen.
    The lock passphrase unlocks, and so does the open file's own passphrase when it is
    encrypted."""
    stored = str(_settings(settings).value(HASH_KEY, "") or "")
    if stored and hash_matches(text, stored):
        return True
    from netdesk.db.models import database_proxy

    file_passphrase = getattr(database_proxy.obj, "passphrase", None)
    return bool(file_passphrase) and hmac.compare_digest(text.encode(), file_passphrase.encode())


def lock_minutes(settings: QSettings | None = None) -> int:
    """Idle minutes before the lock; 0 when it is off (the default, and without a passphrase)."""
    settings = _settings(settings)
    try:
        minutes = int(settings.value(MINUTES_KEY, 0) or 0)
    except (TypeError, ValueError):
        return 0
    if not 0 < minutes <= MAX_MINUTES or not has_passphrase(settings):
        return 0
    return minutes


# Refusing writes ----------------------------------------------------------------------------

_WRITES = frozenset(getattr(sqlite3, f"SQLITE_{name}") for name in (
    "INSERT", "UPDATE", "DELETE", "CREATE_TABLE", "CREATE_INDEX", "CREATE_TRIGGER",
    "CREATE_VIEW", "DROP_TABLE", "DROP_INDEX", "DROP_TRIGGER", "DROP_VIEW", "ALTER_TABLE",
    "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "PRAGMA", "ATTACH", "DETACH"))


def _deny_writes(action: int, _arg1, arg2, database, _trigger) -> int:
    if action not in _WRITES or database == "temp":
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg2 is None:
        return sqlite3.SQLITE_OK  # reading a pragma
    return sqlite3.SQLITE_DENY


def _allow_writes() -> None:
    """Take the lock's authorizer off; a start-up integrity check still waiting for its
    verdict (or that found damage) gets its own back. On a server, transactions may write
    again."""
    from netdesk.db.models import database_proxy

    _server_read_only(False)
    connection = _connection()
    if connection is None:
        return
    connection.set_authorizer(None)
    check = getattr(database_proxy.obj, "netdesk_integrity_check", None)
    if check is not None:
        check.restore_gate()


_READ_ONLY_OPTION = "-c default_transaction_read_only=on"


def _server_read_only(on: bool) -> None:
    """On a PostgreSQL server: make every transaction of this process's connection read-only
    (``on``), and every connection opened meanwhile, or put back what was there before."""
    from netdesk.db.dialect import is_server
    from netdesk.db.models import database_proxy

    db = database_proxy.obj
    if db is None or not is_server(db) or on == hasattr(db, "netdesk_lock_before"):
        return
    params = db.connect_params
    if on:
        before = "off"
        options = params.get("options")
        params["options"] = f"{options or ''} {_READ_ONLY_OPTION}".strip()
        if not db.is_closed():
            try:
                before = db.execute_sql(
                    "SELECT current_setting('default_transaction_read_only')").fetchone()[0]
                db.execute_sql("SELECT set_config('default_transaction_read_only', 'on', false)")
            except (DatabaseError, InterfaceError):  # a lost connection: the next is read-only
                _let_go(db)
        db.netdesk_lock_before = (before, options)
        return
    before, options = db.netdesk_lock_before
    del db.netdesk_lock_before
    if options is None:
        params.pop("options", None)
    else:
        params["options"] = options
    if not db.is_closed():
        try:
            db.execute_sql("SELECT set_config('default_transaction_read_only', ?, false)",
                           (before,))
        except (DatabaseError, InterfaceError):  # the next connection may write
            _let_go(db)


def _let_go(db) -> None:
    try:
        db.close()
    except Exception:  # noqa: BLE001, S110 - already gone
        pass


def _connection():
    """The open file's connection (sqlite3's, or SQLCipher's for an encrypted file)."""
    from netdesk.db.models import database_proxy

    db = database_proxy.obj
    if db is None or db.is_closed():
        return None
    connection = db.connection()
    return connection if hasattr(connection, "set_authorizer") else None


# The cover --------------------------------------------------------------------------------

class LockCover(QWidget):
    """An opaque panel over the whole of one window: "netdesk", "Locked", and on the window
    that takes input, the passphrase field and Unlock."""

    unlock_requested = Signal(str)

    def __init__(self, window: QWidget, with_form: bool):
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setAccessibleName("netdesk is locked")
        name = QLabel("netdesk")
        name.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        name.setFont(font)
        locked = QLabel("Locked")
        locked.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (name, locked):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.passphrase: QLineEdit | None = None
        self.unlock_button: QPushButton | None = None
        self.message: QLabel | None = None
        if with_form:
            self.passphrase = QLineEdit()
            self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
            self.passphrase.setPlaceholderText("Lock passphrase")
            self.passphrase.setAccessibleName("Lock passphrase")
            self.passphrase.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
            self.passphrase.setMaximumWidth(self.fontMetrics().averageCharWidth() * 48)
            self.unlock_button = QPushButton("Unlock")
            self.unlock_button.setAccessibleName("Unlock")
            self.unlock_button.clicked.connect(self._unlock)
            self.message = QLabel()
            self.message.setTextFormat(Qt.TextFormat.PlainText)
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message.setWordWrap(True)
            self.message.hide()
            layout.addSpacing(12)
            layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(self.message)
        else:
            hint = QLabel("Unlock in the netdesk window in front.")
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(hint)
        layout.addStretch(1)
        self.fit()

    def fit(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()

    def _unlock(self) -> None:
        self.unlock_requested.emit(self.passphrase.text())

    def say_wrong(self) -> None:
        self.passphrase.clear()
        self.message.setText("That is not the lock passphrase. Try again.")
        self.message.show()
        self.passphrase.setFocus()


class _Covered:
    """What a covered window was before the lock, to put back."""

    def __init__(self, window: QWidget, cover: LockCover):
        self.window = window
        self.cover = cover
        self.title = window.windowTitle()
        self.file_path = window.windowFilePath()
        self.focus = window.focusWidget()
        self.size = None


# The lock ---------------------------------------------------------------------------------

class AppLock(QObject):
    """The one lock of the application (:func:`app_lock`): watches input, locks, unlocks.

    ``clock`` gives seconds (monotonic); tests pass their own, and may set ``idle_ms`` to
    lock after less than a minute.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._clock = clock
        self._last_input = clock()
        self.idle_ms: int | None = None
        """Overrides the minutes from the preferences (tests)."""
        self.is_locked = False
        self._covered: dict[int, _Covered] = {}
        self._form: LockCover | None = None
        self._stopped_timers: list[QTimer] = []
        self._titling = False
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._idle_check)
        self._watching = False
        from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

        preferences_notifier().changed.connect(self.configure)
        self.configure()

    # Idle time ---------------------------------------------------------------------------

    def limit_ms(self) -> int:
        """Idle milliseconds before the lock; 0 when it is off."""
        if self.idle_ms is not None:
            return self.idle_ms if has_passphrase() else 0
        return lock_minutes() * 60_000

    def configure(self) -> None:
        """Read the preferences again: start or stop watching the idle time."""
        if self.is_locked:
            return
        limit = self.limit_ms()
        self._watch(bool(limit))
        if limit:
            self._last_input = self._clock()
            self._idle_timer.start(limit)
        else:
            self._idle_timer.stop()

    def stop(self) -> None:
        """Unlock without a passphrase and stop watching for good (tests, the end)."""
        from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

        try:
            preferences_notifier().changed.disconnect(self.configure)
        except (RuntimeError, TypeError):
            pass
        self._idle_timer.stop()
        self._watch(False)
        if self.is_locked:
            self._lift()

    def _lift(self) -> None:
        """Writes allowed again and every cover taken off."""
        _allow_writes()
        self.is_locked = False
        for covered in list(self._covered.values()):
            self._uncover(covered)
        self._covered.clear()
        self._form = None

    def _watch(self, on: bool) -> None:
        """Filter the application's events only while the lock is on or locked: every event
        of the program passes through the filter."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def _idle_check(self) -> None:
        limit = self.limit_ms()
        if not limit or self.is_locked:
            return
        idle = (self._clock() - self._last_input) * 1000
        if idle >= limit - 5:  # timers may fire a few ms early
            self.lock()
        else:
            self._idle_timer.start(int(limit - idle))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if not self.is_locked:
            if kind in _INPUT:
                self._last_input = self._clock()
            return False
        if kind in _BLOCKED_WHEN_LOCKED:
            if kind == QEvent.Type.Shortcut:  # sent to actions and shortcuts, not widgets
                return True
            if kind == QEvent.Type.KeyPress and event.key() in _RETURN \
                    and self._form is not None and watched is self._form.passphrase:
                # Taken here, whole: passed on, it would press the dialog's default button.
                self._form.unlock_requested.emit(self._form.passphrase.text())
                return True
            # Input reaches a window (QWindow) first, which hands it to its widgets.
            return isinstance(watched, QWidget) and not self._in_form(watched)
        if isinstance(watched, QWidget) and watched.isWindow():
            if kind == QEvent.Type.Show and id(watched) not in self._covered \
                    and _coverable(watched):
                self._cover(watched, with_form=False)
            elif kind == QEvent.Type.Hide and self._form is not None \
                    and watched is self._form.window():
                QTimer.singleShot(0, self, self._reseat_form)
            elif kind == QEvent.Type.Resize and id(watched) in self._covered:
                self._covered[id(watched)].cover.fit()
            elif kind == QEvent.Type.WindowTitleChange and id(watched) in self._covered \
                    and not self._titling and watched.windowTitle() != LOCKED_TITLE:
                self._covered[id(watched)].title = watched.windowTitle()
                self._set_title(watched, LOCKED_TITLE)
        return False

    def _in_form(self, watched: QObject) -> bool:
        form = self._form
        if form is None or not isinstance(watched, QWidget):
            return False
        return watched is form or form.isAncestorOf(watched)

    # Locking -----------------------------------------------------------------------------

    def lock(self) -> bool:
        """Lock now; False when no passphrase is set (nothing could unlock it) or when
        already locked."""
        if self.is_locked or not has_passphrase():
            return False
        _close_popups()
        _save_pending_edits()
        connection = _connection()
        if connection is not None:
            connection.set_authorizer(_deny_writes)
        _server_read_only(True)
        self._idle_timer.stop()
        self._stop_timers()
        self._watch(True)
        self.is_locked = True
        windows = [w for w in QApplication.topLevelWidgets() if _coverable(w)]
        taker = _input_window(windows)
        for window in windows:
            self._cover(window, with_form=window is taker)
        self.locked.emit()
        return True

    def unlock(self, text: str) -> bool:
        """Unlock when ``text`` is the passphrase; otherwise say so and stay locked."""
        if not self.is_locked:
            return True
        if not passphrase_unlocks(text):
            if self._form is not None:
                self._form.say_wrong()
            return False
        self._lift()
        for timer in self._stopped_timers:
            try:
                timer.start()
            except RuntimeError:  # deleted meanwhile, with its window
                continue
        self._stopped_timers = []
        self._last_input = self._clock()
        self.configure()
        self.unlocked.emit()
        return True

    def _cover_destroyed(self, key: int, which: int) -> None:
        """A covered window was deleted while locked: forget it; if it held the passphrase
        field, put the field in another window."""
        covered = self._covered.get(key)
        if covered is None or not self.is_locked or id(covered.cover) != which:
            return  # unlocked, or a cover replaced by another
        del self._covered[key]
        if self._form is covered.cover:
            self._form = None
            QTimer.singleShot(0, self, self._reseat_form)

    def _reseat_form(self) -> None:
        """The window holding the passphrase field went away: put the field in another."""
        if not self.is_locked or (self._form is not None and self._form.window().isVisible()):
            return
        windows = [w for w in QApplication.topLevelWidgets() if _coverable(w)]
        taker = _input_window(windows)
        if taker is None:
            return
        old = self._covered.pop(id(taker), None)
        if old is not None:
            old.cover.hide()
            old.cover.deleteLater()  # its destroyed signal finds nothing left to forget
        self._cover(taker, with_form=True)
        if old is not None:  # what the window was before the lock, not its locked title
            self._covered[id(taker)].title = old.title
            self._covered[id(taker)].file_path = old.file_path
            self._covered[id(taker)].focus = old.focus

    def form(self) -> LockCover | None:
        """The cover holding the passphrase field while locked."""
        return self._form

    def _stop_timers(self) -> None:
        owners = [*QApplication.topLevelWidgets(), QApplication.instance()]
        timers = []
        for owner in owners:
            timers += [t for t in owner.findChildren(QTimer) if t.isActive()]
        self._stopped_timers = [t for t in dict.fromkeys(timers)
                                if t is not self._idle_timer and t.parent() is not self]
        for timer in self._stopped_timers:
            timer.stop()

    def _cover(self, window: QWidget, with_form: bool) -> None:
        cover = LockCover(window, with_form)
        covered = _Covered(window, cover)
        self._covered[id(window)] = covered
        key, which = id(window), id(cover)
        cover.destroyed.connect(
            lambda _object=None, key=key, which=which: self._cover_destroyed(key, which))
        if with_form:
            self._form = cover
            cover.unlock_requested.connect(self.unlock)
            hint = cover.sizeHint()
            if window.width() < hint.width() or window.height() < hint.height():
                covered.size = window.size()
                window.resize(max(window.width(), hint.width()),
                              max(window.height(), hint.height()))
        self._set_title(window, LOCKED_TITLE)
        window.setWindowFilePath("")
        cover.show()
        cover.fit()
        if with_form:
            cover.passphrase.setFocus()

    def _uncover(self, covered: _Covered) -> None:
        window = covered.window
        try:
            covered.cover.hide()
            covered.cover.deleteLater()
            self._set_title(window, covered.title)
            window.setWindowFilePath(covered.file_path)
            if covered.size is not None:
                window.resize(covered.size)
            if covered.focus is not None:
                covered.focus.setFocus()
        except RuntimeError:  # the window was deleted meanwhile
            pass

    def _set_title(self, window: QWidget, title: str) -> None:
        self._titling = True
        try:
            window.setWindowTitle(title)
        finally:
            self._titling = False


def _coverable(widget: QWidget) -> bool:
    if not widget.isWindow() or not widget.isVisible():
        return False
    kind = widget.windowType()
    return kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


def _input_window(windows: list[QWidget]) -> QWidget | None:
    """The window the passphrase is typed in: the top modal dialog, else the active window,
    else a main window, else any."""
    modal = QApplication.activeModalWidget()
    if modal is not None and modal in windows:
        return modal
    active = QApplication.activeWindow()
    if active is not None and active in windows:
        return active
    mains = [w for w in windows if isinstance(w, QMainWindow)]
    return (mains or windows or [None])[0]


def _close_popups() -> None:
    QToolTip.hideText()
    for _ in range(20):  # menus open inside menus
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()


def _save_pending_edits() -> None:
    """Save what leaving would save: the person editors' valid fields, interview notes."""
    from netdesk.ui.interviews.interview_window import InterviewWindow
    from netdesk.ui.people.person_editor import PersonEditor

    for widget in QApplication.allWidgets():
        try:
            if isinstance(widget, PersonEditor):
                widget.save_now()
            elif isinstance(widget, InterviewWindow):
                widget.flush()
        except Exception:  # noqa: BLE001 - what cannot be saved stays typed, under the cover
            continue


_lock: AppLock | None = None


def app_lock() -> AppLock:
    """The application's lock, made on first use."""
    global _lock
    if _lock is None:
        _lock = AppLock(QApplication.instance())
    return _lock


def reset_app_lock() -> None:
    """Forget the lock (tests: each gets a new one)."""
    global _lock
    if _lock is not None:
        _lock.stop()
        _lock.deleteLater()
    _lock = None


def lock_now_action(window: QWidget):
    """View → Lock Now, for ``window``; it also starts the idle watch."""
    lock = app_lock()

    def lock_now() -> None:
        if not lock.lock():
            if not lock.is_locked:
                from netdesk.ui.common.plain_messages import inform

                inform(window, "Lock Now",
                       "Set a lock passphrase first, in Edit → Preferences → Privacy.")

    return make_action(window, "&Lock Now", lock_now, QKeySequence(LOCK_SHORTCUT),
                       "Hide netdesk's windows until the lock passphrase is given")
