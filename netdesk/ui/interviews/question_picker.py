"""QuestionPicker: choose questions from the bank by category, order them, watch the time."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.interview_plan import (
    question_minutes_for,
    suggest_balanced,
    suggest_tiara,
    time_budget,
)
from netdesk.core.interviews import PlannedQuestion
from netdesk.core.question_bank import bank, ensure_default_questions
from netdesk.core.vocabulary import CATEGORY_LABELS
from netdesk.ui.common.changes import publish
from netdesk.ui.common.line_edits import EnterLineEdit
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.method.method_settings import method_enabled

ROLE = Qt.ItemDataRole.UserRole


class QuestionPicker(QWidget):
    """The bank on the left (by category), the chosen questions on the right, in order."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        publish(ensure_default_questions(), self)
        self.offered = QSpinBox()
        self.offered.setRange(5, 240)
        self.offered.setSingleStep(5)
        self.offered.setValue(30)
        self.offered.setSuffix(" min")
        self.offered.setAccessibleName("Time they offered, in minutes")
        self.offered.valueChanged.connect(self._update_budget)
        self.suggest_button = QPushButton("Su&ggest a balanced set")
        self.suggest_button.setToolTip("Replace the chosen questions with a few from each "
                                       "category that fit the time offered")
        self.suggest_button.clicked.connect(self.suggest)
        self.tiara_button = QPushButton("Suggest &TIARA")
        self.tiara_button.setToolTip("Replace the chosen questions with a TIARA set: Trends, "
                                     "Insights, Advice, Resources, Assignments, in that order")
        self.tiara_button.clicked.connect(self.suggest_tiara)
        self.tiara_button.setVisible(method_enabled())
        self.budget = plain_label()
        self.budget.setWordWrap(True)
        self.budget.setAccessibleName("Time budget")

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter the question bank…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter the question bank")
        self.filter.textChanged.connect(self._apply_filter)
        self.bank = QTreeWidget()
        self.bank.setHeaderLabels(["Question bank", "Min"])
        self.bank.setAccessibleName("Question bank")
        self.bank.setUniformRowHeights(True)
        self.bank.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.bank.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.bank.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.bank.header().setStretchLastSection(False)
        self.bank.itemDoubleClicked.connect(lambda item, _column: self.add_from_bank([item]))
        self.add_button = QPushButton("&Add →")
        self.add_button.setToolTip("Add the selected bank questions to this interview")
        self.add_button.clicked.connect(lambda: self.add_from_bank(self.bank.selectedItems()))

        self.chosen = QTreeWidget()
        self.chosen.setHeaderLabels(["#", "Chosen questions, in order", "Min"])
        self.chosen.setAccessibleName("Chosen questions")
        self.chosen.setRootIsDecorated(False)
        self.chosen.setUniformRowHeights(True)
        self.chosen.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chosen.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.chosen.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.chosen.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.chosen.header().setStretchLastSection(False)
        self.chosen.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.chosen.setToolTip("Double-click (or F2) a question's text or minutes to change "
                               "them for this interview")
        self.chosen.itemChanged.connect(self._item_edited)
        self.chosen.model().rowsMoved.connect(self._changed)
        self.chosen.model().rowsInserted.connect(self._changed)
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Move the selected question earlier (Ctrl+Up)")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("Move &down")
        self.down_button.setToolTip("Move the selected question later (Ctrl+Down)")
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setToolTip("Take the selected question off this interview (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        for keys, slot in (("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1)),
                           (QKeySequence.StandardKey.Delete, self.remove_selected)):
            shortcut = QShortcut(QKeySequence(keys), self.chosen)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.new_text = EnterLineEdit()
        self.new_text.setPlaceholderText("Write a question of your own…")
        self.new_text.setAccessibleName("New question")
        self.new_text.returnPressed.connect(self.add_new)
        self.new_category = QComboBox()
        self.new_category.setAccessibleName("New question's category")
        for key, label in CATEGORY_LABELS.items():
            self.new_category.addItem(label, key)
        self.new_category.setCurrentIndex(self.new_category.findData("own"))
        self.new_minutes = QSpinBox()
        self.new_minutes.setRange(1, 60)
        self.new_minutes.setValue(3)
        self.new_minutes.setSuffix(" min")
        self.new_minutes.setAccessibleName("New question's minutes")
        self.keep_in_bank = QCheckBox("Keep in my bank")
        self.keep_in_bank.setToolTip("Also add this question to your question bank")
        self.keep_in_bank.setChecked(True)
        self.new_button = QPushButton("Add &question")
        self.new_button.clicked.connect(self.add_new)

        top = QHBoxLayout()
        offered_label = QLabel("Time they &offered:")
        offered_label.setBuddy(self.offered)
        top.addWidget(offered_label)
        top.addWidget(self.offered)
        top.addWidget(self.budget, 1)
        top.addWidget(self.suggest_button)
        top.addWidget(self.tiara_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.bank, 1)
        left_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.chosen, 1)
        buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([400, 480])
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_text, 1)
        new_row.addWidget(self.new_category)
        new_row.addWidget(self.new_minutes)
        new_row.addWidget(self.keep_in_bank)
        new_row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(new_row)
        self.reload_bank()
        self._update_budget()

    # Bank ----------------------------------------------------------------------------------

    def reload_bank(self) -> None:
        self.bank.clear()
        categories: dict[str, QTreeWidgetItem] = {}
        for question in bank():
            parent = categories.get(question.category)
            if parent is None:
                parent = QTreeWidgetItem([CATEGORY_LABELS.get(question.category,
                                                              question.category), ""])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                categories[question.category] = parent
                self.bank.addTopLevelItem(parent)
            item = QTreeWidgetItem(parent, [question.text, str(question.minutes)])
            item.setData(0, ROLE, PlannedQuestion(question.text, question.category,
                                                  question.minutes, question.id))
            item.setToolTip(0, tooltip(question.text))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self.bank.expandAll()
        self._apply_filter(self.filter.text())
        self._mark_chosen()

    def bank_items(self) -> list[QTreeWidgetItem]:
        return [self.bank.topLevelItem(i).child(j) for i in range(self.bank.topLevelItemCount())
                for j in range(self.bank.topLevelItem(i).childCount())]

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for index in range(self.bank.topLevelItemCount()):
            parent = self.bank.topLevelItem(index)
            visible = 0
            for row in range(parent.childCount()):
                child = parent.child(row)
                hide = not all(w in child.text(0).casefold() for w in words)
                child.setHidden(hide)
                visible += not hide
            parent.setHidden(visible == 0)

    def _mark_chosen(self) -> None:
        chosen = {q.question_id for q in self.questions() if q.question_id}
        for item in self.bank_items():
            question = item.data(0, ROLE)
            taken = question.question_id in chosen
            item.setDisabled(taken)
            item.setToolTip(0, tooltip(question.text + ("\n(Already chosen)" if taken else "")))

    # Chosen --------------------------------------------------------------------------------

    def questions(self) -> list[PlannedQuestion]:
        """Copies of the chosen questions, in order."""
        return [replace(self.chosen.topLevelItem(i).data(1, ROLE))
                for i in range(self.chosen.topLevelItemCount())]

    def set_questions(self, questions: list[PlannedQuestion]) -> None:
        self.chosen.clear()
        for question in questions:
            self._append(question)
        self._changed()

    def _append(self, question: PlannedQuestion) -> None:
        item = QTreeWidgetItem(["", question.text, str(question.minutes)])
        item.setData(1, ROLE, question)
        item.setToolTip(1, tooltip(f"{question.text}\n"
                                   f"{CATEGORY_LABELS.get(question.category, '')}"))
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsEditable)
        self.chosen.addTopLevelItem(item)

    def _item_edited(self, item: QTreeWidgetItem, column: int) -> None:
        """Text or minutes changed in place: keep valid values, put back invalid ones."""
        question: PlannedQuestion | None = item.data(1, ROLE)
        if question is None or column not in (1, 2):
            return
        self.chosen.blockSignals(True)
        try:
            if column == 1:
                text = " ".join(item.text(1).split())
                if text:
                    question.text = text
                item.setText(1, question.text)
            else:
                try:
                    minutes = int(item.text(2).strip().removesuffix("min").strip())
                except ValueError:
                    minutes = 0
                if 1 <= minutes <= 60:
                    question.minutes = minutes
                item.setText(2, str(question.minutes))
        finally:
            self.chosen.blockSignals(False)
        self._changed()

    def add_from_bank(self, items: list[QTreeWidgetItem]) -> int:
        chosen = {q.question_id for q in self.questions() if q.question_id}
        added = 0
        for item in items:
            question = item.data(0, ROLE)
            if question is None or question.question_id in chosen:
                continue
            self._append(PlannedQuestion(question.text, question.category, question.minutes,
                                         question.question_id))
            chosen.add(question.question_id)
            added += 1
        if added:
            self.chosen.setCurrentItem(self.chosen.topLevelItem(
                self.chosen.topLevelItemCount() - 1))
            self._changed()
        return added

    def add_new(self) -> bool:
        text = " ".join(self.new_text.text().split())
        if not text:
            self.new_text.setFocus()
            return False
        self._append(PlannedQuestion(text, self.new_category.currentData(),
                                     self.new_minutes.value(),
                                     add_to_bank=self.keep_in_bank.isChecked()))
        self.new_text.clear()
        self.chosen.setCurrentItem(self.chosen.topLevelItem(self.chosen.topLevelItemCount() - 1))
        self._changed()
        return True

    def move(self, step: int) -> None:
        item = self.chosen.currentItem()
        if item is None:
            return
        row = self.chosen.indexOfTopLevelItem(item)
        target = row + step
        if not 0 <= target < self.chosen.topLevelItemCount():
            return
        self.chosen.takeTopLevelItem(row)
        self.chosen.insertTopLevelItem(target, item)
        self.chosen.setCurrentItem(item)
        self._changed()

    def remove_selected(self) -> None:
        item = self.chosen.currentItem()
        if item is None:
            return
        row = self.chosen.indexOfTopLevelItem(item)
        self.chosen.takeTopLevelItem(row)
        if self.chosen.topLevelItemCount():
            self.chosen.setCurrentItem(self.chosen.topLevelItem(
                min(row, self.chosen.topLevelItemCount() - 1)))
        self._changed()

    def suggest(self) -> None:
        self._suggest_with(suggest_balanced)

    def suggest_tiara(self) -> None:
        self._suggest_with(suggest_tiara)

    def _suggest_with(self, choose) -> None:
        bank_questions = [item.data(0, ROLE) for item in self.bank_items()]
        chosen = choose(bank_questions, question_minutes_for(self.offered.value()))
        self.set_questions([PlannedQuestion(q.text, q.category, q.minutes, q.question_id)
                            for q in chosen])

    def budget_state(self):
        return time_budget([q.minutes for q in self.questions()], self.offered.value())

    def _renumber(self, *_args) -> None:
        for index in range(self.chosen.topLevelItemCount()):
            self.chosen.topLevelItem(index).setText(0, str(index + 1))

    def _changed(self, *_args) -> None:
        self._renumber()
        self._mark_chosen()
        self._update_budget()
        self.changed.emit()

    def _update_budget(self) -> None:
        budget = self.budget_state()
        self.budget.setText(budget.summary())
        if budget.over:
            set_themed_style(self.budget, "color: {error}; font-weight: bold;")
        elif budget.tight:
            set_themed_style(self.budget, "color: {warning};")
        else:
            set_themed_style(self.budget, "")
