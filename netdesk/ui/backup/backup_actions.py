"""File → Back Up Now and File → Restore from Backup…: the actions and the restore dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase
from PySide6.QtCore import QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.db import backup as backups
from netdesk.db import cipher, integrity
from netdesk.db.database import is_read_only, migrate, read_only_reason
from netdesk.db.dialect import is_server
from netdesk.db.models import database_proxy
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_messages import confirm, inform, warn
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.shell.server_start import file_only_reason


def backup_actions(
    window: QWidget,
    get_db_path: Callable[[], Path],
    *,
    before_restore: Callable[[], None] | None = None,
    backup_root: Path | None = None,
) -> list[QAction]:
    """The two File-menu actions, owned by ``window``: Back Up Now, Restore from Backup…."""
    controller = BackupActions(window, get_db_path, before_restore=before_restore,
                               backup_root=backup_root)
    return [controller.back_up_action, controller.restore_action]


class BackupActions(QObject):
    """Backs up and restores the open database on behalf of the main window.

    ``get_db_path`` gives the open file's path; ``get_db`` its peewee database
    (the one bound to the models by default). ``before_restore`` runs before a
    restore replaces the data, e.g. to save an editor's pending changes.
    """

    backed_up = Signal(object)
    """A backup was made (the :class:`~netdesk.db.backup.Backup`)."""
    restored = Signal(object)
    """The open database now holds the given backup's data."""

    def __init__(
        self,
        window: QWidget,
        get_db_path: Callable[[], Path],
        *,
        get_db: Callable[[], SqliteDatabase] | None = None,
        before_restore: Callable[[], None] | None = None,
        backup_root: Path | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.get_db_path = get_db_path
        self.get_db = get_db or (lambda: database_proxy.obj)
        self.before_restore = before_restore
        self.backup_root = backup_root
        self.back_up_action = QAction("&Back Up Now", window)
        self.back_up_action.setStatusTip("Save a copy of this database in the backup folder now")
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction("&Restore from Backup…", window)
        self.restore_action.setStatusTip(
            "Replace this database with one of its backups (the current state is backed up first)")
        self.restore_action.triggered.connect(self.open_restore_dialog)
        if self.on_server():  # said when chosen: the File menu keeps its shape
            for action in (self.back_up_action, self.restore_action):
                action.setStatusTip(file_only_reason("backup"))

    def on_server(self) -> bool:
        """True when the open database is on a server, which backs itself up."""
        return is_server(self.get_db())

    def _say_server_backs_up(self, title: str) -> None:
        inform(self.window, title, file_only_reason("backup"),
               "File → Restore from Backup… and the daily backup are for a database in a file "
               "on this computer.")

    def back_up_now(self) -> backups.Backup | None:
        if self.on_server():
            self._say_server_backs_up("Back Up Now")
            return None
        try:
            made = backups.backup_now(self.get_db(), "manual", db_path=self.get_db_path(),
                                      root=self.backup_root)
        except backups.BackupError as error:
            warn(self.window, "Backup failed", f"The database could not be backed up.\n{error}",
                 "Your data is unchanged.")
            return None
        self._status(f"Backed up to {made.path}")
        self.backed_up.emit(made)
        return made

    def open_restore_dialog(self) -> RestoreDialog | None:
        if self.on_server():
            self._say_server_backs_up("Restore from Backup")
            return None
        dialog = RestoreDialog(self.get_db_path(), backup_root=self.backup_root,
                               parent=self.window)
        dialog.restore_requested.connect(lambda chosen: self.restore(chosen, dialog))
        dialog.open()
        return dialog

    def restore(self, chosen: backups.Backup, dialog: QDialog | None = None) -> bool:
        """Back up the current state, then put ``chosen`` in its place; True when done."""
        db_path = self.get_db_path()
        when = when_taken(chosen)
        if is_read_only(self.get_db()):
            warn(self.window, "Restore not possible",
                 f"{db_path.name} is open for reading only, so no backup can be restored "
                 f"into it.\n{read_only_reason(self.get_db())}", "Your data is unchanged.")
            return False
        if not confirm(self.window, "Restore from backup",
                       f"Replace the data in {db_path.name} with the backup taken {when}?",
                       "&Restore", "Changes made since then are undone. The current state is "
                       "backed up first, so this restore can itself be undone."):
            return False
        if self.before_restore is not None:
            self.before_restore()
        db = self.get_db()
        try:
            safety = backups.backup_now(db, "restore", db_path=db_path, root=self.backup_root)
        except backups.BackupError as error:
            warn(self.window, "Restore cancelled",
                 f"The current state could not be backed up, so nothing was restored.\n{error}")
            return False
        try:
            backups.restore_into(db, chosen)
            migrate(db, db_path)
        except backups.BackupError as error:
            warn(self.window, "Restore failed", str(error), "Your data is unchanged.")
            return False
        if dialog is not None:
            dialog.accept()
        publish(Changes.all(), self)
        self.restored.emit(chosen)
        self._status(f"Restored the backup taken {when}")
        inform(self.window, "Backup restored",
               f"The database now holds the backup taken {when}.",
               f"The state before restoring was saved as {safety.path.name}; "
               "restore that one to undo.")
        return True

    def _status(self, text: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, 10000)


class RestoreDialog(QDialog):
    """Lists the backups of one file, newest first, and asks for one to restore."""

    restore_requested = Signal(object)
    """The user chose this :class:`~netdesk.db.backup.Backup`."""

    COLUMNS = ("Taken", "Why", "People", "Size")

    def __init__(self, db_path: Path, *, backup_root: Path | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.folder = backups.backup_folder(self.db_path, backup_root)
        self.backups = backups.list_backups(self.db_path, backup_root)
        self.setWindowTitle("Restore from Backup")
        fit_to_screen(self, text_size(self, 88, 22))

        intro = QLabel(f"Backups of {self.db_path}")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setAccessibleName("Backups")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels(self.COLUMNS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        locale = QLocale()
        for backup in self.backups:
            item = QTreeWidgetItem([
                when_taken(backup),
                backup.description,
                _people(backup.path),
                locale.formattedDataSize(backup.size),
            ])
            for column in (2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        self.empty_label = QLabel("No backups of this file yet. File → Back Up Now makes one; "
                                  "netdesk also makes one every day it starts.")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        note = QLabel("The current state is backed up before anything is restored.")
        note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.folder_button = QPushButton("Open Backup &Folder")
        self.folder_button.setAccessibleName("Open the backup folder")
        self.folder_button.setEnabled(self.folder.exists())
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._request)
        self.folder_button.clicked.connect(self._open_folder)
        self.table.itemDoubleClicked.connect(lambda *_: self._request())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        if self.backups:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._update_buttons()

    def selected(self) -> backups.Backup | None:
        rows = [self.table.indexOfTopLevelItem(i) for i in self.table.selectedItems()]
        return self.backups[rows[0]] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _request(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore_requested.emit(chosen)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


def when_taken(backup: backups.Backup) -> str:
    """The backup's time in the user's language, e.g. “Sun 29 Nov 2026, 14:03”."""
    return QLocale().toString(backup.taken, "ddd d MMM yyyy, HH:mm")


def _people(path: Path) -> str:
    """How many people a backup holds, read without checking the whole file (that comes later)."""
    try:
        with integrity.reading(path) as raw:  # with the file's passphrase, if it has one
            return str(raw.execute("SELECT count(*) FROM person").fetchone()[0])
    except (*cipher.errors(), OSError):
        return "?"
