"""People → Export Everything About…: one person's data, for their request to see it, as a
folder or a zip file (their vCard, a JSON of every row that names them, a README)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.db.models import Person
from netdesk.formats.subject_access import default_name, export_about
from netdesk.ui.common.plain_text import note_label, plain_label
from netdesk.ui.common.screen import fit_to_screen, text_size

SETTINGS_FOLDER = "export/last_folder"


class ExportAboutDialog(QDialog):
    """Choose folder or zip and where; ``exported`` says where it went."""

    exported = Signal(str)

    def __init__(self, person_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.person_id = person_id
        name = Person.get_by_id(person_id).full_name
        self.setWindowTitle("Export Everything About")
        self.setAccessibleName("Export Everything About")
        self.about = note_label(
            f"Everything netdesk holds about {name}, for their request to see it: their "
            "contact card (vCard), every record that names them (JSON: details, interviews "
            "with questions and notes, the log, follow-ups, referrals both ways, "
            "introductions, career fields, tags, record source and consent) and a README.")
        self.as_zip = QRadioButton("One &zip file")
        self.as_folder = QRadioButton("A f&older of files")
        self.as_zip.setChecked(True)
        shape = QHBoxLayout()
        shape.addWidget(self.as_zip)
        shape.addWidget(self.as_folder)
        shape.addStretch(1)
        self.path = QLineEdit()
        self.path.setAccessibleName("Where to write")
        folder = Path(str(QSettings().value(SETTINGS_FOLDER, str(Path.home()))))
        self.path.setText(str(folder / default_name(person_id, True)))
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to write")
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Export result")
        form = QFormLayout()
        form.addRow("As:", shape)
        where = QLabel("&Where:")
        where.setBuddy(self.path)
        form.addRow(where, row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.as_zip.toggled.connect(self._shape_changed)
        fit_to_screen(self, text_size(self, 80, 14))

    def _shape_changed(self, zipped: bool) -> None:
        text = self.path.text().strip()
        if not text:
            return
        path = Path(text)
        if zipped and path.suffix.casefold() != ".zip":
            self.path.setText(str(path.with_name(path.name + ".zip")))
        elif not zipped and path.suffix.casefold() == ".zip":
            self.path.setText(str(path.with_suffix("")))

    def choose(self) -> None:
        start = self.path.text().strip() or str(Path.home())
        if self.as_zip.isChecked():
            name, _ = QFileDialog.getSaveFileName(self, "Export to", start,
                                                  "Zip files (*.zip);;All files (*)")
        else:
            name = QFileDialog.getExistingDirectory(self, "Export into", str(Path(start).parent))
            if name:
                name = str(Path(name) / default_name(self.person_id, False))
        if name:
            self.path.setText(name)

    def target(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if self.as_zip.isChecked() and path.suffix.casefold() != ".zip":
            path = path.with_name(path.name + ".zip")
        return path

    def export(self) -> bool:
        """Write it; the result is said in the dialog, which stays open to show it."""
        path = self.target()
        if path is None:
            self.message.setText("Give where to write it.")
            return False
        if self.as_zip.isChecked() and path.is_dir():
            self.message.setText(f"{path} is a folder; give a file name ending in .zip.")
            return False
        if not self.as_zip.isChecked() and path.exists() and not path.is_dir():
            self.message.setText(f"{path} is a file; give a folder name.")
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_about(self.person_id, path)
        except OSError as error:
            self.message.setText(f"Could not write {path}: {error.strerror or error}. "
                                 "Nothing was written.")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        QSettings().setValue(SETTINGS_FOLDER, str(path.parent))
        rows = sum(written.counts.values())
        self.message.setText(f"Written to {path}: their card and {rows} records.")
        self.exported.emit(str(path))
        return True
