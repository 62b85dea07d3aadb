"""File → Encrypt This Database… / Remove Encryption…, the encrypted New Database, and the
passphrase asked before the window, driven like a user."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from netdesk import secrets
from netdesk.db import backup as backups
from netdesk.db import cipher, integrity, open_database
from netdesk.db.models import Person
from netdesk.ui.backup import encryption_dialog as module
from netdesk.ui.backup import passphrase_dialog
from netdesk.ui.backup.encryption_dialog import EncryptionDialog
from netdesk.ui.backup.passphrase_dialog import PassphraseDialog, unlock
from netdesk.ui.common.plain_messages import Button
from tests.conftest import ENCRYPTED

pytestmark = pytest.mark.sqlite_only  # encryption is a file's (SQLCipher)

PASSPHRASE = "a long walk to Kilimanjaro"
starts_plain = pytest.mark.skipif(ENCRYPTED, reason="starts from a plain db fixture")


@pytest.fixture
def messages(monkeypatch):
    seen = {"inform": [], "warn": [], "confirm": [], "critical": [], "answer": True}
    monkeypatch.setattr(module, "inform", lambda *a, **k: seen["inform"].append(a))
    monkeypatch.setattr(module, "warn", lambda *a, **k: seen["warn"].append(a))
    monkeypatch.setattr(passphrase_dialog, "critical",
                        lambda *a, **k: seen["critical"].append(a))

    def confirm(*args, **kwargs):
        seen["confirm"].append(args)
        return seen["answer"]

    monkeypatch.setattr(module, "confirm", confirm)
    return seen


def _fill_encryption_dialog(qtbot, dialog: EncryptionDialog, first: str, second: str,
                            tick: bool = True) -> None:
    qtbot.keyClicks(dialog.first, first)
    qtbot.keyClicks(dialog.second, second)
    if tick:
        dialog.understood.setFocus()
        qtbot.keyClick(dialog.understood, Qt.Key.Key_Space)


def _encrypted(path: Path) -> Path:
    db = open_database(path, passphrase=PASSPHRASE)
    Person.create(first_name="Philippa", last_name="Hartwell", email="ph@example.org")
    db.close()
    cipher.forget_all()
    return path


def test_the_dialog_wants_the_passphrase_twice_and_the_tick(qtbot, tmp_path):
    dialog = EncryptionDialog(tmp_path / "netdesk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.open()
    assert "cannot be recovered" in dialog.findChild(object, "forgotten_warning").text()
    _fill_encryption_dialog(qtbot, dialog, PASSPHRASE, PASSPHRASE + "!", tick=True)
    assert dialog.problem.text() == "The two passphrases differ."
    assert not dialog.encrypt_button.isEnabled()
    qtbot.keyClick(dialog.second, Qt.Key.Key_Backspace)
    assert dialog.problem.isHidden() and dialog.encrypt_button.isEnabled()
    qtbot.keyClick(dialog.understood, Qt.Key.Key_Space)  # untick: not understood
    assert not dialog.encrypt_button.isEnabled()
    qtbot.keyClick(dialog.understood, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == EncryptionDialog.DialogCode.Accepted
    assert dialog.passphrase == PASSPHRASE


@starts_plain
def test_encrypting_the_open_file_keeps_the_window_where_it_was(qtbot, db, db_path, make_window,
                                                               messages, memory_keyring):
    Person.create(first_name="Ada", last_name="Lovelace", notes="met at the analytical club")
    grace = Person.create(first_name="Grace", last_name="Hopper")
    window = make_window()
    window.select_person(grace.id)
    assert window.editor.person_id == grace.id
    controller = window.encryption
    assert controller.encrypt_action in window.file_menu.actions()
    assert controller.encrypt_action.isVisible() and not controller.decrypt_action.isVisible()

    controller.encrypt_action.trigger()
    dialog = controller.dialog
    qtbot.addWidget(dialog)
    _fill_encryption_dialog(qtbot, dialog, PASSPHRASE, PASSPHRASE)
    qtbot.keyClick(dialog.remember_box, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)

    assert messages["warn"] == [] and len(messages["inform"]) == 1
    assert not cipher.has_plain_header(db_path)
    strings = subprocess.run(["strings", str(db_path)], capture_output=True, text=True).stdout
    assert "Lovelace" not in strings and "analytical" not in strings
    assert secrets.load(cipher.keyring_name(db_path)) == PASSPHRASE
    # The same database, now encrypted: the views read and write on.
    assert cipher.is_encrypted(db) and Person.select().count() == 2
    assert window.editor.person_id == grace.id
    assert window.contact_tree.selected_person_id() == grace.id
    assert window.contact_tree.model.person_count() == 2
    Person.create(first_name="Katherine")
    assert controller.decrypt_action.isVisible() and not controller.encrypt_action.isVisible()
    for backup in backups.list_backups(db_path):
        assert not cipher.has_plain_header(backup.path)

    controller.decrypt_action.trigger()
    assert len(messages["confirm"]) == 1
    assert cipher.has_plain_header(db_path)
    assert not cipher.is_encrypted(db) and Person.select().count() == 3
    assert secrets.load(cipher.keyring_name(db_path)) is None
    assert window.contact_tree.selected_person_id() == grace.id


@starts_plain
def test_a_failed_conversion_in_the_window_leaves_the_file_and_the_window_working(
        qtbot, db, db_path, make_window, messages, monkeypatch):
    Person.create(first_name="Ada")
    window = make_window()
    before = integrity.inspect_file(db_path).people

    def fail(*args, **kwargs):
        raise cipher.ConversionError("the converted copy failed its check, so nothing changed")

    monkeypatch.setattr(cipher, "convert", fail)
    assert window.encryption.encrypt(PASSPHRASE) is False
    assert "nothing changed" in str(messages["warn"])
    assert cipher.has_plain_header(db_path)
    assert Person.select().count() == before == 1
    assert window.encryption.encrypt_action.isVisible()


def _drive(typed: list[str], remember: bool = False):
    """A ``run`` for the passphrase dialog: types each passphrase and presses Enter."""
    from PySide6.QtTest import QTest

    def run(dialog: PassphraseDialog) -> None:
        dialog.show()
        run.shown = True
        if remember:
            dialog.remember_box.setChecked(True)
        for text in typed:
            if not dialog.isVisible():
                break
            QTest.keyClicks(dialog.field, text)
            QTest.keyClick(dialog.field, Qt.Key.Key_Return)
            run.problems.append(dialog.problem.text())
        run.tries = dialog.tries

    run.shown = False
    run.problems = []
    return run


def test_the_passphrase_is_asked_and_may_be_remembered(qtbot, tmp_path, messages,
                                                       memory_keyring):
    path = _encrypted(tmp_path / "secret.sqlite3")
    run = _drive(["wrong one", PASSPHRASE], remember=True)
    assert unlock(path, run=run) is True
    assert run.shown and "2 tries left" in run.problems[0]
    assert cipher.passphrase_for(path) == PASSPHRASE
    assert secrets.load(cipher.keyring_name(path)) == PASSPHRASE
    cipher.forget_all()
    again = _drive([])
    assert unlock(path, run=again) is True and not again.shown  # the keyring's, silently


def test_a_stored_passphrase_that_no_longer_works_is_forgotten(qtbot, tmp_path, messages,
                                                               memory_keyring):
    path = _encrypted(tmp_path / "secret.sqlite3")
    secrets.store(cipher.keyring_name(path), "an old passphrase")
    run = _drive([PASSPHRASE])
    assert unlock(path, run=run) is True and run.shown
    assert secrets.load(cipher.keyring_name(path)) is None  # not ticked: not kept


def test_three_wrong_passphrases_leave_the_file_alone_and_say_why(qtbot, tmp_path, messages):
    path = _encrypted(tmp_path / "secret.sqlite3")
    before = path.read_bytes()
    run = _drive(["one", "two", "three", "four"])
    assert unlock(path, run=run) is False
    assert run.tries == 3
    (title, text, details), = [m[1:] for m in messages["critical"]]
    assert title == "Wrong passphrase, or not a netdesk file"
    assert "left as it was" in details and "cannot be recovered" in details
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.sqlite3"]


def test_a_plain_file_asks_nothing(tmp_path, db, db_path):
    run = _drive([])
    assert unlock(db_path, run=run) is True and not run.shown


def test_start_up_asks_for_the_passphrase_before_the_window(qtbot, tmp_path, monkeypatch,
                                                            messages):
    from netdesk.ui.shell import startup

    path = _encrypted(tmp_path / "secret.sqlite3")
    run = _drive([PASSPHRASE])
    monkeypatch.setattr(PassphraseDialog, "exec", lambda dialog: run(dialog))
    start = startup.Start(backup_root=tmp_path / "backups", backups_on=False)
    try:
        assert start.open(path)
        qtbot.waitUntil(lambda: start.painted, timeout=10000)
        assert run.shown
        assert start.window.contact_tree.model.person_count() == 1
        assert start.check.wait(10) is None
    finally:
        start.window.close()
        start.release()


def test_start_up_gives_up_after_three_wrong_passphrases(qtbot, tmp_path, monkeypatch,
                                                         messages):
    from netdesk.ui.shell import startup

    path = _encrypted(tmp_path / "secret.sqlite3")
    monkeypatch.setattr(PassphraseDialog, "exec", lambda dialog: _drive(["a", "b", "c"])(dialog))
    offered = []
    start = startup.Start(backup_root=tmp_path / "backups", backups_on=False,
                          recover_with=lambda *args: offered.append(args))
    assert start.open(path) is False
    assert start.exit_code == startup.EXIT_NOT_OPENED
    assert offered == []  # never offered a restore that moves the file aside
    assert len(messages["critical"]) == 1


def test_new_database_offers_encryption(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: Button.Yes)
    path = tmp_path / "new.sqlite3"

    def run(dialog: EncryptionDialog) -> None:
        dialog.show()
        _fill_encryption_dialog(qtbot, dialog, PASSPHRASE, PASSPHRASE)
        qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)

    assert module.prepare_new_file(None, path, run=run) is True
    assert path.exists() and not cipher.has_plain_header(path)
    cipher.forget_all()
    assert integrity.inspect_file(path, passphrase=PASSPHRASE).ok


def test_new_database_may_stay_plain(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: Button.No)
    path = tmp_path / "new.sqlite3"
    assert module.prepare_new_file(None, path) is True
    assert not path.exists()  # the new netdesk creates it, as before


def test_a_wrong_passphrase_given_before_start_is_never_offered_a_restore(qtbot, tmp_path,
                                                                          messages):
    from netdesk.ui.backup.recovery_dialog import RecoveryDialog
    from netdesk.ui.shell import startup

    root = tmp_path / "backups"
    path = tmp_path / "secret.sqlite3"
    db = open_database(path, passphrase=PASSPHRASE)
    Person.create(first_name="Philippa")
    backups.backup_now(db, "manual", root=root)
    db.close()
    cipher.use_passphrase(path, "not the passphrase")  # as --passphrase-stdin gives it
    offered = []
    start = startup.Start(backup_root=root, backups_on=False,
                          recover_with=lambda *args: offered.append(args))
    assert start.open(path) is False
    ((failed, reason, kind, _root),) = offered
    assert kind == integrity.WRONG_PASSPHRASE and "Wrong passphrase" not in reason
    assert "wrong passphrase, or not a netdesk file" in reason
    assert cipher.passphrase_for(path) is None  # a retry asks for it
    cipher.use_passphrase(path, PASSPHRASE)
    assert backups.newest_good_backup(path, root) is not None  # a good one exists, yet:
    dialog = RecoveryDialog(path, reason, kind, backup_root=root)
    qtbot.addWidget(dialog)
    assert dialog.backup is None
