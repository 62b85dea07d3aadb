"""The import wizard's preview page: what happens to each row, and the file's problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
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

from netdesk.formats.people_import import ADD, MERGE, SKIP
from netdesk.formats.records import ERROR, SKIPPED, WARNING
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
        self.empty.show_empty(
            not plan.rows, "Nothing to import",
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

