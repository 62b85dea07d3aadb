"""MessageEditor: a message drafted from a template, to edit, copy or open in the mail program."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.templates import (
    ensure_default_templates,
    render_template,
    templates_of,
)
from netdesk.db.models import Template
from netdesk.ui.common.changes import publish
from netdesk.ui.common.forms import buddy_label
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.common.sending import SendsMessage


class MessageEditor(SendsMessage, QWidget):
    """Template picker, subject and body, with Redraft, Copy and Open in mail program.

    ``values`` is a callable returning the placeholder values at the moment of
    drafting (so values typed on earlier wizard pages are used).
    """

    status_message = Signal(str)

    def __init__(self, kind: str, values: Callable[[], dict[str, str]], parent=None):
        super().__init__(parent)
        self.kind = kind
        self._values = values
        self.recipient = ""
        publish(ensure_default_templates(), self)
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        self.redraft_button = QPushButton("&Redraft from template")
        self.redraft_button.setToolTip("Replace the message with the chosen template, filled in")
        self.redraft_button.clicked.connect(self.redraft)
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Message")
        self.body.setTabChangesFocus(True)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Copy the subject and message to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.mail_button = QPushButton("Open in &mail program")
        self.mail_button.setToolTip("Start a new email with this message in your mail program")
        self.mail_button.clicked.connect(self.open_in_mail)
        self.hint = plain_label()
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(self.hint.foregroundRole())

        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.redraft_button)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(buddy_label("&Template", self.template), template_row)
        form.addRow("S&ubject", self.subject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.mail_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.reload_templates()

    def reload_templates(self) -> None:
        current = self.template.currentData()
        self.template.clear()
        for template in templates_of(self.kind):
            self.template.addItem(template.name, template.id)
        index = self.template.findData(current)
        self.template.setCurrentIndex(max(index, 0))

    def choose_template(self, name_part: str) -> None:
        """Select the first template whose name contains ``name_part``."""
        for index in range(self.template.count()):
            if name_part.casefold() in self.template.itemText(index).casefold():
                self.template.setCurrentIndex(index)
                return

    def redraft(self) -> None:
        template = Template.get_or_none(Template.id == self.template.currentData())
        if template is None:
            self.hint.setText("No template of this kind: add one in Question bank & templates.")
            return
        message = render_template(template, self._values())
        self.subject.setText(message.subject)
        self.body.setPlainText(message.body)
        missing = "[" in message.subject + message.body
        self.hint.setText("Fill in the parts in [brackets] before sending." if missing else "")

    def is_empty(self) -> bool:
        return not self.body.toPlainText().strip()

    def copy(self) -> None:
        super().copy()
        self.status_message.emit("Message copied to the clipboard.")

    def set_recipient(self, email: str) -> None:
        self.recipient = email.strip()
        self.mail_button.setToolTip(tooltip(
            f"Start a new email to {self.recipient} in your mail program" if self.recipient
            else "Start a new email in your mail program (no email address on file)"))

    def focus_body(self) -> None:
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)
