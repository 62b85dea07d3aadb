"""Shown when a file cannot be opened: restore the newest good backup, open another, or quit.

Restoring is offered only for real damage (``integrity.RESTORABLE``); for a file
that is locked, on a full disk, forbidden or read-only the dialog says what to do
and offers to try again. The file is never overwritten or deleted: restoring
renames it aside (``NAME.damaged-YYYYMMDD-HHMMSS.EXT``) and puts a copy of the
backup in its place, and a file that passes the checks is never moved aside.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from netdesk.db import backup as backups
from netdesk.db import integrity
from netdesk.ui.common.plain_messages import critical
from netdesk.ui.common.plain_text import note_label
from netdesk.ui.common.screen import fit_to_screen, text_size

FILE_FILTER = "netdesk databases (*.sqlite3 *.db);;All files (*)"


class Recovery(enum.Enum):
    """What the user chose."""

    RESTORED = "restored"
    RETRY = "retry"
    OTHER_FILE = "other_file"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Explain why ``db_path`` cannot be opened and offer the ways on.

    Attributes after the dialog closes:
        choice: a :class:`Recovery`.
        chosen_path: the other file picked (``OTHER_FILE``).
        kept_aside: where the damaged file now is (``RESTORED``), or None.
        backup: the newest good backup offered, or None.
    """

    def __init__(
        self,
        db_path: Path,
        reason: str,
        kind: str = integrity.DAMAGED,
        *,
        backup_root: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.choice = Recovery.QUIT
        self.chosen_path: Path | None = None
        self.kept_aside: Path | None = None
        self.backup = (
            backups.newest_good_backup(self.db_path, backup_root)
            if kind in integrity.RESTORABLE else None
        )
        self.setWindowTitle("netdesk cannot open this file")
        self.setAccessibleName("Database cannot be opened")
        self.setMinimumWidth(text_size(self, 75, 0).width())
        self._build(reason, kind)
        fit_to_screen(self)

    def _build(self, reason: str, kind: str) -> None:
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = note_label("netdesk cannot open this file:")
        heading.setStyleSheet("font-weight: bold;")
        self.path_label = note_label(str(self.db_path))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setAccessibleName("File")
        self.reason_label = note_label(_sentence(reason) + " The file has not been changed.")
        self.reason_label.setAccessibleName("Reason")
        self.backup_label = note_label(self._backup_text(kind))
        self.backup_label.setAccessibleName("Backup")

        text = QVBoxLayout()
        for label in (heading, self.path_label, self.reason_label):
            text.addWidget(label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        text.addWidget(line)
        text.addWidget(self.backup_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore Backup")
        self.restore_button.setAccessibleName("Restore the newest good backup")
        self.restore_button.setToolTip("Put the newest good backup in place of this file; "
                                       "the file is kept beside it, renamed")
        self.retry_button = QPushButton("&Try Again")
        self.retry_button.setAccessibleName("Try opening the file again")
        self.retry_button.setToolTip("Once the trouble is fixed, open this file again")
        self.other_button = QPushButton("&Open Another File…")
        self.other_button.setAccessibleName("Open another file")
        self.quit_button = QPushButton("&Quit")
        self.quit_button.setAccessibleName("Quit netdesk")
        can_retry = kind in integrity.TRANSIENT
        if self.backup is not None:
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if can_retry:
            buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore)
        self.retry_button.clicked.connect(self.retry)
        self.other_button.clicked.connect(self.open_other)
        self.quit_button.clicked.connect(self.reject)
        default = (self.restore_button if self.backup is not None else
                   self.retry_button if can_retry else self.other_button)
        default.setDefault(True)
        default.setFocus()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def _backup_text(self, kind: str) -> str:
        if kind not in integrity.RESTORABLE:
            remedy = integrity.REMEDIES.get(kind, "")
            return (f"{remedy} Restoring a backup would not help here: the file is not "
                    "damaged.").strip()
        if self.backup is None:
            return "No good backup of this file was found. Open another file, or quit."
        report = integrity.inspect_file(self.backup.path)
        when = QLocale().toString(self.backup.taken, "dddd d MMMM yyyy, HH:mm")
        people = "" if report.people is None else (
            f", {report.people} {'person' if report.people == 1 else 'people'}")
        aside = f"{self.db_path.stem}.damaged-DATE-TIME{self.db_path.suffix}"
        return (f"Newest good backup: {when} ({self.backup.description}{people}, "
                f"{QLocale().formattedDataSize(self.backup.size)}).\n"
                f"Restoring it keeps this file beside it as “{aside}”; "
                "changes made after the backup are not in it.")

    def restore(self) -> None:
        """Put the backup in place, the damaged file aside; close on success."""
        if self.backup is None:
            return
        try:
            self.kept_aside = backups.restore_to_path(self.backup, self.db_path)
        except backups.BackupError as error:
            critical(self, "Restore failed", f"{error}\n\nNothing was changed.")
            return
        self.choice = Recovery.RESTORED
        self.accept()

    def retry(self) -> None:
        """Close, so that start-up opens the same file again."""
        self.choice = Recovery.RETRY
        self.accept()

    def open_other(self) -> None:
        """Ask for another file; close when one was picked."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Open netdesk database", str(self.db_path.parent), FILE_FILTER)
        if not name:
            return
        self.chosen_path = Path(name)
        self.choice = Recovery.OTHER_FILE
        self.accept()

    def reject(self) -> None:
        if self.choice not in (Recovery.RESTORED, Recovery.RETRY) and self.chosen_path is None:
            self.choice = Recovery.QUIT
        super().reject()


def _sentence(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        return ""
    reason = reason[0].upper() + reason[1:]
    return reason if reason.endswith(".") else reason + "."
