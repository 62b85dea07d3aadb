"""BlankSheetDialog: a sheet of bank questions with no interview, for practice or a fair."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.sheet import (
    PAGE_SIZES,
    Sheet,
    SheetError,
    blank_sheet,
)
from netdesk.core.vocabulary import CATEGORY_LABELS
from netdesk.db.models import QUESTION_CATEGORIES, Question
from netdesk.render.sheet_pages import (
    page_size_named,
)
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.sheets.printing import (
    _warn,
    preferred_page_size_name,
    preview_sheet,
    remember_page_size_name,
    save_sheet_pdf,
)


class BlankSheetDialog(QDialog):
    """Pick a category or tick questions from the bank; preview, print or save the sheet.

    A blank sheet has no interview attached: for practice, or for a career fair.
    """

    CATEGORY, PICKED = 0, 1

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Blank Question Sheet")
        self.setAccessibleName("Blank question sheet")

        self.by_category = QRadioButton("All questions in a &category")
        self.by_hand = QRadioButton("Questions I &pick")
        self.source = QButtonGroup(self)
        self.source.addButton(self.by_category, self.CATEGORY)
        self.source.addButton(self.by_hand, self.PICKED)
        self.by_category.setChecked(True)

        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a question")
        self.filter.setAccessibleName("Find a question")
        self.filter.setClearButtonEnabled(True)
        self.questions = QListWidget()
        self.questions.setAccessibleName("Questions to print")
        self.questions.setUniformItemSizes(False)
        self.questions.setWordWrap(True)
        self.questions.setMinimumHeight(220)

        self.heading = QLineEdit()
        self.heading.setAccessibleName("Heading")
        self.heading.setPlaceholderText("Optional, e.g. Riverton career fair")
        self.heading.setMaxLength(120)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItems(list(PAGE_SIZES))
        self.paper.setCurrentText(preferred_page_size_name())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Summary")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = QPushButton("Print Pre&view…")
        self.preview_button.setDefault(True)
        self.pdf_button = QPushButton("&Export PDF…")
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)

        category_row = QHBoxLayout()
        category_row.addWidget(self.by_category)
        category_row.addWidget(self.category, 1)
        form = QFormLayout()
        form.addRow("&Heading:", self.heading)
        form.addRow("P&aper:", self.paper)
        layout = QVBoxLayout(self)
        layout.addLayout(category_row)
        layout.addWidget(self.by_hand)
        layout.addWidget(self.filter)
        layout.addWidget(self.questions, 1)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        fit_to_screen(self, text_size(self, 80, 33))

        self.source.idToggled.connect(self._update)
        self.category.currentIndexChanged.connect(self._update)
        self.category.currentIndexChanged.connect(self._show_category)
        self.questions.itemChanged.connect(self._picked_changed)
        self.filter.textChanged.connect(self._apply_filter)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.export_pdf)

        publisher().changed.connect(self._apply_changes)
        self.reload()

    def _apply_changes(self, changes, _initiator=None) -> None:
        if changes.questions or changes.everything:
            self.reload()

    def reload(self) -> None:
        """Read the bank again (it changed), keeping the ticks and the chosen category."""
        ticked = set(self.picked_ids())
        chosen = self.category.currentData()
        counts: dict[str, tuple[int, int]] = {}
        bank = list(Question.select().where(~Question.hidden))
        order = {key: index for index, key in enumerate(QUESTION_CATEGORIES)}
        bank.sort(key=lambda q: (order[q.category], q.position, q.id))
        for question in bank:
            count, minutes = counts.get(question.category, (0, 0))
            counts[question.category] = (count + 1, minutes + question.minutes)

        self.category.blockSignals(True)
        self.category.clear()
        for key in QUESTION_CATEGORIES:
            count = counts.get(key, (0, 0))[0]
            self.category.addItem(f"{CATEGORY_LABELS[key]} ({count})", key)
        index = self.category.findData(chosen if chosen else "career_path")
        self.category.setCurrentIndex(max(index, 0))
        self.category.blockSignals(False)

        self.questions.blockSignals(True)
        self.questions.clear()
        previous = None
        for question in bank:
            if question.category != previous:
                header = QListWidgetItem(CATEGORY_LABELS[question.category])
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setData(Qt.ItemDataRole.UserRole + 1, question.category)
                self.questions.addItem(header)
                previous = question.category
            item = QListWidgetItem(f"{question.text}  (~{question.minutes} min)")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if question.id in ticked
                               else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, question.category)
            item.setData(Qt.ItemDataRole.UserRole + 2, question.minutes)
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        self._apply_filter(self.filter.text())
        self._update()

    # What is chosen -----------------------------------------------------------------------

    def _question_items(self) -> list[QListWidgetItem]:
        items = (self.questions.item(row) for row in range(self.questions.count()))
        return [i for i in items if i.data(Qt.ItemDataRole.UserRole) is not None]

    def picked_ids(self) -> list[int]:
        """The ticked questions, in the bank's order."""
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._question_items()
                if item.checkState() == Qt.CheckState.Checked]

    def set_picked(self, question_ids: Sequence[int]) -> None:
        """Tick exactly ``question_ids`` and switch to picking by hand."""
        wanted = set(question_ids)
        self.by_hand.setChecked(True)
        for item in self._question_items():
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def _chosen(self) -> tuple[int, int]:
        """(questions, minutes) that the sheet would hold now."""
        if self.source.checkedId() == self.PICKED:
            items = [i for i in self._question_items()
                     if i.checkState() == Qt.CheckState.Checked]
        else:
            key = self.category.currentData()
            items = [i for i in self._question_items()
                     if i.data(Qt.ItemDataRole.UserRole + 1) == key]
        return len(items), sum(i.data(Qt.ItemDataRole.UserRole + 2) for i in items)

    def sheet(self) -> Sheet:
        """The sheet as chosen now. Raises SheetError when nothing is chosen."""
        heading = self.heading.text()
        if self.source.checkedId() == self.PICKED:
            ids = self.picked_ids()
            if not ids:
                raise SheetError("tick at least one question")
            return blank_sheet(question_ids=ids, heading=heading)
        return blank_sheet(category=self.category.currentData(), heading=heading)

    # Reactions ----------------------------------------------------------------------------

    def _picked_changed(self, _item) -> None:
        if self.source.checkedId() != self.PICKED:
            self.by_hand.setChecked(True)  # ticking a question means picking by hand
        self._update()

    def _show_category(self, _index: int = -1) -> None:
        """Scroll the list to the chosen category's heading, so its questions are in view."""
        key = self.category.currentData()
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            if (item.data(Qt.ItemDataRole.UserRole) is None
                    and item.data(Qt.ItemDataRole.UserRole + 1) == key):
                self.questions.scrollToItem(item, QListWidget.ScrollHint.PositionAtTop)
                return

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for item in self._question_items():
            shown = all(w in item.text().casefold() for w in words)
            item.setHidden(not shown)
        category_shown: dict[str, bool] = {}
        for item in self._question_items():
            key = item.data(Qt.ItemDataRole.UserRole + 1)
            category_shown[key] = category_shown.get(key, False) or not item.isHidden()
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is None:
                item.setHidden(not category_shown.get(item.data(Qt.ItemDataRole.UserRole + 1)))

    def _update(self, *_args) -> None:
        picking = self.source.checkedId() == self.PICKED
        self.category.setEnabled(not picking)
        count, minutes = self._chosen()
        if count:
            self.summary.setText(
                f"{count} {'question' if count == 1 else 'questions'}, "
                f"about {minutes} minutes to ask")
        elif picking:
            self.summary.setText("Tick at least one question to print.")
        else:
            self.summary.setText("This category has no questions yet; pick another one.")
        self.preview_button.setEnabled(bool(count))
        self.pdf_button.setEnabled(bool(count))

    def _page_size(self) -> QPageSize:
        name = self.paper.currentText()
        remember_page_size_name(name)
        return page_size_named(name)

    def preview(self):
        """Open the print preview of the chosen sheet; return it (None when nothing chosen)."""
        try:
            sheet = self.sheet()
        except SheetError as error:
            _warn(self, "Blank Question Sheet", f"The sheet cannot be made: {error}.")
            return None
        return preview_sheet(self, sheet, self._page_size())

    def export_pdf(self) -> Path | None:
        """Ask for a file name and save the chosen sheet there as PDF."""
        try:
            sheet = self.sheet()
        except SheetError as error:
            _warn(self, "Blank Question Sheet", f"The sheet cannot be made: {error}.")
            return None
        return save_sheet_pdf(self, sheet, self._page_size())


