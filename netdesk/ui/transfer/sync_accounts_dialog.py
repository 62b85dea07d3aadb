"""File → Sync Accounts…: the servers netdesk syncs with, when each last synced and how it went;
add one, remove one, or sync now."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from netdesk.ui.common.line_edits import no_auto_default
from netdesk.ui.common.plain_messages import confirm
from netdesk.ui.common.plain_text import note_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.wording import short_date
from netdesk.ui.transfer import sync_passwords
from netdesk.ui.transfer.sync_passwords import server_name

COLUMNS = ("Server", "User", "Address book", "Calendar", "Syncs", "Last synced", "Result")


def _collection(url: str | None) -> str:
    if not url:
        return "—"
    parts = [part for part in url.split("/") if part]
    return parts[-1] if parts else url


def last_synced_text(when: datetime.datetime | None) -> str:
    if when is None:
        return "Never"
    local = when.astimezone() if when.tzinfo else when
    return f"{short_date(local)} {local:%H:%M}"


def interval_text(minutes: int) -> str:
    if minutes <= 0:
        return "Manually"
    if minutes % 60 == 0:
        hours = minutes // 60
        return "Every hour" if hours == 1 else f"Every {hours} hours"
    return f"Every {minutes} min"


class SyncAccountsDialog(QDialog):
    """The list of sync accounts and what can be done with them.

    Attributes:
        sync: the window's :class:`~netdesk.ui.transfer.sync_actions.SyncActions`.
        table: one row per account (the account id in the first column's UserRole).
        wizard: the Add Sync Account wizard, while open.
    """

    def __init__(self, sync, parent=None):
        super().__init__(parent)
        self.sync = sync
        self.wizard = None
        self.settings: AccountSettingsDialog | None = None
        self.setWindowTitle("Sync Accounts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.intro = note_label(
            "netdesk syncs your people with an address book, and your interviews and "
            "follow-ups with a calendar, on a CardDAV / CalDAV server your phone also uses.")
        self.table = QTreeWidget()
        self.table.setAccessibleName("Sync accounts")
        self.table.setHeaderLabels(COLUMNS)
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAllColumnsShowFocus(True)
        self.table.header().setStretchLastSection(True)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = note_label("No accounts yet. Choose Add… to sync with a server.")
        self.empty.setAccessibleName("No accounts")
        self.add_button = QPushButton("&Add…")
        self.add_button.setToolTip("Add a server to sync with")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setToolTip("Stop syncing with the selected server (your people "
                                      "stay, here and on the server)")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setToolTip("Change which people sync with the selected server, and "
                                    "how often")
        self.sync_button = QPushButton("&Sync Now")
        self.sync_button.setToolTip("Sync the selected account now")
        for button in (self.add_button, self.edit_button, self.remove_button,
                       self.sync_button):
            no_auto_default(button)
        self.add_button.clicked.connect(self.add_account)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.sync_button.clicked.connect(self.sync_selected)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button,
                       self.sync_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        lists = QVBoxLayout()
        lists.addWidget(self.table, 1)
        lists.addWidget(self.empty)
        middle.addLayout(lists, 1)
        middle.addLayout(side)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        sync.account_synced.connect(self.reload)
        sync.running_changed.connect(self._update_buttons)
        self.reload()
        fit_to_screen(self, text_size(self, 120, 20))

    def reload(self, *_args) -> None:
        selected = self.selected_id()
        self.table.clear()
        for account in self.sync._accounts():
            item = QTreeWidgetItem([
                server_name(account.url), account.user, _collection(account.addressbook_url),
                _collection(account.calendar_url), interval_text(account.interval_minutes),
                last_synced_text(account.last_synced), account.last_result or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, account.id)
            item.setToolTip(0, tooltip(account.url))
            item.setToolTip(6, tooltip(account.last_result or ""))
            if account.tags:
                item.setToolTip(1, tooltip("People with the tags " + ", ".join(account.tags)))
            self.table.addTopLevelItem(item)
            if account.id == selected or selected is None and self.table.topLevelItemCount() == 1:
                item.setSelected(True)
                self.table.setCurrentItem(item)
        count = self.table.topLevelItemCount()
        self.empty.setVisible(count == 0)
        self._update_buttons()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def select(self, account_id: int) -> None:
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item.data(0, Qt.ItemDataRole.UserRole) == account_id:
                self.table.setCurrentItem(item)
                item.setSelected(True)

    def _update_buttons(self, *_args) -> None:
        chosen = self.selected_id() is not None
        read_only = bool(getattr(self.sync.window, "read_only", False))
        run = self.sync.run
        running = run is not None and run.account.id == self.selected_id()
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(chosen and not read_only and not running)
        self.edit_button.setEnabled(chosen and not read_only)
        self.sync_button.setEnabled(chosen and not read_only)

    def add_account(self):
        from netdesk.ui.transfer.sync_account_wizard import SyncAccountWizard

        if self.wizard is not None:
            self.wizard.raise_()
            return self.wizard
        wizard = self.wizard = SyncAccountWizard(self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.account_added.connect(self._added)
        wizard.finished.connect(self._wizard_closed)
        wizard.open()
        return wizard

    def _wizard_closed(self, *_args) -> None:
        self.wizard = None

    def _added(self, account) -> None:
        self.reload()
        self.select(account.id)
        kept = getattr(self.sender(), "kept", "")
        message = f"Added {server_name(account.url)}. Choose Sync Now to sync it."
        self.sync.window.statusBar().showMessage(f"{message} {kept}".strip(), 10000)

    def remove_selected(self) -> bool:
        from netdesk.sync.accounts import remove_account

        account_id = self.selected_id()
        account = next((a for a in self.sync._accounts() if a.id == account_id), None)
        if account is None:
            return False
        if not confirm(self, "Remove sync account?",
                       f"Stop syncing with {server_name(account.url)} as {account.user}?",
                       "&Remove",
                       "Your people stay in netdesk and on the server; netdesk forgets the "
                       "password and what it had synced."):
            return False
        if account.id in self.sync.queue:
            self.sync.queue.remove(account.id)
        remove_account(account.id)
        sync_passwords.forget_password(account.id)
        self.reload()
        return True

    def edit_selected(self) -> AccountSettingsDialog | None:
        account = next((a for a in self.sync._accounts() if a.id == self.selected_id()), None)
        if account is None:
            return None
        dialog = self.settings = AccountSettingsDialog(account, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def sync_selected(self) -> None:
        account_id = self.selected_id()
        if account_id is not None:
            self.sync.sync_account(account_id)


class AccountSettingsDialog(QDialog):
    """Which people sync with one account, and how often."""

    def __init__(self, account, parent=None):
        from netdesk.ui.transfer.sync_account_wizard import PeoplePage

        super().__init__(parent)
        self.account = account
        self.setWindowTitle(f"Sync with {server_name(account.url)}")
        self.page = PeoplePage()
        self.page.show_settings(account.tags, account.interval_minutes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.page.completeChanged.connect(self._complete)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(f"{account.user} on {account.url}"))
        layout.addWidget(self.page, 1)
        layout.addWidget(self.buttons)
        self._complete()
        fit_to_screen(self, text_size(self, 70, 27))

    def _complete(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            self.page.isComplete())

    def save(self) -> None:
        from netdesk.sync.accounts import update_account
        from netdesk.sync.errors import SyncError

        try:
            update_account(self.account.id, tags=self.page.chosen_tags(),
                           interval_minutes=self.page.interval())
        except SyncError as error:
            self.page.problem.setText(str(error))
            return
        self.accept()
