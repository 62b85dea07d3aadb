"""File → Export…: people to vCard or CSV, organizations to CSV, or the whole database to JSON."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.formats.importing import DEFAULT_SUFFIX, EXPORT_KINDS, FILE_FILTERS
from netdesk.ui.common.kind_actions import kind_actions
from netdesk.ui.common.screen import fit_to_screen, text_size

HELP = {
    "vcard": "Every person as a vCard 3.0 contact, for Google Contacts, Apple Contacts, "
             "Outlook or a phone.",
    "csv": "Every person as a row with every field, for a spreadsheet; further emails, "
           "phones and addresses as numbered columns. Photos are not included (export "
           "vCard or the whole database to keep them). Cells that a spreadsheet could run "
           "as a formula are written with a leading apostrophe.",
    "csv-organizations": "Every organization as a row, with how many of your people work "
                         "there.",
    "json": "Everything in this database (people, organizations, interviews, questions, "
            "the log…) in one file, to keep or to move to another computer. File → Import "
            "reads it back into an empty database.",
}
SETTINGS_FOLDER = "export/last_folder"


class ExportDialog(QDialog):
    """Choose what to export and where; the file is written whole or not at all."""

    exported = Signal(str, int)
    """The file written and how many items it holds."""

    def __init__(self, parent=None, kind: str = "vcard"):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.kind = QComboBox()
        for key, label in EXPORT_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setAccessibleName("What to export")
        self.help = QLabel()
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setAccessibleName("File to write")
        self.path.setPlaceholderText("Choose where to save…")
        self.path.setClearButtonEnabled(True)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to save")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Export result")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        kind_label = QLabel("&What:")
        kind_label.setBuddy(self.kind)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(kind_label, self.kind)
        form.addRow("", self.help)
        form.addRow(file_label, file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.path.textChanged.connect(self._update_button)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._kind_changed()
        self._update_button()
        fit_to_screen(self, text_size(self, 80, 15))

    def current_kind(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.help.setText(HELP[kind])
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(DEFAULT_SUFFIX[kind])))
        self.message.clear()

    def _update_button(self) -> None:
        self.export_button.setEnabled(bool(self.path.text().strip()))
        self.message.clear()

    def choose_file(self) -> None:
        settings = QSettings()
        kind = self.current_kind()
        folder = Path(str(settings.value(SETTINGS_FOLDER, str(Path.home()))))
        suggested = folder / ("netdesk-organizations" if kind == "csv-organizations"
                              else "netdesk-people" if kind != "json" else "netdesk-database")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export to", str(suggested.with_suffix(DEFAULT_SUFFIX[kind])),
            f"{FILE_FILTERS[kind]};;All files (*)")
        if name:
            self.path.setText(name)
            settings.setValue(SETTINGS_FOLDER, str(Path(name).parent))

    def export(self) -> bool:
        """Write the file; report the result in the dialog (it stays open to show it)."""
        from netdesk.formats.exporting import export_file

        text = self.path.text().strip()
        if not text:
            return False
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_suffix(DEFAULT_SUFFIX[self.current_kind()])
        if path.is_dir():
            self.message.setText(f"{path} is a folder; give a file name.")
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count, what = export_file(self.current_kind(), path)
        except OSError as error:
            self.message.setText(f"Could not write {path}: {error.strerror or error}. "
                                 "Nothing was written.")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.message.setText(f"Exported {count} {what} to {path}.")
        self.exported.emit(str(path), count)
        return True


def export_actions(parent: QWidget, open_dialog) -> list[QAction]:
    """File → Export submenu: one action per kind; ``open_dialog(kind)`` shows the dialog."""
    actions = kind_actions(parent, EXPORT_KINDS, "Export {what} to a file", open_dialog)
    actions[0].setShortcut(QKeySequence("Ctrl+Shift+E"))
    return actions
