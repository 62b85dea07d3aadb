"""The passphrase of an encrypted file, asked before the main window: three tries, and the
choice to keep it in the system keyring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk import secrets
from netdesk.db import cipher
from netdesk.ui.common.plain_messages import critical
from netdesk.ui.common.plain_text import note_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, text_size

TRIES = 3


class PassphraseDialog(QDialog):
    """Asks for the passphrase of ``db_path`` until it opens the file, at most three times.

    Attributes once it has closed:
        passphrase: the passphrase that opened the file (accepted), else None.
        tries: how many wrong passphrases were typed.
        remember: whether the user chose to keep it in the system keyring.
    """

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.passphrase: str | None = None
        self.tries = 0
        self.setWindowTitle("Encrypted database")
        self.setAccessibleName("Passphrase of the encrypted database")

        intro = note_label(f"{self.db_path.name} is encrypted. Type its passphrase to open it.\n"
                           f"{self.db_path}")
        intro.setMinimumWidth(text_size(self, 72, 0).width())
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.field.setPlaceholderText("Passphrase")
        self.problem = problem_label()
        self.problem.hide()
        self.remember_box = QCheckBox("&Remember in the system keyring")
        self.remember_box.setToolTip("netdesk then opens this file without asking; anyone who "
                                     "can unlock your keyring can open it too")
        self.remember_box.setVisible(secrets.available())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = QPushButton("&Open")
        self.open_button.setDefault(True)
        self.open_button.setEnabled(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.try_passphrase)
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(self.remember_box)
        layout.addWidget(buttons)
        # Grow with the wrapped text and the problem shown, never clip them.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        fit_to_screen(self)

    @property
    def remember(self) -> bool:
        return not self.remember_box.isHidden() and self.remember_box.isChecked()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.try_passphrase()  # Enter tries the passphrase, whichever button has focus
            return
        super().keyPressEvent(event)

    @property
    def failed(self) -> bool:
        """True once three wrong passphrases were typed."""
        return self.tries >= TRIES

    def try_passphrase(self) -> bool:
        """Try the passphrase typed; accept when it opens the file, else say so (and give
        up after the third wrong one)."""
        typed = self.field.text()
        if not typed:
            return False
        if cipher.opens_with(self.db_path, typed):
            self.passphrase = typed
            self.accept()
            return True
        self.tries += 1
        self.field.clear()
        if self.failed:
            self.reject()
            return False
        left = TRIES - self.tries
        self.problem.setText(f"That passphrase does not open this file. Capitals count. "
                             f"{left} {'try' if left == 1 else 'tries'} left.")
        self.problem.show()
        self.adjustSize()
        self.field.setFocus()
        return False


def unlock(db_path: Path, parent: QWidget | None = None, *, run=None) -> bool:
    """Make the passphrase of the encrypted file ``db_path`` known before it is opened.

    True when the file needs none (a plain file, or one whose passphrase is known), or its
    passphrase was found: first the keyring's, tried silently (one that no longer opens
    the file is forgotten), else the one typed in :class:`PassphraseDialog`. False when
    the user gave up or typed three wrong ones (then told so): do not open the file, and
    never offer to replace it by a backup (it may be sound, with another passphrase).

    ``run(dialog)`` shows the dialog and returns when it has closed (tests drive it);
    by default it is run modally.
    """
    db_path = Path(db_path).expanduser().resolve()
    if cipher.passphrase_for(db_path) is not None or not cipher.could_be_encrypted(db_path):
        return True
    name = cipher.keyring_name(db_path)
    stored = secrets.load(name)
    if stored:
        if cipher.opens_with(db_path, stored):
            cipher.use_passphrase(db_path, stored)
            return True
        secrets.forget(name)
    dialog = PassphraseDialog(db_path, parent)
    if run is None:
        dialog.exec()
    else:
        run(dialog)
    if dialog.passphrase is None:
        if dialog.failed:
            critical(parent, "Wrong passphrase, or not a netdesk file",
                     f"{TRIES} passphrases did not open {db_path.name}: it is encrypted with "
                     "another passphrase, or it is not a netdesk file.",
                     "The file was left as it was. A forgotten passphrase cannot be recovered; "
                     "if you have a backup of the file from before it was encrypted, open "
                     "that one.")
        return False
    cipher.use_passphrase(db_path, dialog.passphrase)
    if dialog.remember:
        try:
            secrets.store(name, dialog.passphrase)
        except secrets.NoKeyring:
            pass  # then it is asked for at the next start, as without the tick
    return True
