"""The import wizard: choose a file, map its columns, preview add / merge / skip, import at once.

Nothing is written before the user presses Import on the preview page; the
import then runs as one transaction, with a progress bar, and Cancel during it
rolls everything back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from netdesk.core.changes import Changes
from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.db.backup import BackupError, backup_now
from netdesk.db.models import RELATIONSHIPS, Person, database_proxy
from netdesk.formats.importing import FILE_FILTERS, IMPORT_KINDS, guess_kind, read_people
from netdesk.formats.people_import import (
    ADD,
    MERGE,
    SKIP,
    ImportCancelled,
    ImportPlan,
    ImportSummary,
    apply_plan,
    plan_import,
)
from netdesk.formats.records import ERROR, SKIPPED, WARNING, FormatError, ParseResult
from netdesk.formats.textfile import ENCODINGS
from netdesk.ui.common.changes import publish
from netdesk.ui.common.kind_actions import kind_actions
from netdesk.ui.common.plain_text import note_label, plain_label
from netdesk.ui.common.screen import fit_to_screen, scroll_body, text_size
from netdesk.ui.transfer.import_plan_model import ACTION_CHOICES, ADD_ANYWAY, ImportPlanModel

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


def _plain(text: str = "", *, wrap: bool = True) -> QLabel:
    return note_label(text) if wrap else plain_label(text)


class _ErrorLine(QWidget):
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
        self.label = _plain()
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
        self.help = _plain()
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
        self.encoding.addItem("Automatic (UTF-8)", None)
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
        self.error = _ErrorLine()
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
            return ImportWizard.MAPPING
        return ImportWizard.PREVIEW

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
    """For a generic CSV file: which column holds what, with sample values to judge by."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Which column holds what?")
        self.setSubTitle("netdesk guessed from the column titles. Choose “(ignore)” for "
                         "columns you do not want. A name column is needed.")
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.combos: list[QComboBox] = []
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading progress")
        self.progress.hide()
        self.error = _ErrorLine()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)

    def initializePage(self) -> None:
        from netdesk.formats.table import TARGETS, guess_mapping

        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = []
        self.error.show_message("")
        table = self.wizard_.table
        for column, title in enumerate(("Column", "Goes to", "First values")):
            header = _plain(title, wrap=False)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.grid.addWidget(header, 0, column)
        guesses = guess_mapping(table.header)
        for number, (title, guess) in enumerate(zip(table.header, guesses, strict=True)):
            name = _plain(title or f"Column {number + 1}", wrap=False)
            combo = QComboBox()
            for key, label in TARGETS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(combo.findData(guess))
            combo.setAccessibleName(f"Field for column {title or number + 1}")
            combo.currentIndexChanged.connect(lambda _=0: self.error.show_message(""))
            name.setBuddy(combo)
            samples = [row[number] for _, row in table.rows[:3]
                       if number < len(row) and row[number].strip()]
            sample = _plain(" · ".join(s.replace("\n", " ")[:40] for s in samples), wrap=False)
            sample.setEnabled(False)
            self.grid.addWidget(name, number + 1, 0)
            self.grid.addWidget(combo, number + 1, 1)
            self.grid.addWidget(sample, number + 1, 2)
            self.combos.append(combo)
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(table.header) + 1, 1)

    def mapping(self) -> list[str]:
        return [combo.currentData() for combo in self.combos]

    def nextId(self) -> int:
        return ImportWizard.PREVIEW

    def validatePage(self) -> bool:
        from netdesk.formats.table import TARGETS, table_records

        mapping = self.mapping()
        chosen = [m for m in mapping if m]
        twice = sorted({m for m in chosen if chosen.count(m) > 1})
        if twice:
            self.error.show_message(
                f"“{TARGETS[twice[0]]}” is chosen for more than one column; choose it once.")
            return False
        try:
            result = table_records(self.wizard_.table, mapping)
        except FormatError as error:
            self.error.show_message(str(error))
            return False
        return self.wizard_.make_plan(result, self.progress)


