"""ReferrerEdit: the "Referred by" field, a line edit whose suggestions are searched in SQL.

Each keystroke runs one full-text query for a few matches (never a list of every
name), so it stays quick with a hundred thousand people.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from netdesk.core.interviews import find_people
from netdesk.db.models import Person

SUGGESTIONS = 12
ID_ROLE = Qt.ItemDataRole.UserRole


class ReferrerEdit(QLineEdit):
    """Type part of a name and pick the person; clear the field for nobody.

    ``person_id()`` is the person picked; text typed but not picked yet is
    ``is_pending()`` (the editor treats it as a field still to be fixed).
    """

    person_picked = Signal(object)
    """The id the user picked, or None when they cleared the field."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Referred by")
        self.setPlaceholderText("Nobody: someone I know directly (type a name to pick)")
        self.setClearButtonEnabled(True)
        self._person_id: int | None = None
        self._name = ""
        self._popup_made = False  # Qt makes the popup (a window) on first use: only then
        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        self._completer.setWidget(self)  # not setCompleter: the query does the filtering
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.activated[QModelIndex].connect(self._picked)
        self.textEdited.connect(self._search)
        self.returnPressed.connect(self._pick_only_match)

    def completer_popup(self):
        return self._completer.popup()

    def person_id(self) -> int | None:
        return self._person_id

    def set_person(self, person_id: int | None) -> None:
        """Show ``person_id`` (None: nobody) without announcing it as picked."""
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        self._person_id = person.id if person else None
        self._name = person.full_name if person else ""
        self.setText(self._name)
        self._hide_suggestions()

    def is_pending(self) -> bool:
        """True when the text is not the person picked (typed, not picked from the list)."""
        return self.text().strip() != self._name.strip()

    def _search(self, text: str) -> None:
        self.suggestions.clear()
        if not text.strip():
            self._hide_suggestions()
            if self._person_id is not None:
                self._set(None)
            return
        for person_id, name, detail in find_people(text, SUGGESTIONS):
            item = QStandardItem(f"{name} — {detail}" if detail else name)
            item.setData(person_id, ID_ROLE)
            item.setData(name, Qt.ItemDataRole.AccessibleTextRole)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount():
            self._popup_made = True
            self._completer.complete()
        else:
            self._hide_suggestions()

    def _hide_suggestions(self) -> None:
        if self._popup_made:
            self._completer.popup().hide()

    def _picked(self, index: QModelIndex) -> None:
        person_id = index.data(ID_ROLE)
        if person_id is not None:
            self._set(person_id)

    def _pick_only_match(self) -> None:
        if self.is_pending() and self.suggestions.rowCount() == 1:
            self._set(self.suggestions.item(0).data(ID_ROLE))

    def _set(self, person_id: int | None) -> None:
        self.set_person(person_id)
        self.person_picked.emit(self._person_id)
