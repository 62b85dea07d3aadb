"""The import wizard's preview page: what happens to each row, and the file's problems."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from netdesk.formats.people_import import ADD, MERGE, SKIP, ImportPlan
from netdesk.formats.records import ERROR, SKIPPED, WARNING, FormatError
from netdesk.formats.textfile import ENCODINGS, encoding_label
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.empty_state import attach_empty_state
from netdesk.ui.transfer.import_pages import ErrorLine, page_label
from netdesk.ui.transfer.import_plan_model import ACTION_CHOICES, ADD_ANYWAY, ImportPlanModel

if TYPE_CHECKING:
    from netdesk.ui.transfer.import_dialog import ImportWizard


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
        self.summary = page_label()
        self.summary.setAccessibleName("What the import will do")
        self.encoding = QComboBox()
        self.encoding.setAccessibleName("Text encoding of the file")
        self.encoding.setToolTip("If names look wrong, choose the encoding the file was "
                                 "written in; the preview reads the file again.")
        self.encoding.activated.connect(self.reread)
        self.encoding_label = QLabel("&Encoding:")
        self.encoding_label.setBuddy(self.encoding)
        self.encoding_note = page_label(wrap=False)
        self.encoding_note.setAccessibleName("How the encoding was chosen")
        self.not_imported = page_label()
        self.not_imported.setAccessibleName("Columns not imported")
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
        chars = self.table.fontMetrics().averageCharWidth()  # widths from the font, in letters
        bold = QFont(self.table.font())
        bold.setBold(True)
        action = QFontMetrics(bold).horizontalAdvance("Add anyway") + 2 * chars
        for column, width in ((0, 7 * chars), (1, 24 * chars), (2, 24 * chars), (3, 28 * chars),
                              (4, action), (5, 34 * chars)):
            header.resizeSection(column, width)
        header.setMinimumSectionSize(40)
        self.buttons = {}
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(page_label("Selected rows:", wrap=False))
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
        self.take_imported = make_action(
            self, "Take the &Imported Values", lambda: self.set_selected_take(True),
            tip="Merge the selected rows and take the file's name, job title and "
            "organization; the person's own are kept as custom fields")
        self.keep_mine = make_action(
            self, "&Keep Mine", lambda: self.set_selected_take(False),
            tip="Keep the person's own name, job title and organization; the file's are "
            "kept as custom fields")
        self.conflict_buttons = []
        for action in (self.take_imported, self.keep_mine):
            action.setEnabled(False)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAccessibleName(action.toolTip())
            row_buttons.addWidget(button)
            self.conflict_buttons.append(button)
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        row_buttons.addStretch(1)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems in the file")
        self.problems_title = page_label()
        self.database_counts = QListWidget()
        self.database_counts.setAccessibleName("Tables in the file")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        self.error = ErrorLine()

        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.table, 1)
        people_layout.addLayout(row_buttons)
        self.empty = attach_empty_state(self.table, lambda: self.wizard_.back())
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
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_label)
        encoding_row.addWidget(self.encoding)
        encoding_row.addWidget(self.encoding_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(encoding_row)
        layout.addWidget(self.not_imported)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)

    def initializePage(self) -> None:
        self.error.show_message("")
        self.progress.hide()
        people = self.wizard_.kind() != "json"
        for widget in (self.encoding_label, self.encoding, self.encoding_note):
            widget.setVisible(people)
        self.not_imported.setVisible(False)
        if not people:
            self._show_database()
            return
        self._show_encoding()
        self._show_not_imported()
        self._show_plan()

    def _path(self) -> Path:
        return Path(self.wizard_.source_page.path.text().strip()).expanduser()

    def _show_encoding(self) -> None:
        """The encoding the file was read with, and whether it is a guess."""
        from netdesk.formats.textfile import read_decoded

        if self.wizard_.kind() == "csv" and self.wizard_.table is not None:
            codec = self.wizard_.table.encoding
            guessed = self.wizard_.table.encoding_guessed
        else:
            try:
                decoded = read_decoded(self._path(), "the file",
                                       self.wizard_.source_page.encoding.currentData())
            except FormatError:
                codec, guessed = "utf-8", False
            else:
                codec, guessed = decoded.encoding, decoded.guessed
        name = "utf-16" if codec.startswith("utf-16") else codec
        self.encoding.blockSignals(True)
        self.encoding.clear()
        for key, label in ENCODINGS.items():
            self.encoding.addItem(label, key)
        if self.encoding.findData(name) < 0:
            self.encoding.addItem(encoding_label(name), name)
        self.encoding.setCurrentIndex(self.encoding.findData(name))
        self.encoding.blockSignals(False)
        self.encoding_note.setText(
            "The file is not UTF-8 and does not say its encoding: this is a guess. If names "
            "look wrong, choose another." if guessed else "")

    def _show_not_imported(self) -> None:
        if self.wizard_.kind() != "csv" or self.wizard_.table is None:
            return
        from netdesk.formats.table import not_imported

        page = self.wizard_.mapping_page
        columns = not_imported(self.wizard_.table, page.mapping(),
                               groups_as_tags=page.groups_as_tags())
        self.not_imported.setText(
            "Not imported (no field takes them; go Back to map them): " + ", ".join(
                f"{title} ({count} {'row' if count == 1 else 'rows'})"
                for title, count in columns) if columns else "")
        self.not_imported.setVisible(bool(columns))

    def reread(self) -> bool:
        """Read the file again with the encoding chosen here, and plan the import again."""
        from netdesk.formats.importing import read_people
        from netdesk.formats.table import guess_mapping, read_table, table_records

        codec = self.encoding.currentData()
        source = self.wizard_.source_page.encoding
        if source.findData(codec) >= 0:
            source.setCurrentIndex(source.findData(codec))
        kind = self.wizard_.kind()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == "csv":
                old = self.wizard_.table
                table = read_table(self._path(), codec)
                page = self.wizard_.mapping_page
                mapping = page.mapping() if old is not None and old.header == table.header \
                    else guess_mapping(table.header)
                self.wizard_.table = table
                result = table_records(table, mapping, groups_as_tags=page.groups_as_tags())
            else:
                result = read_people(kind, self._path(), encoding=codec)
            planned = self.wizard_.make_plan(result, self.progress)
        except FormatError as error:
            planned = False
            self.error.show_message(f"{self._path().name}: {error}")
        finally:
            QApplication.restoreOverrideCursor()
        if not planned:
            self.wizard_.plan = ImportPlan([], [])
            self.model.set_plan(self.wizard_.plan)
            self.problems.clear()
            self._update_summary()
            return False
        self.error.show_message("")
        self._show_not_imported()
        self._show_plan()
        return True

    def _show_plan(self) -> None:
        self.stack.setCurrentWidget(self.splitter)
        plan = self.wizard_.plan
        self.model.set_plan(plan)
        matched = any(row.match for row in plan.rows)
        for column in (ImportPlanModel.MATCH, ImportPlanModel.CHANGES):
            self.table.setColumnHidden(column, not matched)
        self.buttons[MERGE].setVisible(matched)
        conflicts = any(row.conflicts for row in plan.rows)
        for button in self.conflict_buttons:
            button.setVisible(conflicts)
        self.buttons[ADD].setText("&Add anyway" if matched else "&Add")
        self.problems.clear()
        icons = {ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
                 SKIPPED: QStyle.StandardPixmap.SP_MessageBoxWarning,
                 WARNING: QStyle.StandardPixmap.SP_MessageBoxInformation}
        for problem in plan.problems:
            item = QListWidgetItem(
                self.style().standardIcon(icons[problem.severity]),
                f"{problem.rows:,} rows: {problem.message}" if problem.rows > 1
                else f"Line {problem.line}: {problem.message}")
            self.problems.addItem(item)
        count = sum(p.rows for p in plan.problems)
        self.problems_title.setText(
            f"Problems in the file ({count}); those lines are not imported as written:"
            if count else "No problems found in the file.")
        self.problems.setVisible(bool(count))
        self.empty.show_empty(
            not plan.rows and not plan.organizations, "Nothing to import",
            "netdesk found nobody it could read in this file"
            + (": the problems below say why." if count else ".")
            + " Go back to pick another file or check the columns.", "Back to the File")
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
        errors = sum(p.rows for p in plan.errors)
        text = (f"{counts[ADD]} to add, {counts[MERGE]} to merge with people already in "
                f"netdesk, {counts[SKIP]} to skip.")
        organizations = plan.organizations_to_add()
        if organizations:
            text += (f" {organizations} {'organization' if organizations == 1 else 'organizations'}"
                     " to add from company cards.")
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
        conflicting = [row for row in rows if row.conflicts and MERGE in row.actions]
        self.take_imported.setEnabled(any(
            row.take_imported != set(row.conflicts) or row.action != MERGE
            for row in conflicting))
        self.keep_mine.setEnabled(any(row.take_imported for row in conflicting))

    def set_selected_take(self, take: bool) -> int:
        """Take the imported values (or keep the person's own) in the selected rows."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return self.model.set_take_imported(rows, take)

    def set_selected(self, action: str) -> int:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return self.model.set_actions(rows, action)

    def isComplete(self) -> bool:
        if self.wizard_.kind() == "json":
            return self.wizard_.dump is not None
        plan = self.wizard_.plan
        return plan is not None and (any(row.action != SKIP for row in plan.rows)
                                     or any(o.writes for o in plan.organizations))

    def validatePage(self) -> bool:
        """Run the import, as one transaction; stay here if it fails or is cancelled."""
        return self.wizard_.run_import(self.progress, self.error)

