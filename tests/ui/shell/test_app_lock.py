"""The app lock: every window and dialog, modal ones included, is covered while locked and
comes back as it was; nothing is written meanwhile; the passphrase is kept only as a salted
scrypt hash; idle time is measured from the last key or mouse input."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from netdesk.db.models import Person
from netdesk.ui.common.plain_messages import message_box
from netdesk.ui.shell.app_lock import (
    HASH_KEY,
    LOCKED_TITLE,
    MINUTES_KEY,
    AppLock,
    LockCover,
    app_lock,
    hash_matches,
    lock_minutes,
    passphrase_unlocks,
    reset_app_lock,
    set_passphrase,
)
from tests.ui.every_dialog import open_dialog

PASSPHRASE = "correct horse"


@pytest.fixture(autouse=True)
def fresh_lock(qapp):
    for widget in QApplication.topLevelWidgets():  # windows an earlier test left open
        if widget.isVisible():
            widget.close()
    reset_app_lock()
    settings = QSettings()
    settings.remove(HASH_KEY)
    settings.remove(MINUTES_KEY)
    yield
    reset_app_lock()
    settings.remove(HASH_KEY)
    settings.remove(MINUTES_KEY)


@pytest.fixture
def passphrase():
    set_passphrase(PASSPHRASE)
    return PASSPHRASE


def _covered_windows():
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()
            and w.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)]


def _cover_of(window: QWidget) -> LockCover | None:
    covers = [c for c in window.findChildren(LockCover) if c.parentWidget() is window]
    return covers[0] if covers else None


def _person_count(db_path) -> int:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        connection.close()


def _unlock(qtbot, text: str = PASSPHRASE) -> None:
    form = app_lock().form()
    form.passphrase.clear()
    qtbot.keyClicks(form.passphrase, text)
    qtbot.keyClick(form.passphrase, Qt.Key.Key_Return)


def test_the_passphrase_is_kept_only_as_a_salted_scrypt_hash(qapp, tmp_path):
    set_passphrase(PASSPHRASE)
    stored = QSettings().value(HASH_KEY)
    assert stored.startswith("scrypt$16384$8$1$") and PASSPHRASE not in stored
    set_passphrase(PASSPHRASE)
    assert QSettings().value(HASH_KEY) != stored  # a new salt each time
    assert hash_matches(PASSPHRASE, stored) and not hash_matches("correct horse ", stored)
    assert passphrase_unlocks(PASSPHRASE) and not passphrase_unlocks("wrong")
    QSettings().sync()
    settings_file = QSettings().fileName()
    with open(settings_file, encoding="utf-8") as handle:
        assert PASSPHRASE not in handle.read()


def test_the_lock_is_off_by_default_and_needs_a_passphrase(qapp):
    assert lock_minutes() == 0
    QSettings().setValue(MINUTES_KEY, 10)
    assert lock_minutes() == 0  # no passphrase: nothing could unlock it
    set_passphrase(PASSPHRASE)
    assert lock_minutes() == 10
    assert app_lock().limit_ms() == 600_000


def test_every_window_and_dialog_is_covered_and_comes_back_as_it_was(
        qtbot, sample_window, passphrase, tmp_path):
    window = sample_window
    ada = Person.select().order_by(Person.id).first()
    window.select_person(ada.id)
    interview = open_dialog(window, "interview window")
    lamp = open_dialog(window, "LAMP list")
    catalog = window.open_catalog()
    follow_ups = open_dialog(window, "follow-up list")
    interviews = open_dialog(window, "interview list")
    from netdesk.ui.method.weekly_review import open_weekly_review

    review = open_weekly_review(window)  # its clock ticks every second: stopped while locked
    saving = QFileDialog(window, "Export the graph")  # as the graph's export asks
    saving.setOption(QFileDialog.Option.DontUseNativeDialog)
    saving.open()
    wizard = open_dialog(window, "new plan wizard")  # window-modal, opened with open()
    first_name = wizard.currentPage().findChild(QLineEdit)
    first_name.setFocus()
    qtbot.keyClicks(first_name, "Half-typed")
    titles = {id(w): w.windowTitle() for w in _covered_windows()}
    names = {p.full_name for p in Person.select()}
    assert any(n in t for t in titles.values() for n in names)  # the interview window's
    assert any(window.db_path.name in t for t in titles.values())

    assert review.clock.isActive()
    assert app_lock().lock()

    assert not review.clock.isActive()
    windows = _covered_windows()
    for opened in (window, interview, lamp, catalog, follow_ups, interviews, review, saving,
                   wizard):
        assert opened in windows
    for shown in windows:
        cover = _cover_of(shown)
        assert cover is not None and cover.isVisible(), shown
        assert cover.geometry() == shown.rect()
        assert shown.windowTitle() == LOCKED_TITLE  # no person, no file named
        assert shown.grab().toImage() == cover.grab().toImage()  # nothing shows through
    form = app_lock().form()
    assert form.window() is wizard  # the modal dialog takes the input: the form is there
    texts = {w.text() for w in form.findChildren(QWidget) if hasattr(w, "text")}
    assert texts <= {"netdesk", "Locked", "Unlock", ""}
    shots = Path(os.environ.get("NETDESK_SHOTS", tmp_path))
    window.grab().save(str(shots / "locked-main-window.png"))
    wizard.grab().save(str(shots / "locked-wizard.png"))

    _unlock(qtbot)

    assert not app_lock().is_locked
    for shown in windows:
        assert _cover_of(shown) is None or not _cover_of(shown).isVisible()
        assert shown.windowTitle() == titles[id(shown)]
    assert wizard.isVisible() and first_name.text() == "Half-typed"
    assert review.clock.isActive()
    assert wizard.focusWidget() is first_name


def test_a_wrong_passphrase_says_so_and_stays_locked(qtbot, window, passphrase):
    assert app_lock().lock()
    _unlock(qtbot, "guess")
    form = app_lock().form()
    assert app_lock().is_locked
    assert form.message.isVisible() and "not the lock passphrase" in form.message.text()
    assert form.passphrase.text() == ""
    _unlock(qtbot)
    assert not app_lock().is_locked


def test_while_locked_no_key_or_shortcut_reaches_the_windows(qtbot, window, db, passphrase):
    ada = Person.create(first_name="Ada", last_name="Lee")
    window.contact_tree.reload()
    window.select_person(ada.id)
    window.editor.job_title.setFocus()
    assert app_lock().lock()
    qtbot.keyClicks(window.editor.job_title, "Spy")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New Person
    assert window.editor.job_title.text() == ""
    assert window.editor.person_id == ada.id
    _unlock(qtbot)
    qtbot.keyClicks(window.editor.job_title, "Analyst")
    assert window.editor.job_title.text() == "Analyst"


@pytest.mark.sqlite_only  # SQLite's authorizer (a server: test_server_start.py)
def test_pending_edits_are_saved_before_the_lock_and_nothing_is_written_during_it(
        qtbot, window, db, db_path, passphrase):
    ada = Person.create(first_name="Ada", last_name="Lee")
    window.contact_tree.reload()
    window.select_person(ada.id)
    qtbot.keyClicks(window.editor.job_title, "Analyst")
    assert window.editor._timer.isActive()  # the autosave is still waiting
    writer = QTimer(window)  # a window's timer that writes: stopped with the lock
    writer.setSingleShot(True)
    writer.setInterval(50)
    writer.timeout.connect(lambda: Person.create(first_name="From a timer"))
    writer.start()
    window.editor.retry_timer.start()
    reminders = window.habit.reminders
    reminders.start()
    assert reminders.timer.isActive()

    assert app_lock().lock()

    assert not reminders.timer.isActive()

    assert Person.get_by_id(ada.id).job_title == "Analyst"  # saved as leaving saves
    assert not window.editor._timer.isActive() and not window.editor.retry_timer.isActive()
    assert not writer.isActive()
    refused = []

    def write_anyway():  # a timer no window owns: refused by the database itself
        try:
            Person.create(first_name="Sneaky")
        except Exception as error:  # noqa: BLE001
            refused.append(str(error))

    QTimer.singleShot(0, write_anyway)
    qtbot.waitUntil(lambda: bool(refused))
    qtbot.wait(120)
    assert "not authorized" in refused[0]
    assert _person_count(db_path) == 1
    assert Person.select().count() == 1  # reading is still allowed

    _unlock(qtbot)

    assert writer.isActive() and reminders.timer.isActive()  # started again after unlock
    qtbot.waitUntil(lambda: _person_count(db_path) == 2)
    Person.create(first_name="After unlock")
    assert _person_count(db_path) == 3


def test_idle_time_counts_from_the_last_input(qtbot, window, passphrase):
    now = [1000.0]
    reset_app_lock()
    lock = AppLock(clock=lambda: now[0])
    lock.idle_ms = 60_000
    lock.configure()
    assert lock._idle_timer.isActive() and lock._idle_timer.interval() == 60_000
    now[0] += 40
    qtbot.keyClick(window.contact_tree, Qt.Key.Key_Down)  # input: the count starts again
    now[0] += 30
    lock._idle_timer.timeout.emit()
    assert not lock.is_locked
    assert 29_000 <= lock._idle_timer.interval() <= 30_000  # waits for what is left
    now[0] += 31
    lock._idle_timer.timeout.emit()
    assert lock.is_locked
    lock.unlock(PASSPHRASE)
    lock.idle_ms = None
    lock.configure()  # the lock is off in the preferences: the events are no longer watched
    assert not lock._watching
    lock.stop()
    lock.deleteLater()


def test_the_lock_comes_by_itself_after_the_idle_time(qtbot, window, passphrase):
    lock = app_lock()
    lock.idle_ms = 300
    lock.configure()
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    assert _cover_of(window) is not None and window.windowTitle() == LOCKED_TITLE


def test_a_window_opened_while_locked_is_covered_too(qtbot, window, passphrase,
                                                     monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: None)
    assert app_lock().lock()
    box = message_box(window, QMessageBox.Icon.Information, "Ada Lee is due", "Call Ada")
    box.open()
    qtbot.waitUntil(box.isVisible)
    assert _cover_of(box) is not None and box.windowTitle() == LOCKED_TITLE
    _unlock(qtbot)
    assert box.windowTitle() == "Ada Lee is due"
    box.close()


def test_view_lock_now_locks_or_asks_for_a_passphrase_first(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: shown.append(box.text()))
    assert window.lock_now_action in window.view_menu.actions()
    window.lock_now_action.trigger()
    assert not app_lock().is_locked and "Preferences → Privacy" in shown[0]
    set_passphrase(PASSPHRASE)
    window.lock_now_action.trigger()
    assert app_lock().is_locked
    _unlock(qtbot)


def test_preferences_privacy_sets_the_passphrase_twice_and_the_minutes(qtbot, window):
    dialog = window.habit.open_preferences()
    page = dialog.privacy
    dialog.tabs.setCurrentWidget(page)
    page.lock.setChecked(True)
    page.minutes.setValue(7)
    dialog.accept()
    assert dialog.isVisible() and "passphrase" in page.problem.text()  # none set yet
    qtbot.keyClicks(page.passphrase, "abc12")
    qtbot.keyClicks(page.again, "abc13")
    dialog.accept()
    assert dialog.isVisible() and "differ" in page.problem.text()
    page.again.clear()
    qtbot.keyClicks(page.again, "abc12")
    dialog.accept()
    assert not dialog.isVisible()
    assert passphrase_unlocks("abc12") and "abc12" not in str(QSettings().value(HASH_KEY))
    assert lock_minutes() == 7 and app_lock().limit_ms() == 7 * 60_000


@pytest.mark.sqlite_only  # the start-up page check is a file's
def test_unlocking_gives_a_waiting_integrity_check_its_gate_back(qtbot, window, db, db_path,
                                                                 passphrase, monkeypatch):
    from netdesk.db import integrity
    from netdesk.db.database import IntegrityCheck

    monkeypatch.setattr(integrity, "check_pages", lambda path, **k: integrity.Report(
        path, integrity.DAMAGED, "page 3 is damaged"))
    check = IntegrityCheck(db, db_path)
    check.wait(5)
    assert app_lock().lock()
    _unlock(qtbot)
    with pytest.raises(Exception, match="not authorized"):
        Person.create(first_name="Onto a damaged file")
    db.netdesk_integrity_check = None
    db.connection().set_authorizer(None)


def test_the_passphrase_moves_on_when_its_window_closes(qtbot, window, passphrase):
    box = message_box(window, QMessageBox.Icon.Information, "Imported", "Done")
    box.open()
    qtbot.waitUntil(box.isVisible)
    assert app_lock().lock()
    assert app_lock().form().window() is box
    box.close()
    qtbot.waitUntil(lambda: app_lock().form().window() is window)
    _unlock(qtbot)
    assert not app_lock().is_locked and window.windowTitle() != LOCKED_TITLE


def test_return_in_the_passphrase_does_not_press_the_dialogs_default_button(
        qtbot, sample_window, passphrase):
    wizard = open_dialog(sample_window, "new plan wizard")
    page = wizard.currentPage()
    name = page.findChild(QLineEdit)
    qtbot.keyClicks(name, "Robin")  # Next can go on now
    assert app_lock().lock()
    _unlock(qtbot)
    assert wizard.isVisible() and wizard.currentPage() is page


def test_the_passphrase_moves_on_when_its_window_is_deleted(qtbot, window, passphrase):
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(window)
    dialog.setWindowTitle("Ada Lee")
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    assert app_lock().lock() and app_lock().form().window() is dialog
    dialog.deleteLater()
    qtbot.waitUntil(lambda: app_lock().form() is not None
                    and app_lock().form().window() is window)
    _unlock(qtbot)
    assert not app_lock().is_locked and window.windowTitle() != LOCKED_TITLE


def test_on_an_encrypted_file_nothing_is_written_and_its_own_passphrase_unlocks(qapp, tmp_path,
                                                                                passphrase):
    from netdesk.db import open_database

    file_passphrase = "file secret 42"
    db = open_database(tmp_path / "locked.sqlite3", passphrase=file_passphrase)
    try:
        Person.create(first_name="Ada")
        lock = app_lock()
        assert lock.lock()
        with pytest.raises(Exception, match="not authorized"):
            Person.create(first_name="Sneaky")  # SQLCipher's connection refuses it too
        assert not passphrase_unlocks("not it")
        assert passphrase_unlocks(file_passphrase)
        assert lock.unlock(file_passphrase) and not lock.is_locked
        Person.create(first_name="Grace")
        assert Person.select().count() == 2
    finally:
        db.close()
