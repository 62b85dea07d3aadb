"""PersonPicker: a filter box over the network and the matching people, searched in SQL."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from netdesk.core.interviews import find_people
from netdesk.db.models import Person
from netdesk.ui.common.line_edits import EnterLineEdit
from netdesk.ui.common.plain_text import tooltip

LIMIT = 100
NONE_ROLE = Qt.ItemDataRole.UserRole + 1


class PersonPicker(QWidget):
    """Type part of a name, organization, title, email or tag; pick one of the matches."""

    person_changed = Signal(object)
    """The chosen person's id, or None."""

    def __init__(self, placeholder: str = "Type a name, organization or title…", parent=None,
                 none_text: str = ""):
        super().__init__(parent)
        self.none_text = none_text
        self.filter = EnterLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find a person")
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Matching people")
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.filter.textEdited.connect(lambda _text: self._timer.start())
        self.filter.returnPressed.connect(self._choose_first)
        self.filter.installEventFilter(self)
        self.list.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self._person_id: int | None = None
        self.refresh()

    def person_id(self) -> int | None:
        return self._person_id

    def set_person(self, person_id: int | None) -> None:
        """Choose ``person_id`` (shown even if the filter would hide them)."""
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        self.filter.clear()
        self.refresh(keep=person.id if person else None)
        if person is None:
            self.list.setCurrentItem(None)
            self._set(None)
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == person.id:
                self.list.setCurrentItem(item)
                break
        self._set(person.id)

    def refresh(self, keep: int | None = None) -> None:
        """Re-run the search for the filter text; the current person stays chosen if listed."""
        keep = keep if keep is not None else self._person_id
        people = find_people(self.filter.text(), LIMIT)
        if keep is not None and all(p[0] != keep for p in people):
            person = Person.get_or_none(Person.id == keep)
            if person is not None and not self.filter.text().strip():
                organization = person.organization.name if person.organization_id else ""
                detail = ", ".join(x for x in (person.job_title, organization) if x)
                people.insert(0, (person.id, person.full_name, detail))
        self.list.blockSignals(True)
        self.list.clear()
        current = None
        if self.none_text:
            item = QListWidgetItem(self.none_text)
            item.setData(NONE_ROLE, True)
            self.list.addItem(item)
            if keep is None:
                current = item
        for person_id, name, detail in people:
            item = QListWidgetItem(f"{name} — {detail}" if detail else name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setToolTip(tooltip(f"{name}\n{detail}" if detail else name))
            self.list.addItem(item)
            if person_id == keep:
                current = item
        if current is not None:
            self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        if not people and not self.none_text:
            item = QListWidgetItem("Nobody matches." if self.filter.text().strip()
                                   else "Nobody in your network yet.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Down in the filter box moves into the list, as in a search field."""
        if (watched is self.filter and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down):
            if self.list.currentItem() is None and self.list.count():
                self.list.setCurrentRow(0)
            self.list.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _choose_first(self) -> None:
        self._timer.stop()
        self.refresh()
        first = self.list.item(1 if self.none_text and self.list.count() > 1 else 0)
        if first is not None and first.data(Qt.ItemDataRole.UserRole) is not None:
            self.list.setCurrentItem(first)
            self.list.setFocus()

    def _current_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None and item.data(NONE_ROLE):
            self._set(None)
            return
        person_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if person_id is not None:
            self._set(person_id)

    def _set(self, person_id: int | None) -> None:
        if person_id != self._person_id:
            self._person_id = person_id
            self.person_changed.emit(person_id)