class _ActionDelegate(QStyledItemDelegate):
    """The Action column edits with a list of the actions that row allows."""

    def __init__(self, model: ImportPlanModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setAccessibleName("Action for this row")
        row = self.model.plan.rows[index.row()]
        for action in row.actions:
            combo.addItem(ADD_ANYWAY if (action == ADD and row.match) else ACTION_CHOICES[action],
                          action)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewPage(QWizardPage):
    """What will happen, row by row, and the file's problems line by line."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Preview")
        self.setSubTitle("Check what will happen to each person. Nothing has been saved yet.")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Import")
        self.summary = _plain()
        self.summary.setAccessibleName("What the import will do")
        self.model = ImportPlanModel(parent=self)
        self.model.actions_changed.connect(self._update_summary)
        self.model.actions_changed.connect(self._update_buttons)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("People in the file")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(ImportPlanModel.ACTION,
                                            _ActionDelegate(self.model, self.table))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((0, 48), (1, 140), (2, 140), (3, 160), (4, 70), (5, 210)):
            header.resizeSection(column, width)
        header.setMinimumSectionSize(40)
        self.buttons = {}
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(_plain("Selected rows:", wrap=False))
        for action, text, tip in (
            (MERGE, "&Merge", "Merge the selected rows into the people they match"),
            (SKIP, "&Skip", "Leave the selected rows out"),
            (ADD, "&Add anyway", "Add the selected rows as new people, even when they match"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _=False, a=action: self.set_selected(a))
            button.setEnabled(False)
            row_buttons.addWidget(button)
            self.buttons[action] = button
        row_buttons.addStretch(1)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems in the file")
        self.problems_title = _plain()
        self.database_counts = QListWidget()
        self.database_counts.setAccessibleName("Tables in the file")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        self.error = _ErrorLine()

        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.table, 1)
        people_layout.addLayout(row_buttons)
        problems = QWidget()
        problems_layout = QVBoxLayout(problems)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(people)
        self.splitter.addWidget(problems)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.database_counts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)

    def initializePage(self) -> None:
        self.error.show_message("")
        self.progress.hide()
        if self.wizard_.kind() == "json":
            self._show_database()
            return
        self.stack.setCurrentWidget(self.splitter)
        plan = self.wizard_.plan
        self.model.set_plan(plan)
        matched = any(row.match for row in plan.rows)
        for column in (ImportPlanModel.MATCH, ImportPlanModel.CHANGES):
            self.table.setColumnHidden(column, not matched)
        self.buttons[MERGE].setVisible(matched)
        self.buttons[ADD].setText("&Add anyway" if matched else "&Add")
        self.problems.clear()
        icons = {ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
                 SKIPPED: QStyle.StandardPixmap.SP_MessageBoxWarning,
                 WARNING: QStyle.StandardPixmap.SP_MessageBoxInformation}
        for problem in plan.problems:
            item = QListWidgetItem(
                self.style().standardIcon(icons[problem.severity]),
                f"Line {problem.line}: {problem.message}")
            self.problems.addItem(item)
        count = len(plan.problems)
        self.problems_title.setText(
            f"Problems in the file ({count}); those lines are not imported as written:"
            if count else "No problems found in the file.")
        self.problems.setVisible(bool(count))
        self._update_summary()

    def _show_database(self) -> None:
        dump = self.wizard_.dump
        self.stack.setCurrentWidget(self.database_counts)
        self.database_counts.clear()
        total = 0
        for name, table in dump["tables"].items():
            rows = len(table["rows"])
            total += rows
            self.database_counts.addItem(f"{name.replace('_', ' ').capitalize()}: {rows} rows")
        people = len(dump["tables"].get("person", {}).get("rows", []))
        self.summary.setText(
            f"The file holds a whole netdesk database: {people} people, {total} rows in all. "
            "Press Import to load it into this (empty) database.")

    def _update_summary(self) -> None:
        plan = self.wizard_.plan
        if plan is None:
            return
        counts = plan.counts()
        errors = len(plan.errors)
        text = (f"{counts[ADD]} to add, {counts[MERGE]} to merge with people already in "
                f"netdesk, {counts[SKIP]} to skip.")
        if errors:
            text += f" {errors} lines cannot be read and will be left out."
        matched = sum(1 for row in plan.rows if row.match)
        if matched:
            text += (" Rows that match someone are merged unless you choose otherwise "
                     "(double-click the Action, or select rows and use the buttons).")
        self.summary.setText(text)
        self.completeChanged.emit()

    def _update_buttons(self) -> None:
        plan = self.wizard_.plan
        rows = [plan.rows[i.row()] for i in self.table.selectionModel().selectedRows()] \
            if plan else []
        for action, button in self.buttons.items():
            button.setEnabled(any(action in row.actions and row.action != action
                                  for row in rows))

    def set_selected(self, action: str) -> int:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return self.model.set_actions(rows, action)

    def isComplete(self) -> bool:
        if self.wizard_.kind() == "json":
            return self.wizard_.dump is not None
        plan = self.wizard_.plan
        return plan is not None and any(row.action != SKIP for row in plan.rows)

    def validatePage(self) -> bool:
        """Run the import, as one transaction; stay here if it fails or is cancelled."""
        return self.wizard_.run_import(self.progress, self.error)


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Import finished")
        self.setSubTitle("Everything was saved in one go.")
        self.text = _plain()
        self.text.setAccessibleName("Import result")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self.text.setText(self.wizard_.result_text)

    def nextId(self) -> int:
        return -1


class ImportWizard(QWizard):
    """File → Import…: from a file to people in the database, with a preview first."""

    SOURCE, MAPPING, PREVIEW, RESULT = range(4)
    imported = Signal(object)
    """Emitted with the :class:`ImportSummary` (or a dict of table counts for JSON)."""

    def __init__(self, parent=None, kind: str = "linkedin", path: str | Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Close")
        self.table = None
        self.dump: dict | None = None
        self.plan: ImportPlan | None = None
        self.result_text = ""
        self.summary: ImportSummary | dict | None = None
        self._importing = False
        self._cancel_requested = False
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(self.SOURCE, self.source_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.RESULT, self.result_page)
        self.source_page.set_kind(kind)
        if path is not None:
            self.source_page.path.setText(str(path))
        fit_to_screen(self, text_size(self, 140, 36))

    def kind(self) -> str:
        return self.source_page.current_kind()

    def _progress_hook(self, bar: QProgressBar):
        def progress(done: int, total: int) -> None:
            bar.setMaximum(max(total, 1))
            bar.setValue(done)
            QApplication.processEvents()
            if self._cancel_requested:
                raise ImportCancelled
        return progress

    def make_plan(self, result: ParseResult, bar: QProgressBar) -> bool:
        """Match what was read against the database (reads only); False if nothing to do."""
        page = self.currentPage()
        if not result.records:
            message = "the file holds no one to import"
            if result.problems:
                message += f" ({len(result.problems)} lines with problems, first: " \
                           f"{result.problems[0]})"
            page.error.show_message(message)
            return False
        relationship = self.source_page.relationship.currentData()
        bar.setValue(0)
        bar.setVisible(len(result.records) > 500)
        self._importing, self._cancel_requested = True, False
        try:
            self.plan = plan_import(result, relationship, progress=self._progress_hook(bar))
        except ImportCancelled:
            self._finish_cancel()
            return False
        finally:
            self._importing = False
            bar.hide()
        return True

    def run_import(self, bar: QProgressBar, error: _ErrorLine) -> bool:
        """Write the plan (or the database file) in one transaction; cancel rolls it back."""
        bar.setValue(0)
        bar.show()
        self._importing, self._cancel_requested = True, False
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            if Person.select().exists():  # a whole-database import goes into an empty file
                backup_now(database_proxy.obj, "import")
            if self.kind() == "json":
                from netdesk.formats.database_json import load_dump

                counts = load_dump(self.dump)
                self.summary = counts
                self.result_text = (
                    f"Imported the whole database: {counts.get('person', 0)} people, "
                    f"{counts.get('organization', 0)} organizations, "
                    f"{sum(counts.values())} rows in all.")
                publish(Changes.all(), self)
            else:
                summary = apply_plan(self.plan, progress=self._progress_hook(bar))
                self.summary = summary
                self.result_text = _result_text(summary)
                publish(summary.changes, self)
        except ImportCancelled:
            self._finish_cancel()
            return False
        except BackupError as failure:
            error.show_message(f"Nothing was imported: the backup before importing failed "
                               f"({failure}).")
            return False
        except FormatError as failure:
            error.show_message(f"Nothing was imported: {failure}")
            return False
        except Exception as failure:  # noqa: BLE001 - the database refused: nothing was written
            error.show_message(f"Nothing was imported: the database refused the data "
                               f"({failure}).")
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self._importing = False
            bar.hide()
            for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
                self.button(button).setEnabled(True)
        self.imported.emit(self.summary)
        return True

    def _finish_cancel(self) -> None:
        self._cancel_requested = False
        super().reject()

    def reject(self) -> None:
        """Cancel: while importing, stop and roll back first; the dialog closes after."""
        if self._importing:
            self._cancel_requested = True
            return
        super().reject()


def _result_text(summary: ImportSummary) -> str:
    lines = [f"Added {summary.added} {'person' if summary.added == 1 else 'people'}, "
             f"merged {summary.merged}"
             + (f" ({summary.unchanged} had nothing new)" if summary.unchanged else "")
             + f", skipped {summary.skipped}."]
    if summary.organizations_added:
        count = summary.organizations_added
        lines.append(f"{count} new {'organization' if count == 1 else 'organizations'}.")
    errors = len(summary.errors)
    if errors:
        lines.append(f"{errors} lines of the file could not be read and were left out.")
    return "\n".join(lines)


def import_actions(parent: QWidget, open_wizard) -> list[QAction]:
    """File → Import submenu: one action per kind; ``open_wizard(kind)`` shows the wizard."""
    return kind_actions(parent, IMPORT_KINDS, "Import {what} with a preview first", open_wizard)
