"""The sync worker and the status bar with a scripted engine in place of ``sync_account``: what
a real server cannot be made to do on cue (hang on a request when netdesk quits, report 5,000
items slowly, ask about deletions at a chosen moment). The same engine names as the real one
(SyncError, Progress, SyncReport) run in the same worker thread."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from netdesk.core.changes import Changes
from netdesk.db.models import Person
from netdesk.sync import accounts as sync_accounts
from netdesk.sync import engine
from netdesk.sync.errors import DeletionsNeedConfirmation, SyncCancelled, SyncError
from netdesk.ui.transfer import sync_passwords
from netdesk.ui.transfer.sync_passwords import PasswordDialog
from tests.ui.tree import tree_names

URL = "http://127.0.0.1:5232/"


@pytest.fixture(autouse=True)
def _no_session_passwords():
    sync_passwords.forget_session()
    yield
    sync_passwords.forget_session()


class Script:
    """Stands in for ``engine.sync_account``; records what it was given, and on which thread."""

    def __init__(self, monkeypatch, body=None):
        self.calls: list[dict] = []
        self.body = body or (lambda script, call: engine.SyncReport(changes=Changes()))
        self.active = 0
        self.overlapped = False
        monkeypatch.setattr(engine, "sync_account", self)

    def __call__(self, account, password, *, dry_run=False, progress=None, cancelled=None,
                 confirm_deletions=None):
        call = {"account": account, "password": password, "progress": progress,
                "cancelled": cancelled, "confirm_deletions": confirm_deletions,
                "thread": threading.current_thread()}
        self.calls.append(call)
        self.active += 1
        self.overlapped |= self.active > 1
        try:
            return self.body(self, call)
        finally:
            self.active -= 1


def report(**more) -> engine.SyncReport:
    return engine.SyncReport(changes=more.pop("changes", Changes()), **more)


@pytest.fixture
def account(db, memory_keyring):
    made = sync_accounts.add_account(URL, "ann", addressbook_url=URL + "ann/book/",
                                     calendar_url=URL + "ann/cal/", interval_minutes=15)
    memory_keyring.set_password("netdesk", sync_accounts.password_key(made.id), "right")
    return made


def wait_done(qtbot, sync, timeout=5000) -> None:
    qtbot.waitUntil(lambda: sync.run is None and sync.password_dialog is None,
                    timeout=timeout)


def test_sync_now_runs_in_a_worker_and_publishes_what_it_wrote(
        qtbot, window, account, monkeypatch):
    def body(script, call):
        person = Person.create(first_name="Ada", last_name="Phone", relationship="friend")
        return report(changes=Changes.added_person(person.id),
                      received={"people added": 1}, conflicts=[])

    monkeypatch.setattr(engine.SyncReport, "summary", lambda self: "Received 1 person.")
    script = Script(monkeypatch, body)
    window.graph_panel  # noqa: B018 - built, as after the first paint
    window.sync_actions.sync_now_action.trigger()
    wait_done(qtbot, window.sync_actions)
    assert script.calls[0]["thread"] is not threading.main_thread()
    assert script.calls[0]["password"] == "right"
    assert "Ada Phone" in tree_names(window)
    ada = Person.get(Person.first_name == "Ada").id
    window.tabs.setCurrentWidget(window.graph_panel)
    qtbot.waitUntil(lambda: ada in window.graph_panel.view.drawing.nodes, timeout=3000)
    status = window.sync_actions.status
    assert status.text == "Received 1 person."
    assert not status.conflicts_button.isVisible()


def test_progress_and_cancel_in_the_status_bar(qtbot, window, account, monkeypatch):
    stopped = threading.Event()

    def body(script, call):
        for done in range(1, 5001):
            if call["cancelled"]():
                stopped.set()
                raise SyncCancelled()
            call["progress"](engine.Progress("Sending people…", done, 5000))
            time.sleep(0.002)
        return report()

    Script(monkeypatch, body)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    status = sync.status
    qtbot.waitUntil(lambda: " of 5,000" in status.text, timeout=5000)
    assert status.text.startswith("Syncing with 127.0.0.1:5232… ")
    assert status.cancel_button.isVisible() and status.bar.isVisible()
    assert status.bar.maximum() == 5000
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, sync)
    assert stopped.is_set()
    assert "cancelled" in status.text
    assert not status.cancel_button.isVisible() and not status.bar.isVisible()


def test_one_sync_at_a_time(qtbot, window, account, monkeypatch):
    second = sync_accounts.add_account(URL, "bo", addressbook_url=URL + "bo/book/",
                                       calendar_url=None)
    sync_passwords.keep_password(second.id, "right", remember=False)

    def body(script, call):
        time.sleep(0.1)
        return report()

    script = Script(monkeypatch, body)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    sync.sync_now_action.trigger()  # while the first runs: nothing starts twice
    sync.timer.timeout.emit()
    wait_done(qtbot, sync)
    assert [c["account"].user for c in script.calls] == ["ann", "bo"]
    assert not script.overlapped


def test_conflicts_are_one_click_away_in_the_status_bar(qtbot, window, account, monkeypatch):
    lines = ["Ann Lee: phone was +44 20 1234 on the server", "Bo Ng: email was bo@ng.example"]
    Script(monkeypatch, lambda script, call: report(conflicts=lines))
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    wait_done(qtbot, sync)
    button = sync.status.conflicts_button
    assert button.isVisible() and button.text() == "2 conflicts…"
    assert not any(isinstance(w, QDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())  # nothing popped up by itself
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = sync.status.dialog
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.text.toPlainText() == "\n".join(lines)


def test_an_error_is_told_in_the_status_bar_with_its_details(
        qtbot, window, account, monkeypatch):
    def body(script, call):
        raise SyncError("Listing the address book: 127.0.0.1:5232 did not answer "
                        "(connection refused)\nPROPFIND http://127.0.0.1:5232/ann/book/")

    Script(monkeypatch, body)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    wait_done(qtbot, sync)
    status = sync.status
    assert status.text == ("Sync with 127.0.0.1:5232 did not finish: Listing the "
                                     "address book: 127.0.0.1:5232 did not answer "
                                     "(connection refused)")
    assert "{error}" not in status.message.styleSheet() and not status.message.styleSheet()
    qtbot.mouseClick(status.details_button, Qt.MouseButton.LeftButton)
    assert "PROPFIND" in status.dialog.text.toPlainText()


def test_a_refused_password_is_asked_again(qtbot, window, account, monkeypatch,
                                           memory_keyring):
    memory_keyring.set_password("netdesk", sync_accounts.password_key(account.id), "old")

    def body(script, call):
        if call["password"] != "right":
            raise SyncError("Finding your account: 127.0.0.1:5232 refused the user name or "
                            "password (HTTP 401)")
        return report()

    script = Script(monkeypatch, body)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: sync.password_dialog is not None, timeout=5000)
    dialog = sync.password_dialog
    assert isinstance(dialog, PasswordDialog) and dialog.isVisible()
    assert "refused the password for ann" in dialog.message.text()
    assert "password was refused" in sync.status.text
    qtbot.keyClicks(dialog.password, "right")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_done(qtbot, sync)
    assert [c["password"] for c in script.calls] == ["old", "right"]
    assert memory_keyring.get_password("netdesk", sync_accounts.password_key(account.id)) \
        == "right"


def test_without_a_keyring_the_password_is_asked_once_a_session(
        qtbot, window, account, monkeypatch, memory_keyring):
    memory_keyring.secrets.clear()
    monkeypatch.setattr("netdesk.secrets.available", lambda: False)
    script = Script(monkeypatch)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: sync.password_dialog is not None, timeout=5000)
    dialog = sync.password_dialog
    assert not dialog.remember.isVisible()
    qtbot.keyClicks(dialog.password, "right")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_done(qtbot, sync)
    sync.sync_now_action.trigger()  # asked no more this session
    wait_done(qtbot, sync)
    assert [c["password"] for c in script.calls] == ["right", "right"]
    assert memory_keyring.secrets == {}


def _answer_deletions(monkeypatch, yes: bool):
    asked = []

    def answer(box):
        asked.append((box.text(), threading.current_thread()))
        wanted = "Delete them" if yes else "Cancel"
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()
        return box.standardButton(box.clickedButton())

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", answer)
    return asked


@pytest.mark.parametrize("yes", [True, False])
def test_many_deletions_are_confirmed_on_the_gui_thread(qtbot, window, account, monkeypatch,
                                                       yes):
    answers = []

    def body(script, call):
        answer = call["confirm_deletions"](7, 6)
        answers.append(answer)
        if not answer:
            raise DeletionsNeedConfirmation(7, 6)
        return report(sent={"deleted": 6}, received={"deleted": 7})

    Script(monkeypatch, body)
    asked = _answer_deletions(monkeypatch, yes)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    wait_done(qtbot, sync)
    assert answers == [yes]
    ((text, thread),) = asked
    assert thread is threading.main_thread()
    assert text == "This sync would delete 7 here (in netdesk) and 6 on the server 127.0.0.1:5232."
    if not yes:
        assert "nothing was changed" in sync.status.text
        assert sync.status.details_button.isVisible()


def test_the_timer_syncs_accounts_that_are_due(qtbot, window, account, monkeypatch):
    manual = sync_accounts.add_account(URL, "bo", addressbook_url=URL + "bo/book/",
                                       calendar_url=None, interval_minutes=0)
    sync_passwords.keep_password(manual.id, "right", remember=False)
    recent = datetime.datetime.now() - datetime.timedelta(minutes=3)
    sync_accounts.update_account(account.id, interval_minutes=5, last_synced=recent)
    script = Script(monkeypatch)
    sync = window.sync_actions
    assert sync.timer.isActive()
    sync.timer.timeout.emit()
    QApplication.processEvents()
    assert script.calls == []  # synced 3 minutes ago, every 5
    sync_accounts.update_account(account.id, last_synced=recent - datetime.timedelta(minutes=3))
    sync.timer.timeout.emit()
    wait_done(qtbot, sync)
    assert [c["account"].user for c in script.calls] == ["ann"]  # never the manual one


def test_nothing_syncs_while_the_file_is_read_only_and_it_is_said_once(
        qtbot, window, account, monkeypatch):
    script = Script(monkeypatch)
    window.set_read_only(True, "Another netdesk has it open.")
    sync = window.sync_actions
    sync.timer.timeout.emit()
    assert window.statusBar().currentMessage() == \
        "Sync is off: this file is open for reading only."
    window.statusBar().clearMessage()
    sync.timer.timeout.emit()
    assert window.statusBar().currentMessage() == ""  # once
    sync.sync_now_action.trigger()  # asked for: told again
    assert "reading only" in window.statusBar().currentMessage()
    QApplication.processEvents()
    assert script.calls == [] and sync.run is None


def test_quitting_cancels_and_waits_a_moment_at_most(qtbot, window, account, monkeypatch):
    release = threading.Event()
    started = threading.Event()

    def body(script, call):
        started.set()
        release.wait(10)  # a request that hangs until its timeout
        raise SyncCancelled()

    script = Script(monkeypatch, body)
    sync = window.sync_actions
    sync.sync_now_action.trigger()
    assert started.wait(5)
    begin = time.monotonic()
    window.close()
    took = time.monotonic() - begin
    release.set()
    assert took < 0.6
    assert script.calls[0]["cancelled"]()


def test_typing_in_the_editor_survives_a_sync_that_changes_the_person(
        qtbot, window, account, monkeypatch):
    ann = Person.create(first_name="Ann", last_name="Lee", job_title="Professor",
                        department="History").id
    window.contact_tree.reload()
    window.select_person(ann)
    editor = window.editor
    editor.job_title.selectAll()
    qtbot.keyClicks(editor.job_title, "Lecturer")

    def body(script, call):
        Person.update(job_title="Dean", department="Classics").where(Person.id == ann).execute()
        return report(changes=Changes.of_person(ann, {"job_title", "department"}))

    Script(monkeypatch, body)
    window.sync_actions.sync_now_action.trigger()
    wait_done(qtbot, window.sync_actions)
    assert editor.job_title.text() == "Lecturer"  # what the user typed stays
    assert editor.department.text() == "Classics"  # what they did not touch follows
    assert "job_title" in editor._conflicts  # keep mine / take theirs is asked


def test_the_first_sync_starts_after_the_first_paint(qtbot, db_path, account, monkeypatch):
    from PySide6.QtCore import QEvent, QObject

    from netdesk.ui.shell.main_window import MainWindow

    monkeypatch.setattr("netdesk.ui.transfer.sync_actions.START_DELAY_MS", 50)
    script = Script(monkeypatch)
    painted_before_sync = []

    class Paints(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not painted_before_sync:
                painted_before_sync.append(not script.calls)
            return False

    window = MainWindow(db_path, paint_first=True)
    qtbot.addWidget(window)
    paints = Paints(window)
    window.installEventFilter(paints)
    assert getattr(window, "sync_actions", None) is None  # built after the first paint
    window.show()
    qtbot.waitUntil(lambda: bool(script.calls), timeout=5000)
    assert painted_before_sync == [True]
    assert script.calls[0]["account"].id == account.id
    assert window.sync_actions.accounts_action in window.file_menu.actions()
    qtbot.waitUntil(lambda: window.sync_actions.run is None, timeout=5000)


def test_a_password_dialog_cancelled_is_not_shown_again_by_the_timer(
        qtbot, window, account, monkeypatch, memory_keyring):
    memory_keyring.secrets.clear()
    sync_accounts.update_account(account.id, interval_minutes=1)
    script = Script(monkeypatch)
    sync = window.sync_actions
    sync.timer.timeout.emit()
    qtbot.waitUntil(lambda: sync.password_dialog is not None, timeout=5000)
    sync.password_dialog.reject()
    assert sync.password_dialog is None
    assert "no password" in sync.status.text
    sync.timer.timeout.emit()  # a minute later: not in the user's face again
    assert sync.password_dialog is None
    sync.sync_now_action.trigger()  # asked for: asked
    assert sync.password_dialog is not None
    qtbot.keyClicks(sync.password_dialog.password, "right")
    qtbot.keyClick(sync.password_dialog.password, Qt.Key.Key_Return)
    wait_done(qtbot, sync)
    assert [c["password"] for c in script.calls] == ["right"]
