"""WhoCanIntroduceDialog: the people at an organization and how the user reaches each one.

Opened from a row of the LAMP list. Each person is listed with the shortest referral path
to them (known directly; ask X to introduce you; no path yet); the ones within two steps
are what makes the row's Advocacy yes. From a person reached through someone, "Ask for an
introduction…" drafts the double opt-in request to the person in the middle.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from netdesk.core.changes import Changes
from netdesk.core.graph import load_graph
from netdesk.core.introductions import introductions
from netdesk.core.lamp import Contact, path_brief, path_text, who_can_introduce
from netdesk.db.models import Organization
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import note_label, plain_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.theme import scaled_font
from netdesk.ui.common.wording import short_date

CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1


class WhoCanIntroduceDialog(QDialog):
    """The organization's people, closest first; ``contacts`` as last read."""

    open_person_requested = Signal(int)

    def __init__(self, organization_id: int, parent=None, today: datetime.date | None = None):
        super().__init__(parent)
        self.organization_id = organization_id
        self._today = today
        organization = Organization.get_or_none(Organization.id == organization_id)
        name = organization.name if organization else "this organization"
        self.setWindowTitle(f"Who Can Introduce Me — {name}")
        heading = plain_label(f"Who can introduce me at {name}")
        heading.setFont(scaled_font(heading.font(), "heading", bold=True))
        self.people = QTreeWidget()
        self.people.setAccessibleName("People there")
        self.people.setHeaderLabels(["Person", "Job title", "How you reach them",
                                     "Introduction"])
        self.people.setRootIsDecorated(False)
        self.people.setAllColumnsShowFocus(True)
        header = self.people.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.itemSelectionChanged.connect(self._update_buttons)
        self.people.itemDoubleClicked.connect(lambda *_: self.open_person())
        self.path = note_label("")
        self.path.setAccessibleName("Path to the selected person")
        self.empty = note_label(
            "Nobody in your network works there yet. Ask the people you know whom they "
            "know there, or record someone you found in your research.")
        self.open_button = QPushButton("&Open person")
        self.open_button.clicked.connect(self.open_person)
        self.ask_button = QPushButton("&Ask for an introduction…")
        self.ask_button.clicked.connect(self.ask)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.ask_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note_label(
            "Someone you know directly, or one referral step further, makes Advocacy yes. "
            "For someone further away, ask the person just before them on the path."))
        layout.addWidget(self.people, 1)
        layout.addWidget(self.path)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.contacts: list[Contact] = []
        publisher().changed.connect(self.apply_changes)
        self.reload()
        fit_to_screen(self, text_size(self, 110, 22))

    def reload(self) -> None:
        graph = load_graph()
        self.contacts = who_can_introduce(self.organization_id, graph)
        status = {(r.introducer_id, r.target_id): r.summary(short_date)
                  for r in reversed(introductions())}
        selected = self.selected_contact()
        self.people.clear()
        for contact in self.contacts:
            asked = status.get((contact.introducer, contact.person_id), "") \
                if contact.introducer is not None else ""
            item = QTreeWidgetItem([contact.name, contact.job_title,
                                    path_brief(contact, graph), asked])
            item.setData(0, CONTACT_ROLE, contact)
            item.setData(2, CONTACT_ROLE, path_text(contact, graph))
            item.setToolTip(2, tooltip(path_text(contact, graph)))
            self.people.addTopLevelItem(item)
            if selected is not None and selected.person_id == contact.person_id:
                self.people.setCurrentItem(item)
        if self.people.currentItem() is None and self.people.topLevelItemCount():
            self.people.setCurrentItem(self.people.topLevelItem(0))
        self.empty.setVisible(not self.contacts)
        self.people.setVisible(bool(self.contacts))
        self.path.setVisible(bool(self.contacts))
        self._update_buttons()

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        if changes.everything or changes.referrals or changes.lamp or changes.people_moved:
            self.reload()

    def selected_contact(self) -> Contact | None:
        item = self.people.currentItem()
        return item.data(0, CONTACT_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        contact = self.selected_contact()
        item = self.people.currentItem()
        self.path.setText(item.data(2, CONTACT_ROLE) if item is not None else "")
        self.open_button.setEnabled(contact is not None)
        self.ask_button.setEnabled(contact is not None and contact.introducer is not None)

    def open_person(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            self.open_person_requested.emit(contact.person_id)

    def ask(self):
        from netdesk.ui.method.introduction_dialog import IntroductionDialog

        contact = self.selected_contact()
        if contact is None or contact.introducer is None:
            return None
        dialog = IntroductionDialog(contact.introducer, contact.person_id, self,
                                    today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
