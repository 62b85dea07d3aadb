"""The import wizard's pages for the file, the column mapping and the result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.db.models import RELATIONSHIPS
from netdesk.formats.importing import FILE_FILTERS, IMPORT_KINDS, guess_kind, read_people
from netdesk.formats.records import FormatError
from netdesk.formats.textfile import ENCODINGS
from netdesk.ui.common.plain_text import note_label, plain_label
from netdesk.ui.common.screen import scroll_body
from netdesk.ui.transfer.import_command import is_undoable

if TYPE_CHECKING:
    from netdesk.ui.transfer.import_dialog import ImportWizard


HELP = {
    "linkedin": (
        "On LinkedIn, open Settings → Data privacy → Get a copy of your data, and ask for "
        "Connections. LinkedIn e-mails you an archive: choose the Connections.csv inside it. "
        "Company becomes the organization, Position the job title, and Connected On the "
        "first entry in each person's log."),
    "vcard": (
        "Export contacts as a vCard (.vcf) file from Google Contacts (Export → vCard), "
        "Apple Contacts (File → Export → Export vCard) or Outlook, then choose that file."),
    "csv": (
        "Any spreadsheet saved as CSV, with one person per row and column titles in the "
        "first row. On the next page you say which column holds what."),
    "json": (
        "A whole netdesk database saved with File → Export → Whole netdesk database. It can "
        "only be imported into an empty database: create a new file first."),
}
SETTINGS_FOLDER = "import/last_folder"


def page_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """Plain text for a page: a wrapping note, or one line when ``wrap`` is False."""
    return note_label(text) if wrap else plain_label(text)


class ErrorLine(QWidget):
    """An icon and a plain-text message, hidden while there is nothing to say."""

    def __init__(self):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = page_label()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Problem")
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))


class SourcePage(QWizardPage):
    """Which kind of file, which file, its encoding, and how the user knows these people."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Import people")
        self.setSubTitle("Bring in the people you already know. Nothing is saved until you "
                         "have seen the preview and pressed Import.")
        self.setAcceptDrops(True)
        self.kind = QComboBox()
        for key, label in IMPORT_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setAccessibleName("Kind of file")
        self.help = page_label()
        self.help.setAccessibleName("How to get this file")
        self.path = QLineEdit()
        self.path.setPlaceholderText("Choose a file…")
        self.path.setAccessibleName("File to import")
        self.path.setClearButtonEnabled(True)
        self.browse = QPushButton("&Browse…")
        self.browse.setAccessibleName("Browse for the file")
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.encoding = QComboBox()
        self.encoding.addItem("Automatic (UTF-8, or a guess shown in the preview)", None)
        for codec, label in ENCODINGS.items():
            if codec != "utf-8":
                self.encoding.addItem(label, codec)
        self.encoding.setAccessibleName("Text encoding of the file")
        self.encoding.setToolTip("Change this only when names look wrong or the file is refused "
                                 "as not UTF-8 (older Excel and Outlook files are often "
                                 "Windows-1252).")
        self.relationship = QComboBox()
        for word, label in RELATIONSHIP_LABELS.items():
            self.relationship.addItem(label, word)
        self.relationship.setCurrentIndex(RELATIONSHIPS.index("acquaintance"))
        self.relationship.setAccessibleName("Relationship of the new people")
        self.relationship.setToolTip("How you know the people this file adds; you can change "
                                     "it per person later.")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading progress")
        self.progress.hide()
        self.error = ErrorLine()
        form = QFormLayout()
        for text, field, buddy in (("&Kind:", self.kind, self.kind),
                                   ("", self.help, None),
                                   ("&File:", file_row, self.path),
                                   ("&Encoding:", self.encoding, self.encoding)):
            label = QLabel(text)
            if buddy is not None:
                label.setBuddy(buddy)
            form.addRow(label, field)
        self.relationship_label = QLabel("New people &are my:")
        self.relationship_label.setBuddy(self.relationship)
        form.addRow(self.relationship_label, self.relationship)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.path.textChanged.connect(self.completeChanged)
        self.path.textChanged.connect(lambda: self.error.show_message(""))
        self._kind_changed()

    def current_kind(self) -> str:
        return self.kind.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.help.setText(HELP[kind])
        people = kind != "json"
        self.relationship.setVisible(people)
        self.relationship_label.setVisible(people)
        self.encoding.setEnabled(people)
        if kind == "linkedin":
            self.relationship.setCurrentIndex(RELATIONSHIPS.index("acquaintance"))
        self.error.show_message("")

    def choose_file(self) -> None:
        settings = QSettings()
        folder = self.path.text() or str(settings.value(SETTINGS_FOLDER, str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the file to import", folder,
            f"{FILE_FILTERS[self.current_kind()]};;All files (*)")
        if name:
            self.use_file(name)
            settings.setValue(SETTINGS_FOLDER, str(Path(name).parent))

    def use_file(self, name: str) -> None:
        """Take ``name`` as the file, switching the kind when the file clearly is another."""
        self.path.setText(name)
        kind = guess_kind(name)
        if kind and kind != self.current_kind():
            self.set_kind(kind)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and event.mimeData().urls()[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.use_file(event.mimeData().urls()[0].toLocalFile())
        event.acceptProposedAction()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def nextId(self) -> int:
        if self.current_kind() == "csv":
            return self.wizard_.MAPPING
        return self.wizard_.PREVIEW

    def validatePage(self) -> bool:
        """Read the file (nothing is written); stay here with the reason when it cannot be."""
        path = Path(self.path.text().strip()).expanduser()
        kind = self.current_kind()
        encoding = self.encoding.currentData()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == "csv":
                from netdesk.formats.table import read_table

                self.wizard_.table = read_table(path, encoding)
                return True
            if kind == "json":
                from netdesk.formats.database_json import check_loadable, is_empty, read_dump

                self.wizard_.dump = None
                dump = read_dump(path)
                check_loadable(dump)  # every value, before the preview
                self.wizard_.dump = dump
                if not is_empty():
                    raise FormatError(
                        "this database already holds people or other data. A whole "
                        "database can only be imported into an empty one: create a new "
                        "database (File → New) and import there.")
                return True
            result = read_people(kind, path, encoding=encoding)
            return self.wizard_.make_plan(result, self.progress)
        except FormatError as error:
            self.error.show_message(f"{path.name}: {error}")
            return False
        finally:
            QApplication.restoreOverrideCursor()


class MappingPage(QWizardPage):
    """For a generic CSV file: which column holds what, with sample values to judge by.

    A known layout (Google Contacts, Outlook…) is named at the top and its columns are
    mapped with their labels ("Phone (work)"); groups become tags only when ticked.
    """

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Which column holds what?")
        self.setSubTitle("netdesk guessed from the column titles. Choose “(ignore)” for "
                         "columns you do not want. A name column is needed.")
        self.recognised = page_label()
        self.recognised.setAccessibleName("Recognised layout")
        self.groups = QCheckBox("Import &groups as tags")
        self.groups.setAccessibleName("Import groups as tags")
        self.groups.setToolTip("The file's groups (Google's labels, Outlook's categories) "
                               "become tags. Google's own groups (My Contacts, Starred) "
                               "never do.")
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.combos: list[QComboBox] = []
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading progress")
        self.progress.hide()
        self.error = ErrorLine()
        scroll = QScrollArea()
        scroll.setAccessibleName("Columns of the file")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recognised)
        layout.addWidget(self.groups)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)

    def initializePage(self) -> None:
        from netdesk.formats.csvpresets import Target
        from netdesk.formats.table import TARGETS, guess_mapping, recognised

        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = []
        self.error.show_message("")
        table = self.wizard_.table
        layout = recognised(table.header)
        self.recognised.setText(
            f"Recognised: {layout}. Its columns are mapped below; check them and go on."
            if layout else "No known address-book layout recognised; netdesk guessed from "
            "the column titles.")
        for column, title in enumerate(("Column", "Goes to", "First values")):
            header = page_label(title, wrap=False)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.grid.addWidget(header, 0, column)
        guesses = guess_mapping(table.header)
        self.groups.setVisible(any(Target.parse(g).field == "groups" for g in guesses if g))
        for number, (title, guess) in enumerate(zip(table.header, guesses, strict=True)):
            name = page_label(title or f"Column {number + 1}", wrap=False)
            combo = QComboBox()
            for key, label in TARGETS.items():
                combo.addItem(label, key)
            if guess and guess not in TARGETS:  # a label or a slot of the layout
                combo.insertItem(1, Target.parse(guess).describe(), guess)
            combo.setCurrentIndex(combo.findData(guess))
            combo.setAccessibleName(f"Field for column {title or number + 1}")
            combo.currentIndexChanged.connect(lambda _=0: self.error.show_message(""))
            name.setBuddy(combo)
            samples = [row[number] for _, row in table.rows[:3]
                       if number < len(row) and row[number].strip()]
            sample = page_label(" · ".join(s.replace("\n", " ")[:40] for s in samples), wrap=False)
            sample.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # readable, muted
            self.grid.addWidget(name, number + 1, 0)
            self.grid.addWidget(combo, number + 1, 1)
            self.grid.addWidget(sample, number + 1, 2)
            self.combos.append(combo)
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(table.header) + 1, 1)

    def mapping(self) -> list[str]:
        return [combo.currentData() for combo in self.combos]

    def groups_as_tags(self) -> bool:
        return not self.groups.isHidden() and self.groups.isChecked()

    def nextId(self) -> int:
        return self.wizard_.PREVIEW

    def validatePage(self) -> bool:
        from netdesk.formats.csvpresets import SINGLE, Target
        from netdesk.formats.table import TARGETS, table_records

        mapping = self.mapping()
        chosen = [Target.parse(m).field for m in mapping if m]
        twice = sorted({m for m in chosen if m in SINGLE and chosen.count(m) > 1})
        if twice:
            self.error.show_message(
                f"“{TARGETS[twice[0]]}” is chosen for more than one column; choose it once.")
            return False
        try:
            result = table_records(self.wizard_.table, mapping,
                                   groups_as_tags=self.groups_as_tags())
        except FormatError as error:
            self.error.show_message(str(error))
            return False
        return self.wizard_.make_plan(result, self.progress)


class ResultPage(QWizardPage):
    """What the import did, in a few lines."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Import finished")
        self.setSubTitle("Everything was saved in one go.")
        self.text = page_label()
        self.text.setAccessibleName("Import result")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        text = self.wizard_.result_text
        if is_undoable(self.wizard_.summary):
            keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
                QKeySequence.SequenceFormat.NativeText)
            text += (f"\n\nChanged your mind? Edit → Undo ({keys}) in the main window takes "
                     "the whole import back.")
        self.text.setText(text)

    def nextId(self) -> int:
        return -1

