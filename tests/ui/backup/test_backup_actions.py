"""File → Back Up Now and File → Restore from Backup…, driven like a user."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from netdesk.db import backup as backups
from netdesk.db.models import Person
from netdesk.ui.backup import backup_actions as module
from netdesk.ui.backup.backup_actions import BackupActions, backup_actions

pytestmark = pytest.mark.sqlite_only  # a file's backups (a server: test_server_start.py)


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def messages(monkeypatch):
    """Record message boxes instead of showing them; answer questions with ``answer``."""
    seen = {"inform": [], "warn": [], "confirm": [], "answer": True}
    monkeypatch.setattr(module, "inform", lambda *a, **k: seen["inform"].append(a))
    monkeypatch.setattr(module, "warn", lambda *a, **k: seen["warn"].append(a))

    def confirm(*args, **kwargs):
        seen["confirm"].append(args)
        return seen["answer"]

    monkeypatch.setattr(module, "confirm", confirm)
    return seen


def test_actions_have_text_and_status_tips(db, db_path, window, root):
    actions = backup_actions(window, lambda: db_path, backup_root=root)
    assert [a.text() for a in actions] == ["&Back Up Now", "&Restore from Backup…"]
    assert all(a.statusTip() for a in actions)


def test_back_up_now(db, db_path, window, root, messages):
    Person.create(first_name="Ada")
    back_up, _restore = backup_actions(window, lambda: db_path, backup_root=root)
    back_up.trigger()
    (made,) = backups.list_backups(db_path, root)
    assert made.reason == "manual"
    assert "Backed up to" in window.statusBar().currentMessage()
    assert messages["warn"] == []


def test_back_up_now_failure_is_reported(db, db_path, window, tmp_path, messages):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    back_up, _restore = backup_actions(window, lambda: db_path, backup_root=blocker)
    back_up.trigger()
    assert messages["warn"] and "could not be backed up" in messages["warn"][0][2]


def test_restore_dialog_lists_backups_and_restores_the_chosen_one(
        qtbot, db, db_path, window, root, messages, events):
    Person.create(first_name="Ada")
    old = backups.backup_now(db, "manual", root=root)
    Person.create(first_name="Grace")
    controller = BackupActions(window, lambda: db_path, backup_root=root)
    controller.back_up_now()  # newest: Ada and Grace
    Person.create(first_name="Later")

    dialog = controller.open_restore_dialog()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.table.topLevelItemCount() == 2
    assert dialog.table.topLevelItem(0).text(2) == "2"  # people in the newest backup
    assert dialog.table.topLevelItem(1).text(2) == "1"
    dialog.table.setCurrentItem(dialog.table.topLevelItem(1))
    assert dialog.selected() == old
    with qtbot.waitSignal(events.changed, timeout=2000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert [p.first_name for p in Person.select()] == ["Ada"]
    assert not dialog.isVisible()
    assert messages["confirm"] and messages["inform"]
    # The state before restoring was backed up, so the restore can be undone.
    before = [b for b in backups.list_backups(db_path, root) if b.reason == "restore"]
    assert len(before) == 1
    controller.restore(before[0])
    assert sorted(p.first_name for p in Person.select()) == ["Ada", "Grace", "Later"]


def test_restore_cancelled_changes_nothing(qtbot, db, db_path, window, root, messages):
    Person.create(first_name="Ada")
    backups.backup_now(db, "manual", root=root)
    Person.create(first_name="Grace")
    messages["answer"] = False
    dialog = BackupActions(window, lambda: db_path, backup_root=root).open_restore_dialog()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert Person.select().count() == 2
    assert dialog.isVisible()
    assert [b.reason for b in backups.list_backups(db_path, root)] == ["manual"]


def test_restore_runs_the_pending_save_first(qtbot, db, db_path, window, root, messages):
    backups.backup_now(db, "manual", root=root)
    saved = []
    controller = BackupActions(window, lambda: db_path, backup_root=root,
                               before_restore=lambda: saved.append(True))
    controller.restore(backups.list_backups(db_path, root)[0])
    assert saved == [True]


def test_damaged_backup_is_not_restored(qtbot, db, db_path, window, root, messages):
    Person.create(first_name="Ada")
    made = backups.backup_now(db, "manual", root=root)
    made.path.write_bytes(made.path.read_bytes()[:200])
    controller = BackupActions(window, lambda: db_path, backup_root=root)
    assert controller.restore(backups.list_backups(db_path, root)[0]) is False
    assert messages["warn"] and "cannot be restored" in messages["warn"][0][2]
    assert [p.first_name for p in Person.select()] == ["Ada"]


def test_restore_dialog_without_backups(qtbot, db, db_path, window, root):
    dialog = BackupActions(window, lambda: db_path, backup_root=root).open_restore_dialog()
    qtbot.addWidget(dialog)
    assert dialog.empty_label.isVisible() and not dialog.table.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_in_the_main_window_restore_reloads_the_tree(qtbot, make_window, db, db_path, root,
                                                     messages):
    """The wiring the main window uses: actions in the File menu, editor saved first."""
    Person.create(first_name="Ada")
    backups.backup_now(db, "manual", root=root)
    Person.create(first_name="Grace")
    window = make_window()
    controller = BackupActions(window, lambda: window.db_path, backup_root=root,
                               before_restore=window.editor.save_now)
    window.file_menu.addActions([controller.back_up_action, controller.restore_action])
    assert window.contact_tree.model.person_count() == 2
    controller.restore(backups.list_backups(db_path, root)[0])
    qtbot.waitUntil(lambda: window.contact_tree.model.person_count() == 1)


def test_restore_into_a_file_open_read_only_is_refused_before_anything(
        qtbot, db, db_path, window, root, messages):
    from netdesk.db import open_database
    from tests.reliability.trouble import fingerprint

    Person.create(first_name="Ada")
    chosen = backups.backup_now(db, "manual", root=root)
    db.close()
    read_only = open_database(db_path, read_only=True)
    try:
        before = fingerprint(db_path)
        actions = BackupActions(window, lambda: db_path, backup_root=root)
        assert actions.restore(chosen) is False
        assert "reading only" in " ".join(str(m) for m in messages["warn"])
        assert messages["confirm"] == []  # not even asked
        assert fingerprint(db_path) == before
        assert [b.reason for b in backups.list_backups(db_path, root)] == ["manual"]
    finally:
        read_only.close()
