"""Start-up: claiming the file, recovery when it cannot be opened, backups around opening."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdesk.db import backup as backups
from netdesk.db import open_database
from netdesk.db.models import Person
from netdesk.ui.backup.recovery_dialog import Recovery, RecoveryDialog
from netdesk.ui.shell import startup
from netdesk.ui.shell.single_instance import Claim
from tests.db.test_backup import _first_schema_file


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def opened_files():
    files = []
    yield files
    for opened in files:
        if isinstance(opened, startup.Opened):
            opened.db.close()
            opened.instance.release()


@pytest.fixture
def messages(monkeypatch):
    seen = []
    monkeypatch.setattr(startup, "inform", lambda *a, **k: seen.append(("inform",) + a))
    monkeypatch.setattr(startup, "warn", lambda *a, **k: seen.append(("warn",) + a))
    return seen


def _choose(monkeypatch, action):
    """Make the recovery dialog answer by running ``action(dialog)`` instead of waiting."""
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        action(dialog)

    monkeypatch.setattr(RecoveryDialog, "exec", exec_)
    return shown


def test_a_new_file_is_claimed_and_opened(qapp, tmp_path, root, opened_files):
    path = tmp_path / "netdesk.sqlite3"
    opened = startup.claim_and_open(path, backup_root=root)
    opened_files.append(opened)
    assert isinstance(opened, startup.Opened)
    assert opened.instance.is_owner() and opened.db_path == path
    Person.create(first_name="Ada")


def test_a_second_start_on_the_same_file_is_forwarded(qapp, tmp_path, root, opened_files):
    path = tmp_path / "netdesk.sqlite3"
    opened_files.append(startup.claim_and_open(path, backup_root=root))
    assert startup.claim_and_open(path, backup_root=root) is Claim.FORWARDED


def test_damaged_file_restored_from_backup_then_opened(
        qapp, tmp_path, root, opened_files, monkeypatch, messages):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    backups.backup_now(db, "daily", root=root)
    db.close()
    path.write_bytes(b"garbage" * 100)
    shown = _choose(monkeypatch, lambda dialog: dialog.restore())
    opened = startup.claim_and_open(path, backup_root=root)
    opened_files.append(opened)
    assert len(shown) == 1 and shown[0].choice is Recovery.RESTORED
    assert [p.first_name for p in Person.select()] == ["Ada"]
    assert list(tmp_path.glob("netdesk.damaged-*.sqlite3"))
    assert messages and messages[0][0] == "inform" and "kept as" in messages[0][3]


def test_damaged_file_then_another_file(qapp, tmp_path, root, opened_files, monkeypatch):
    path = tmp_path / "netdesk.sqlite3"
    path.write_text("not a database")
    other = tmp_path / "other.sqlite3"

    def pick_other(dialog):
        dialog.choice, dialog.chosen_path = Recovery.OTHER_FILE, other

    _choose(monkeypatch, pick_other)
    opened = startup.claim_and_open(path, backup_root=root)
    opened_files.append(opened)
    assert opened.db_path == other
    assert path.read_text() == "not a database"
    # The first file was given up: another process could now take it.
    assert not path.with_name("netdesk.sqlite3.lock").exists()


def test_damaged_file_then_quit(qapp, tmp_path, root, monkeypatch):
    path = tmp_path / "netdesk.sqlite3"
    path.write_bytes(b"")
    _choose(monkeypatch, lambda dialog: None)
    assert startup.claim_and_open(path, backup_root=root) is None
    assert path.read_bytes() == b""


def test_file_open_elsewhere_offers_another_file(qapp, tmp_path, root, monkeypatch):
    path = tmp_path / "netdesk.sqlite3"
    path.with_name("netdesk.sqlite3.lock").write_text("4242\nnetdesk\nlaptop-of-ann\n")
    shown = _choose(monkeypatch, lambda dialog: None)
    assert startup.claim_and_open(path, backup_root=root) is None
    assert "laptop-of-ann" in shown[0].reason_label.text()
    assert not shown[0].restore_button.isVisible()


def test_schema_upgrade_is_preceded_by_a_backup(qapp, tmp_path, root, opened_files):
    path = tmp_path / "netdesk.sqlite3"
    _first_schema_file(path)
    opened_files.append(startup.claim_and_open(path, backup_root=root))
    assert [b.reason for b in backups.list_backups(path, root)] == ["migration"]


def test_demo_files_are_not_backed_up(qapp, tmp_path, root, opened_files):
    path = tmp_path / "netdesk.sqlite3"
    _first_schema_file(path)
    opened_files.append(startup.claim_and_open(path, backups_on=False, backup_root=root))
    assert backups.list_backups(path, root) == []


def test_daily_backup_after_the_window_shows(qtbot, tmp_path, root, opened_files, messages):
    from PySide6.QtWidgets import QWidget

    opened = startup.claim_and_open(tmp_path / "netdesk.sqlite3", backup_root=root)
    opened_files.append(opened)
    window = QWidget()
    qtbot.addWidget(window)
    startup.after_window_shown(window, opened, backup_root=root, delay_ms=0)
    qtbot.waitUntil(lambda: len(backups.list_backups(opened.db_path, root)) == 1)
    # The next start on the same day takes none.
    assert startup.take_daily_backup(window, opened, root) is None
    assert messages == []


def test_daily_backup_failure_is_a_warning_not_a_stop(qapp, tmp_path, opened_files, messages):
    opened = startup.claim_and_open(tmp_path / "netdesk.sqlite3", backups_on=False)
    opened_files.append(opened)
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    assert startup.take_daily_backup(None, opened, blocker) is None
    assert messages[0][0] == "warn" and "Daily backup failed" in messages[0][2]


def test_broken_references_are_pointed_out(qtbot, tmp_path, root, opened_files, messages):
    from PySide6.QtWidgets import QWidget

    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql("UPDATE person SET organization_id = 77")
    db.close()
    opened = startup.claim_and_open(path, backup_root=root)
    opened_files.append(opened)
    window = QWidget()
    qtbot.addWidget(window)
    startup.after_window_shown(window, opened, backups_on=False)
    qtbot.waitUntil(lambda: bool(messages))
    assert "1 row in person refers to missing organization rows" in messages[0][3]


def test_sample_database_is_a_temporary_file(qapp):
    path = startup.sample_database_path()
    assert path.exists() and "netdesk-sample-" in str(path.parent)


def test_run_gui_builds_the_main_window_and_gives_the_file_up_at_the_end(
        qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from netdesk.ui.shell.main_window import MainWindow

    built = []
    monkeypatch.setattr(QApplication, "exec", lambda self: built.append(
        [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
         and w.isVisible()]) or 0)
    path = tmp_path / "netdesk.sqlite3"
    assert startup.run_gui(path, argv=["netdesk"]) == 0
    assert built and built[0] and built[0][0].db_path == path
    for window in built[0]:
        window.close()
    assert not path.with_name("netdesk.sqlite3.lock").exists()


def test_run_gui_on_a_file_open_here_brings_that_window_forward(
        qapp, tmp_path, root, opened_files):
    path = tmp_path / "netdesk.sqlite3"
    first = startup.claim_and_open(path, backup_root=root)
    opened_files.append(first)
    raised = []
    first.instance.activation_requested.connect(lambda: raised.append(True))
    assert startup.run_gui(path, argv=["netdesk"]) == 0
    assert raised == [True]


def _locked_by_another_program(path: Path):
    """A netdesk file in rollback-journal mode, held by a BEGIN EXCLUSIVE elsewhere."""
    import sqlite3

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_file_locked_by_another_program_is_not_offered_for_restore(
        qapp, tmp_path, root, monkeypatch):
    from tests.reliability.trouble import fingerprint

    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    backups.backup_now(db, "daily", root=root)
    db.close()
    holder = _locked_by_another_program(path)
    try:
        before = fingerprint(path)
        shown = _choose(monkeypatch, lambda dialog: dialog.restore())
        assert startup.claim_and_open(path, backup_root=root, busy_timeout=200) is None
        (dialog,) = shown
        assert dialog.backup is None and not dialog.restore_button.isVisibleTo(dialog)
        assert dialog.retry_button.isVisibleTo(dialog) and dialog.retry_button.isDefault()
        assert "locked by another program" in dialog.reason_label.text()
        assert "Close the other program" in dialog.backup_label.text()
        assert fingerprint(path) == before
        assert not list(tmp_path.glob("*.damaged-*"))
    finally:
        holder.close()


def test_try_again_opens_the_file_once_the_other_program_lets_go(
        qapp, tmp_path, root, opened_files, monkeypatch):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    holder = _locked_by_another_program(path)

    def let_go_and_retry(dialog):
        holder.close()
        dialog.retry()

    shown = _choose(monkeypatch, let_go_and_retry)
    opened = startup.claim_and_open(path, backup_root=root, busy_timeout=200)
    opened_files.append(opened)
    assert len(shown) == 1 and isinstance(opened, startup.Opened)
    assert not opened.read_only


def test_a_file_on_a_read_only_disk_opens_read_only(qapp, tmp_path, root, opened_files):
    from tests.reliability.trouble import fingerprint, remount_read_only, small_disk

    with small_disk(tmp_path / "disk") as disk:
        path = disk / "netdesk.sqlite3"
        open_database(path).close()
        remount_read_only(disk)
        before = fingerprint(path)
        opened = startup.claim_and_open(path, backup_root=root, busy_timeout=200)
        assert isinstance(opened, startup.Opened)
        try:
            assert opened.read_only
            assert "read-only" in opened.read_only_reason
            assert Person.select().count() == 0
        finally:
            opened.db.close()
            opened.instance.release()
        assert fingerprint(path) == before


def test_the_window_learns_that_its_file_is_read_only(qapp, tmp_path, root, opened_files):
    from PySide6.QtWidgets import QWidget

    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    told = []

    class Window(QWidget):
        def set_read_only(self, read_only, reason):
            told.append((read_only, reason))

    opened = startup.Opened(path, open_database(path, read_only=True), None)
    window = Window()
    startup.mark_read_only(window, opened)
    assert window.read_only is True and "reading only" in window.read_only_reason
    assert told == [(True, window.read_only_reason)]
    opened.db.close()
    writable = startup.claim_and_open(path, backup_root=root)
    opened_files.append(writable)
    startup.mark_read_only(window, writable)
    assert window.read_only is False and window.read_only_reason == ""


def test_a_link_to_the_file_opens_the_real_file(qapp, tmp_path, root, opened_files):
    real = tmp_path / "real.sqlite3"
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    opened = startup.claim_and_open(link, backup_root=root)
    opened_files.append(opened)
    assert opened.db_path == real
    assert startup.claim_and_open(real, backup_root=root) is Claim.FORWARDED
