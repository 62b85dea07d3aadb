"""BankDialog: manage the question bank and the message templates."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.question_bank import (
    add_question,
    bank,
    check_question,
    delete_own_question,
    ensure_default_questions,
    restore_default_questions,
    set_hidden,
    update_question,
)
from netdesk.core.templates import (
    delete_template,
    ensure_default_templates,
    preview_values,
    render,
    restore_default_templates,
    save_template,
    unknown_placeholders,
)
from netdesk.core.vocabulary import CATEGORY_LABELS, TEMPLATE_KIND_LABELS
from netdesk.db.models import Question, Template
from netdesk.ui.common.changes import publish
from netdesk.ui.common.empty_state import attach_empty_state
from netdesk.ui.common.forms import buddy_label, close_buttons
from netdesk.ui.common.line_edits import no_auto_default
from netdesk.ui.common.placeholder_chips import PlaceholderChips
from netdesk.ui.common.plain_messages import ask_yes
from netdesk.ui.common.plain_text import plain_label, problem_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size

ROLE = Qt.ItemDataRole.UserRole


class QuestionsTab(QWidget):
    """The bank: filter by category, edit a question, hide it, or add your own."""

    def __init__(self, parent=None):
        super().__init__(parent)
        publish(ensure_default_questions(), self)
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName("Show category")
        self.category_filter.addItem("All categories", "")
        for key, label in CATEGORY_LABELS.items():
            self.category_filter.addItem(label, key)
        self.category_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_hidden = QCheckBox("Show &hidden questions")
        self.show_hidden.toggled.connect(lambda _on: self.reload())
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Questions in the bank")
        self.tree.setHeaderLabels(["Question", "Category", "Min"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._current_changed)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Question text")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 3 + 14)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for key, label in CATEGORY_LABELS.items():
            self.category.addItem(label, key)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Estimated minutes")
        self.origin = plain_label()
        self.origin.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem = problem_label()
        self.new_button = QPushButton("&New question")
        self.new_button.clicked.connect(self.new_question)
        self.save_button = QPushButton("&Save question")
        self.save_button.clicked.connect(self.save)
        self.hide_button = QPushButton("H&ide")
        self.hide_button.setToolTip("Hidden questions are not offered when planning; interviews "
                                    "that already use them keep them")
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setToolTip("Delete one of your own questions (shipped ones can be "
                                      "hidden)")
        self.delete_button.clicked.connect(self.delete)
        self.restore_button = QPushButton("&Restore defaults…")
        self.restore_button.setToolTip("Bring back the shipped questions as shipped; your own "
                                       "questions stay")
        self.restore_button.clicked.connect(self.restore_defaults)

        filters = QHBoxLayout()
        filters.addWidget(self.category_filter)
        filters.addWidget(self.show_hidden)
        filters.addStretch(1)
        filters.addWidget(self.restore_button)
        editor = QGroupBox("Question")
        form = QFormLayout(editor)
        form.addRow("Te&xt", self.text)
        row = QHBoxLayout()
        row.addWidget(self.category)
        row.addWidget(self.minutes)
        row.addWidget(self.origin, 1)
        form.addRow(buddy_label("&Category", self.category), row)
        form.addRow(self.problem)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.hide_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(editor)
        self.empty = attach_empty_state(self.tree, self._empty_action)
        self.question_id: int | None = None
        self._shown: tuple = ()
        self.reload()

    def reload(self, select: int | None = None) -> None:
        select = select if select is not None else self.question_id
        self.tree.blockSignals(True)
        self.tree.clear()
        current = None
        for question in bank(include_hidden=self.show_hidden.isChecked(),
                             category=self.category_filter.currentData() or None):
            item = QTreeWidgetItem([question.text, CATEGORY_LABELS.get(question.category, ""),
                                    str(question.minutes)])
            item.setData(0, ROLE, question.id)
            item.setToolTip(0, tooltip(question.text))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            if question.hidden:
                font = QFont(item.font(0))
                font.setItalic(True)
                for column in range(3):
                    item.setFont(column, font)
                    item.setForeground(column, self.palette().placeholderText())
                item.setText(1, f"{item.text(1)} (hidden)")
            self.tree.addTopLevelItem(item)
            if question.id == select:
                current = item
        self.tree.blockSignals(False)
        if current is None and self.tree.topLevelItemCount():
            current = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(current)
        if current is None:
            self._show(None)
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        category = self.category_filter.currentData()
        where = f" in “{self.category_filter.currentText()}”" if category else ""
        hidden_left = not self.show_hidden.isChecked()
        self.empty.show_empty(
            not self.tree.topLevelItemCount(), f"No questions{where} to show",
            ("The ones here are hidden. Show them, or write your own below." if hidden_left
             else "Write your own below: it is offered whenever you plan an interview."),
            "Show Hidden Questions" if hidden_left else "New Question")

    def _empty_action(self) -> None:
        if not self.show_hidden.isChecked():
            self.show_hidden.setChecked(True)
        else:
            self.new_question()

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _current_changed(self, item, _previous) -> None:
        if self.is_dirty() and self.question_id is not None:
            self.save_quietly()
        self._show(Question.get_or_none(Question.id == item.data(0, ROLE)) if item else None)

    def _values(self) -> tuple:
        return (" ".join(self.text.toPlainText().split()), self.category.currentData(),
                self.minutes.value())

    def is_dirty(self) -> bool:
        return self._values() != self._shown

    def save_quietly(self) -> None:
        """Keep edits made before moving on (when they are valid)."""
        text, category, minutes = self._values()
        if check_question(text, category, minutes) is None:
            if self.question_id is None:
                changes = add_question(text, category, minutes)
            else:
                changes = update_question(self.question_id, text, category, minutes)
            publish(changes, self)

    def _show(self, question: Question | None) -> None:
        self.question_id = question.id if question else None
        self.text.setPlainText(question.text if question else "")
        self.category.setCurrentIndex(self.category.findData(question.category if question
                                                             else "own"))
        self.minutes.setValue(question.minutes if question else 3)
        self.origin.setText("" if question is None else
                            "Shipped with netdesk" if question.is_default else "Your own")
        self.hide_button.setText("Show a&gain" if question and question.hidden else "H&ide")
        self.hide_button.setEnabled(question is not None)
        self.delete_button.setEnabled(question is not None and not question.is_default)
        self.save_button.setText("&Save question" if question else "&Add question")
        self.problem.setText("")
        self._shown = self._values()

    def new_question(self) -> None:
        self.tree.setCurrentItem(None)
        self._show(None)
        category = self.category_filter.currentData()
        if category:
            self.category.setCurrentIndex(self.category.findData(category))
        self.text.setFocus()

    def save(self) -> bool:
        text = " ".join(self.text.toPlainText().split())
        category, minutes = self.category.currentData(), self.minutes.value()
        problem = check_question(text, category, minutes)
        if problem:
            self.problem.setText(problem)
            self.text.setFocus()
            return False
        if self.question_id is None:
            changes = add_question(text, category, minutes)
        else:
            changes = update_question(self.question_id, text, category, minutes)
        self.question_id = changes.id
        publish(changes, self)
        if self.category_filter.currentData() not in ("", category):
            self.category_filter.setCurrentIndex(0)
        self.reload(self.question_id)
        return True

    def toggle_hidden(self) -> None:
        question = Question.get_or_none(Question.id == self.question_id)
        if question is None:
            return
        publish(set_hidden(question.id, not question.hidden), self)
        if not question.hidden and not self.show_hidden.isChecked():
            row = self.tree.indexOfTopLevelItem(self.tree.currentItem())
            self.question_id = None
            self.reload()
            if self.tree.topLevelItemCount():
                self.tree.setCurrentItem(self.tree.topLevelItem(
                    min(row, self.tree.topLevelItemCount() - 1)))
        else:
            self.reload(question.id)

    def delete(self) -> None:
        question = Question.get_or_none(Question.id == self.question_id)
        if question is None or question.is_default:
            return
        if not ask_yes(self, "Delete question",
                       f"Delete “{question.text}” from your bank?\n\n"
                       "Interviews that use it keep their copy."):
            return
        publish(delete_own_question(question.id), self)
        self.question_id = None
        self.reload()

    def restore_defaults(self) -> Changes | None:
        if not ask_yes(
            self, "Restore the default questions",
            "Put the shipped questions back as they were shipped? Edited ones are reset and "
            "hidden ones shown again. Your own questions are not touched."):
            return None
        changed = restore_default_questions()
        publish(changed, self)
        self.reload()
        return changed


class _FocusWatcher(QObject):
    """Points the placeholder chips at whichever editor last had the focus."""

    def __init__(self, chips: PlaceholderChips, parent=None):
        super().__init__(parent)
        self.chips = chips

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusIn:
            self.chips.set_target(watched)
        return False


class TemplatesTab(QWidget):
    """Message templates by kind, with clickable placeholder chips and a live preview."""

    def __init__(self, parent=None):
        super().__init__(parent)
        publish(ensure_default_templates(), self)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Templates")
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.name = QLineEdit()
        self.name.setAccessibleName("Template name")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Used for")
        for key, label in TEMPLATE_KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Message")
        self.body.setTabChangesFocus(True)
        self.chips = PlaceholderChips()
        self.chips.set_target(self.body)
        self._watcher = _FocusWatcher(self.chips, self)
        self.subject.installEventFilter(self._watcher)
        self.body.installEventFilter(self._watcher)
        self.warning = problem_label()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview")
        for editor in (self.subject, self.body):
            editor.textChanged.connect(self.update_preview)
        self.new_button = QPushButton("New te&mplate")
        self.new_button.clicked.connect(self.new_template)
        self.duplicate_button = QPushButton("D&uplicate")
        self.duplicate_button.clicked.connect(self.duplicate)
        self.save_button = QPushButton("&Save template")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete)
        self.restore_button = QPushButton("&Restore defaults…")
        self.restore_button.setToolTip("Bring back the shipped templates as shipped; your own "
                                       "templates stay")
        self.restore_button.clicked.connect(self.restore_defaults)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("Used &for", self.kind)
        form.addRow("Su&bject", self.subject)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.body, 2)
        editor_layout.addWidget(plain_label("Placeholders — click to insert at the cursor:"))
        editor_layout.addWidget(self.chips)
        editor_layout.addWidget(self.warning)
        editor_layout.addWidget(plain_label("Preview with your profile and an example person:"))
        editor_layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.save_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        editor_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(editor)
        splitter.setSizes([240, 620])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.template_id: int | None = None
        self._shown: tuple = ()
        self.reload()

    def reload(self, select: int | None = None) -> None:
        select = select if select is not None else self.template_id
        self.tree.blockSignals(True)
        self.tree.clear()
        current = None
        for kind, label in TEMPLATE_KIND_LABELS.items():
            parent = QTreeWidgetItem([label])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent)
            for template in Template.select().where(Template.kind == kind).order_by(
                    Template.is_default.desc(), Template.name):
                item = QTreeWidgetItem(parent, [template.name])
                item.setData(0, ROLE, template.id)
                item.setToolTip(0, "Shipped with netdesk" if template.is_default
                                else "Your own")
                if template.id == select:
                    current = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if current is None:
            first = self.tree.topLevelItem(0)
            current = first.child(0) if first and first.childCount() else None
        self.tree.setCurrentItem(current)
        if current is None:
            self._show(None)

    def _values(self) -> tuple:
        return (self.name.text(), self.kind.currentData(), self.subject.text(),
                self.body.toPlainText())

    def is_dirty(self) -> bool:
        return self._values() != self._shown

    def save_quietly(self) -> None:
        """Keep edits made before moving on (when they are valid)."""
        try:
            changes = save_template(self.template_id, *self._values())
        except ValueError:
            return
        self.template_id = changes.id
        publish(changes, self)

    def _current_changed(self, item, _previous) -> None:
        template_id = item.data(0, ROLE) if item is not None else None
        if self.is_dirty() and self.template_id is not None:
            self.save_quietly()
        if template_id is not None:
            self._show(Template.get_or_none(Template.id == template_id))

    def _show(self, template: Template | None) -> None:
        self.template_id = template.id if template else None
        self.name.setText(template.name if template else "")
        self.kind.setCurrentIndex(self.kind.findData(template.kind if template else "outreach"))
        self.subject.setText(template.subject if template else "")
        self.body.setPlainText(template.body if template else "")
        self.delete_button.setEnabled(template is not None)
        self.duplicate_button.setEnabled(template is not None)
        self.save_button.setText("&Save template" if template else "&Add template")
        self.update_preview()
        self._shown = self._values()

    def update_preview(self) -> None:
        values = preview_values()
        subject = render(self.subject.text(), values)
        body = render(self.body.toPlainText(), values)
        self.preview.setPlainText(f"Subject: {subject}\n\n{body}" if subject else body)
        unknown = unknown_placeholders(self.subject.text() + self.body.toPlainText())
        self.warning.setText(
            "netdesk cannot fill " + ", ".join(f"{{{n}}}" for n in unknown)
            + " — check the spelling or use a chip below." if unknown else "")

    def new_template(self) -> None:
        self.tree.setCurrentItem(None)
        self._show(None)
        self.name.setFocus()

    def duplicate(self) -> None:
        name = self.name.text()
        self.template_id = None
        self.tree.setCurrentItem(None)
        self.name.setText(f"{name} (copy)")
        self.save_button.setText("&Add template")
        self.save()

    def save(self) -> bool:
        try:
            changes = save_template(self.template_id, self.name.text(),
                                    self.kind.currentData(), self.subject.text(),
                                    self.body.toPlainText())
        except ValueError as error:
            self.warning.setText(str(error))
            (self.name if "name" in str(error) else self.body).setFocus()
            return False
        self.template_id = changes.id
        publish(changes, self)
        self.reload(self.template_id)
        return True

    def delete(self) -> None:
        template = Template.get_or_none(Template.id == self.template_id)
        if template is None:
            return
        extra = "\n\nRestore defaults brings it back." if template.is_default else ""
        if not ask_yes(self, "Delete template",
                       f"Delete the template “{template.name}”?{extra}"):
            return
        publish(delete_template(template.id), self)
        self.template_id = None
        self.reload()

    def restore_defaults(self) -> bool:
        if not ask_yes(
            self, "Restore the default templates",
            "Put the shipped templates back as they were shipped? Changes to them are lost; "
            "your own templates are not touched."):
            return False
        publish(restore_default_templates(), self)
        self.template_id = None
        self.reload()
        return True


class BankDialog(QDialog):
    """The question bank and the message templates, on two tabs."""

    def __init__(self, parent=None, tab: str = "questions"):
        super().__init__(parent)
        self.setWindowTitle("Question bank & templates")
        fit_to_screen(self, text_size(self, 128, 40))
        self.questions = QuestionsTab()
        self.templates = TemplatesTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.questions, "&Questions")
        self.tabs.addTab(self.templates, "&Templates")
        if tab == "templates":
            self.tabs.setCurrentWidget(self.templates)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close_buttons(self))
        no_auto_default(self.tabs)

    def done(self, result: int) -> None:
        """Closing keeps valid edits not yet saved."""
        if self.questions.is_dirty() and self.questions.question_id is not None:
            self.questions.save_quietly()
        if self.templates.is_dirty() and self.templates.template_id is not None:
            self.templates.save_quietly()
        super().done(result)
