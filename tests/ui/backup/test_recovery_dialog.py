"""The dialog for a file that cannot be opened: restore a backup, open another file, or quit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from netdesk.db import backup as backups
from netdesk.db import open_database
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Person
from netdesk.ui.backup.recovery_dialog import Recovery, RecoveryDialog


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def damaged_with_backup(tmp_path, root) -> Path:
    path = tmp_path / "<u>Ann<u> network.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    backups.backup_now(db, "daily", root=root)
    db.close()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    return path


def _dialog(qtbot, path, root, kind="damaged") -> RecoveryDialog:
    dialog = RecoveryDialog(path, "the database is damaged (malformed)", kind, backup_root=root)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_names_the_file_literally_and_offers_the_backup(qtbot, damaged_with_backup, root):
    dialog = _dialog(qtbot, damaged_with_backup, root)
    assert dialog.path_label.text() == str(damaged_with_backup)
    assert dialog.path_label.textFormat() == Qt.TextFormat.PlainText
    assert "The database is damaged (malformed). The file has not been changed." == \
        dialog.reason_label.text()
    assert "Newest good backup" in dialog.backup_label.text()
    assert "1 person," in dialog.backup_label.text()
    assert dialog.restore_button.isVisible() and dialog.restore_button.isDefault()


def test_restore_keeps_the_damaged_file_aside(qtbot, damaged_with_backup, root):
    damaged = damaged_with_backup.read_bytes()
    dialog = _dialog(qtbot, damaged_with_backup, root)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is Recovery.RESTORED and not dialog.isVisible()
    assert dialog.kept_aside.read_bytes() == damaged
    assert ".damaged-" in dialog.kept_aside.name
    assert inspect_file(damaged_with_backup).ok
    db = open_database(damaged_with_backup)
    assert [p.first_name for p in Person.select()] == ["Ada"]
    db.close()


def test_open_another_file(qtbot, damaged_with_backup, root, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite3"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(other), "")))
    dialog = _dialog(qtbot, damaged_with_backup, root)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is Recovery.OTHER_FILE and dialog.chosen_path == other
    assert damaged_with_backup.read_bytes().startswith(b"SQLite format 3\x00\xff")


def test_cancelling_the_file_picker_keeps_the_dialog(qtbot, damaged_with_backup, root,
                                                     monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    dialog = _dialog(qtbot, damaged_with_backup, root)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()


def test_quit(qtbot, damaged_with_backup, root):
    dialog = _dialog(qtbot, damaged_with_backup, root)
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is Recovery.QUIT and not dialog.isVisible()


def test_escape_quits(qtbot, damaged_with_backup, root):
    dialog = _dialog(qtbot, damaged_with_backup, root)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is Recovery.QUIT


def test_without_a_backup_no_restore_is_offered(qtbot, tmp_path, root):
    path = tmp_path / "notes.sqlite3"
    path.write_text("just text")
    dialog = _dialog(qtbot, path, root, kind="not_sqlite")
    assert not dialog.restore_button.isVisible()
    assert dialog.other_button.isDefault()
    assert "No good backup" in dialog.backup_label.text()


def test_a_newer_file_is_not_replaced_by_an_older_backup(qtbot, damaged_with_backup, root):
    dialog = _dialog(qtbot, damaged_with_backup, root, kind="newer")
    assert not dialog.restore_button.isVisible()
    assert "newer netdesk" in dialog.backup_label.text()


def test_only_good_backups_are_offered(qtbot, damaged_with_backup, root):
    (only,) = backups.list_backups(damaged_with_backup, root)
    only.path.write_bytes(b"broken")
    dialog = _dialog(qtbot, damaged_with_backup, root)
    assert dialog.backup is None and not dialog.restore_button.isVisible()


@pytest.mark.parametrize("kind, reason, remedy, retry", [
    ("locked", "the file is locked by another program", "Close the other program", True),
    ("full", "there is no space left on the disk", "Free some space", True),
    ("no_permission", "you do not have permission to use the file", "Ask the owner", True),
    ("read_only", "the file cannot be written", "copy the file to a folder", False),
    ("needs_upgrade", "it is of an older schema", "Open it once where it can be written",
     False),
])
def test_trouble_that_is_not_damage_gets_its_remedy_and_no_restore(
        qtbot, damaged_with_backup, root, kind, reason, remedy, retry):
    dialog = RecoveryDialog(damaged_with_backup, reason, kind, backup_root=root)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.backup is None and not dialog.restore_button.isVisible()
    assert remedy in dialog.backup_label.text()
    assert "not damaged" in dialog.backup_label.text()
    assert dialog.retry_button.isVisible() is retry
    if retry:
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
        assert dialog.choice is Recovery.RETRY


def test_restore_through_a_link_replaces_the_real_file_and_keeps_the_link(
        qtbot, damaged_with_backup, root, tmp_path):
    link = tmp_path / "link.sqlite3"
    link.symlink_to(damaged_with_backup)
    dialog = RecoveryDialog(link, "the database is damaged", "damaged", backup_root=root)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.backup is not None  # the backups of the real file are the link's
    dialog.restore()
    assert dialog.choice is Recovery.RESTORED
    assert link.is_symlink() and link.resolve() == damaged_with_backup
    assert inspect_file(damaged_with_backup).people == 1
    assert dialog.kept_aside.parent == damaged_with_backup.parent
    assert not dialog.kept_aside.is_symlink()
