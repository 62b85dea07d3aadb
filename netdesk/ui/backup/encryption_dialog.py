"""File → Encrypt This Database… and File → Remove Encryption…: the dialog and the actions.

Converting closes the open database, converts the file (a backup first; see
:func:`netdesk.db.cipher.convert`) and connects again through the same database
object, so every view stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk import secrets
from netdesk.db import cipher
from netdesk.db.database import is_read_only
from netdesk.db.dialect import is_server
from netdesk.db.models import database_proxy
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.plain_messages import confirm, inform, warn
from netdesk.ui.common.plain_text import note_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.shell.server_start import file_only_reason

FORGOTTEN = ("A forgotten passphrase cannot be recovered. Without it nobody can open this "
             "file or its backups: not you, not netdesk, not anyone who could help.")


class EncryptionDialog(QDialog):
    """Asks for a new passphrase, twice, and for the tick that says a forgotten one is lost.

    ``passphrase`` and ``remember`` hold the choice once accepted.
    """

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, new_file: bool = False):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.passphrase: str | None = None
        self.setWindowTitle("Encrypt the New Database" if new_file else "Encrypt This Database")
        self.setAccessibleName("Encrypt the database")
        self.setMinimumWidth(text_size(self, 70, 0).width())
        what = "The new file" if new_file else self.db_path.name
        intro = note_label(
            f"{what} will be encrypted with a passphrase: without it, the file and its "
            "backups are unreadable, should the computer or the disk be lost or stolen. "
            "netdesk asks for the passphrase each time it opens the file, unless you keep it "
            "in the system keyring.")
        warning = note_label(FORGOTTEN)
        warning.setObjectName("forgotten_warning")
        font = warning.font()
        font.setBold(True)
        warning.setFont(font)
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field, name in ((self.first, "New passphrase"), (self.second, "Passphrase again")):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.first)
        form.addRow("&Again:", self.second)
        self.problem = problem_label()
        self.understood = QCheckBox("I &understand that a forgotten passphrase cannot be "
                                    "recovered")
        self.understood.setAccessibleName("I understand that a forgotten passphrase cannot be "
                                          "recovered")
        self.understood.toggled.connect(self._update)
        self.remember_box = QCheckBox("&Remember in the system keyring")
        self.remember_box.setVisible(secrets.available())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.encrypt_button = QPushButton("&Encrypt")
        self.encrypt_button.setDefault(True)
        buttons.addButton(self.encrypt_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.encrypt_button.clicked.connect(self._accept)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.understood)
        layout.addWidget(self.remember_box)
        layout.addWidget(buttons)
        # Grow with the wrapped text and the problem shown, never clip them.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self._update()
        fit_to_screen(self)

    @property
    def remember(self) -> bool:
        return not self.remember_box.isHidden() and self.remember_box.isChecked()

    def problem_text(self) -> str:
        """What keeps the passphrase from being used, or "" when it can be."""
        first, second = self.first.text(), self.second.text()
        if not first:
            return ""
        if second and first != second:
            return "The two passphrases differ."
        if len(first) < 8 and second == first:
            return "Use at least 8 characters; a sentence of several words is easy to remember."
        return ""

    def _ready(self) -> bool:
        first = self.first.text()
        return (bool(first) and first == self.second.text() and not self.problem_text()
                and self.understood.isChecked())

    def _update(self) -> None:
        text = self.problem_text()
        self.problem.setText(text)
        if self.problem.isHidden() == bool(text):
            self.problem.setVisible(bool(text))
            self.adjustSize()
        self.encrypt_button.setEnabled(self._ready())

    def _accept(self) -> None:
        if self._ready():
            self.passphrase = self.first.text()
            self.accept()


class EncryptionActions(QObject):
    """Encrypts and decrypts the open database on behalf of the main window.

    ``get_db_path`` gives the open file's path, ``get_db`` its database (the one bound
    to the models by default); ``before_convert`` saves pending edits first.
    """

    converted = Signal(bool)
    """The file was converted: True when it is now encrypted."""

    def __init__(self, window: QWidget, get_db_path: Callable[[], Path], *,
                 get_db: Callable[[], object] | None = None,
                 before_convert: Callable[[], None] | None = None,
                 backup_root: Path | None = None):
        super().__init__(window)
        self.window = window
        self.get_db_path = get_db_path
        self.get_db = get_db or (lambda: database_proxy.obj)
        self.before_convert = before_convert
        self.backup_root = backup_root
        self.dialog: EncryptionDialog | None = None
        self.encrypt_action = make_action(
            window, "En&crypt This Database…", self.open_encrypt_dialog,
            tip="Encrypt this file and its backups with a passphrase")
        self.decrypt_action = make_action(
            window, "Remove E&ncryption…", self.remove_encryption,
            tip="Turn this encrypted file and its backups back into plain ones")
        self.update_actions()

    def actions(self) -> list:
        return [self.encrypt_action, self.decrypt_action]

    def update_actions(self) -> None:
        """Offer the one that applies: encrypt a plain file, decrypt an encrypted one. On a
        server, Encrypt This Database… says why it does not apply (when chosen, and in its
        status tip)."""
        encrypted = cipher.is_encrypted(self.get_db())
        self.encrypt_action.setVisible(not encrypted)
        self.decrypt_action.setVisible(encrypted)
        if self.on_server():
            self.encrypt_action.setStatusTip(file_only_reason("encryption"))

    def on_server(self) -> bool:
        """True when the open database is on a server: there is no file to encrypt."""
        return is_server(self.get_db())

    def _say_not_a_file(self, title: str) -> None:
        inform(self.window, title, file_only_reason("encryption"),
               "Encryption with a passphrase is for a database in a file on this computer.")

    def open_encrypt_dialog(self) -> EncryptionDialog | None:
        if self.on_server():
            self._say_not_a_file("Encrypt This Database")
            return None
        self.dialog = EncryptionDialog(self.get_db_path(), self.window)
        self.dialog.accepted.connect(
            lambda: self.encrypt(self.dialog.passphrase, remember=self.dialog.remember))
        self.dialog.open()
        return self.dialog

    def encrypt(self, passphrase: str, *, remember: bool = False) -> bool:
        path = self.get_db_path()
        if not self._convert(passphrase):
            return False
        kept = ""
        if remember:
            try:
                secrets.store(cipher.keyring_name(path), passphrase)
                kept = " The passphrase is kept in the system keyring."
            except secrets.NoKeyring as error:
                kept = f" The passphrase could not be kept in the keyring ({error})."
        inform(self.window, "Database encrypted",
               f"{path.name} and its backups are now encrypted.{kept}", FORGOTTEN)
        return True

    def remove_encryption(self) -> bool:
        if self.on_server():
            self._say_not_a_file("Remove Encryption")
            return False
        path = self.get_db_path()
        if not confirm(self.window, "Remove encryption",
                       f"Remove the encryption of {path.name}?", "&Remove Encryption",
                       "Anyone who can read the file, or one of its backups, can then read "
                       "your network. The file is backed up first."):
            return False
        if not self._convert(None):
            return False
        secrets.forget(cipher.keyring_name(path))
        inform(self.window, "Encryption removed",
               f"{path.name} and its backups are no longer encrypted.")
        return True

    def _convert(self, passphrase: str | None) -> bool:
        if self.on_server():
            self._say_not_a_file("Encrypt This Database")
            return False
        db, path = self.get_db(), self.get_db_path()
        if is_read_only(db):
            warn(self.window, "Not possible",
                 f"{path.name} is open for reading only, so it cannot be converted.",
                 "Your data is unchanged.")
            return False
        if self.before_convert is not None:
            self.before_convert()
        if passphrase:
            self._status("Encrypting… (the file is backed up first)")
        db.close()
        error = None
        try:
            cipher.convert(path, passphrase, backup_root=self.backup_root)
        except cipher.ConversionError as failure:
            error = failure
        finally:
            db.set_passphrase(None if cipher.has_plain_header(path)
                              else cipher.passphrase_for(path))
            db.connect()
        self.update_actions()
        if error is not None:
            warn(self.window, "Conversion failed", str(error), "Your data is unchanged.")
            return False
        self._status("Encrypted" if passphrase else "Encryption removed")
        self.converted.emit(bool(passphrase))
        return True

    def _status(self, text: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, 10000)


def encryption_actions(window: QWidget, get_db_path: Callable[[], Path], **kwargs) -> list:
    """File → Encrypt This Database… and File → Remove Encryption…, owned by ``window``
    (only the one that applies is visible)."""
    controller = EncryptionActions(window, get_db_path, **kwargs)
    window.encryption = controller
    return controller.actions()


def prepare_new_file(parent: QWidget, path: Path, *, run=None) -> bool:
    """File → New Database…: offer to encrypt the new file at ``path``, and, when chosen,
    create it encrypted now (its passphrase kept in the keyring when the user asked), for
    the netdesk that opens it next. False when the user cancelled. ``run(dialog)`` shows
    the dialog (tests drive it); by default it runs modally."""
    go_on, passphrase = _new_file_passphrase(parent, path, run)
    if not go_on or passphrase is None:
        return go_on
    from netdesk.db.database import DatabaseFileError, create_database

    try:
        create_database(path, passphrase)
    except DatabaseFileError as error:
        warn(parent, "New database", f"{path.name} could not be created.", error.reason)
        return False
    return True


def _new_file_passphrase(parent: QWidget, path: Path, run) -> tuple[bool, str | None]:
    from netdesk.ui.common.plain_messages import Button, ask

    answer = ask(parent, "New database",
                 f"Encrypt {path.name} with a passphrase?\n\n{FORGOTTEN}",
                 Button.Yes | Button.No | Button.Cancel, Button.No)
    if answer == Button.Cancel:
        return False, None
    if answer != Button.Yes:
        return True, None
    dialog = EncryptionDialog(path, parent, new_file=True)
    if run is None:
        dialog.exec()
    else:
        run(dialog)
    if dialog.passphrase is None:
        return False, None
    if dialog.remember:
        try:
            secrets.store(cipher.keyring_name(path), dialog.passphrase)
        except secrets.NoKeyring:
            pass
    return True, dialog.passphrase
