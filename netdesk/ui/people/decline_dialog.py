"""People → Record a no: close the thread kindly and show who to approach next in the field."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.declines import record_decline
from netdesk.core.followups import FollowUpError
from netdesk.db.models import Person
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_text import note_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.common.wording import date_field_format, plural
from netdesk.ui.dashboard.follow_up_actions import from_qdate, to_qdate

ID_ROLE = Qt.ItemDataRole.UserRole


class DeclineDialog(QDialog):
    """Record that a person said no (or never replied); then suggest the next people."""

    open_person_requested = Signal(int)
    recorded = Signal(int)
    """The decline was saved (the person's id)."""

    def __init__(self, person_id: int, parent: QWidget | None = None,
                 today: Callable[[], datetime.date] = datetime.date.today):
        super().__init__(parent)
        self._person_id = person_id
        self._today = today
        person = Person.get_by_id(person_id)
        self._name = person.full_name
        self.setWindowTitle(f"Record a no from {self._name}")
        self.setMinimumWidth(text_size(self, 64, 0).width())
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        fit_to_screen(self)

    def _build_form(self) -> QWidget:
        page = QWidget()
        intro = note_label(
            f"A no is part of networking. netdesk closes the open follow-ups with "
            f"{self._name} (they stay in the record), cancels interviews still being "
            f"planned, and suggests who to approach next.")
        self.said_no = QRadioButton("They &said no")
        self.no_reply = QRadioButton("No re&ply after the follow-up")
        self.said_no.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.said_no)
        group.addButton(self.no_reply)
        self.date_edit = QDateEdit(to_qdate(self._today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_field_format())
        self.date_edit.setMaximumDate(to_qdate(self._today()))
        self.date_edit.setAccessibleName("Date")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. Busy this term; try again in spring")
        self.message = note_label()
        set_themed_style(self.message, "color: {error};")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.said_no)
        form.addRow(self.no_reply)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Note:", self.note)
        buttons = QDialogButtonBox()
        self.record_button = QPushButton("&Record")
        self.record_button.setDefault(True)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.summary = note_label()
        self.next_caption = note_label()
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName("People to approach next")
        self.suggestions.setWordWrap(True)
        self.suggestions.setSpacing(2)
        self.suggestions.itemActivated.connect(self._open)
        self.suggestions.itemClicked.connect(self._open)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        close.accepted.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.next_caption)
        layout.addWidget(self.suggestions, 1)
        layout.addWidget(close)
        return page

    def record(self) -> None:
        reason = "no_reply" if self.no_reply.isChecked() else "declined"
        try:
            result = record_decline(self._person_id, from_qdate(self.date_edit.date()),
                                    reason=reason, note=self.note.text())
        except FollowUpError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        publish(result.changes, self)
        parts = [f"Recorded. {self._name} is marked as declined"]
        if result.closed_follow_ups:
            n = result.closed_follow_ups
            parts.append(f"{plural(n, 'open follow-up')} closed")
        if result.cancelled_interviews:
            n = result.cancelled_interviews
            parts.append(f"{plural(n, 'planned interview')} cancelled")
        self.summary.setText("; ".join(parts) + ". Nothing was deleted.")
        for suggestion in result.suggestions:
            detail = ", ".join(p for p in (suggestion.job_title, suggestion.organization) if p)
            item = QListWidgetItem(f"{suggestion.person_name} · {suggestion.reason}"
                                   + (f"\n    {detail}" if detail else ""))
            item.setData(ID_ROLE, suggestion.person_id)
            item.setToolTip(tooltip(f"Open {suggestion.person_name}"))
            self.suggestions.addItem(item)
        self.next_caption.setText(
            "Who to approach next in the same field (click to open):" if result.suggestions
            else "No one else in the same career field is waiting to be contacted. Ask your "
                 "contacts for a referral to someone new.")
        self.suggestions.setVisible(bool(result.suggestions))
        self.setWindowTitle(f"A no from {self._name}")
        self.pages.setCurrentIndex(1)
        self.recorded.emit(self._person_id)

    def _open(self, item: QListWidgetItem) -> None:
        self.open_person_requested.emit(int(item.data(ID_ROLE)))
        self.accept()
