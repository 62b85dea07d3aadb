"""Sync passwords: from the system keyring, or asked and held in memory for this session only.

Nothing here writes a password to the database, the settings or a log. Where no keyring
exists, the password the person types is kept in this process until it quits (and dropped
when the server refuses it), so netdesk asks once per session, not once per sync.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from netdesk import secrets
from netdesk.ui.common.plain_text import note_label, plain_label
from netdesk.ui.common.screen import fit_to_screen, text_size

_session: dict[int, str] = {}
"""Account id → the password typed this session (never written anywhere)."""

NO_KEYRING_NOTE = ("No system keyring is available on this computer, so netdesk does not "
                   "keep the password: it asks for it once each time netdesk starts.")


def _key(account_id: int) -> str:
    from netdesk.sync.accounts import password_key

    return password_key(account_id)


def known_password(account_id: int) -> str | None:
    """The password for ``account_id`` without asking: this session's, else the keyring's."""
    if account_id in _session:
        return _session[account_id]
    return secrets.load(_key(account_id))


def keep_password(account_id: int, password: str, *, remember: bool) -> str:
    """Hold ``password`` for the session, and in the keyring when ``remember`` and one
    exists; what was done, in words ("" when all went as asked)."""
    _session[account_id] = password
    if remember and secrets.available():
        try:
            secrets.store(_key(account_id), password)
        except secrets.NoKeyring as error:
            return f"The password is kept only until netdesk quits: {error}."
    return ""


def forget_password(account_id: int, *, keyring: bool = True) -> None:
    """Drop the password held for ``account_id`` (and the keyring's, with ``keyring``)."""
    _session.pop(account_id, None)
    if keyring:
        secrets.forget(_key(account_id))


def forget_session() -> None:
    """Forget every password typed this session (tests; a window over another file)."""
    _session.clear()


class PasswordDialog(QDialog):
    """Asks for one account's password; ``password_given(password, remember)`` on OK."""

    def __init__(self, server: str, user: str, parent=None, *, refused: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Sync password")
        if refused:
            text = (f"The server {server} refused the password for {user}. "
                    "Enter it again to sync.")
        else:
            text = f"Enter the password for {user} on {server} to sync."
        self.message = note_label(text)
        self.message.setAccessibleName("Why the password is asked")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.remember = QCheckBox("&Remember in the system keyring")
        self.remember.setAccessibleName("Remember the password in the system keyring")
        form = QFormLayout()
        label = plain_label("&Password:")
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        if secrets.available():
            self.remember.setChecked(True)
            form.addRow("", self.remember)
        else:
            self.remember.setChecked(False)
            self.remember.hide()
            note = note_label(NO_KEYRING_NOTE)
            note.setAccessibleName("No keyring")
            form.addRow(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sync")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        fit_to_screen(self, text_size(self, 64, 10))

    def given(self) -> tuple[str, bool]:
        return self.password.text(), self.remember.isChecked()


def ask_password(parent, account, then: Callable[[str], None], *, refused: bool = False,
                 on_cancel: Callable[[], None] | None = None) -> PasswordDialog:
    """Open the password dialog for ``account`` (never blocking); ``then(password)`` once
    given, after it is held for the session (and in the keyring when asked)."""
    dialog = PasswordDialog(server_name(account.url), account.user, parent, refused=refused)

    def accepted() -> None:
        password, remember = dialog.given()
        keep_password(account.id, password, remember=remember)
        then(password)

    dialog.accepted.connect(accepted)
    if on_cancel is not None:
        dialog.rejected.connect(on_cancel)
    dialog.open()
    return dialog


def server_name(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
