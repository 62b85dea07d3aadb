"""IntroductionDialog: draft a double opt-in introduction request, send it, record it asked.

The draft (:func:`netdesk.core.introductions.draft_request`) is a short note to the person
in the middle and a paragraph about the user for them to forward; the user edits it, copies
it or opens it in their mail program (as the outreach message editor does), then records
it as asked on a date. Marking it introduced or declined happens in the LAMP window.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from netdesk.core.followups import FollowUpError
from netdesk.core.introductions import IntroductionError, draft_request, record_asked
from netdesk.core.templates import full_text
from netdesk.db.models import Person
from netdesk.ui.common.changes import publish
from netdesk.ui.common.forms import buddy_label
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.sending import SendsMessage
from netdesk.ui.common.wording import date_field_format


class IntroductionDialog(SendsMessage, QDialog):
    """The request from the user to ``introducer_id`` about ``target_id``."""

    def __init__(self, introducer_id: int, target_id: int, parent=None,
                 today: datetime.date | None = None):
        super().__init__(parent)
        self.introducer_id = introducer_id
        self.target_id = target_id
        self._today = today or datetime.date.today()
        introducer = Person.get_by_id(introducer_id)
        target = Person.get_by_id(target_id)
        self.setWindowTitle("Ask for an Introduction")
        draft = draft_request(introducer_id, target_id)
        self.recipient = draft.recipient
        explanation = note_label(
            f"Ask {introducer.full_name} to check with {target.full_name} first, then "
            "introduce you: nobody is put on the spot. The part below the line is written "
            "for them to forward as it is.")
        self.to = plain_label(f"{introducer.full_name} <{draft.recipient}>" if draft.recipient
                              else f"{introducer.full_name} (no email address on file)")
        self.to.setAccessibleName("To")
        self.subject = QLineEdit(draft.subject)
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit(draft.body)
        self.body.setAccessibleName("Message")
        self.body.setTabChangesFocus(True)
        self.asked_on = QDateEdit(QDate(self._today))
        self.asked_on.setDisplayFormat(date_field_format())
        self.asked_on.setCalendarPopup(True)
        self.asked_on.setAccessibleName("Asked on")
        self.asked_on.setMaximumDate(QDate(self._today))
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Copy the subject and message to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.mail_button = QPushButton("Open in &mail program")
        self.mail_button.setToolTip(tooltip(
            f"Start a new email to {draft.recipient} in your mail program" if draft.recipient
            else "Start a new email in your mail program (no email address on file)"))
        self.mail_button.clicked.connect(self.open_in_mail)
        self.hint = note_label("")
        self.problem = problem_label()
        self.problem.hide()
        form = QFormLayout()
        form.addRow("To:", self.to)
        form.addRow(buddy_label("S&ubject:", self.subject), self.subject)
        form.addRow(buddy_label("As&ked on:", self.asked_on), self.asked_on)
        send = QHBoxLayout()
        send.addWidget(self.hint, 1)
        send.addWidget(self.copy_button)
        send.addWidget(self.mail_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton("&Record as asked",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addLayout(send)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_to_screen(self, text_size(self, 100, 32))

    def record(self) -> None:
        try:
            changes = record_asked(self.introducer_id, self.target_id,
                                   full_text(self.subject.text(), self.body.toPlainText()),
                                   self.asked_on.date().toPython(), today=self._today)
        except (IntroductionError, FollowUpError) as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        publish(changes, self)
        self.accept()
