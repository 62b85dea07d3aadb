"""Merging organizations or career fields: the pick-a-target dialog and the undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from netdesk.core import career_fields, organizations
from netdesk.core.changes import Changes
from netdesk.core.organizations import CatalogRow, plural
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import note_label
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.people.catalog_model import KINDS, CatalogModel

# The writes behind each tab's buttons.
from netdesk.ui.people.catalog_page import catalog_view

if TYPE_CHECKING:
    from netdesk.ui.people.catalog_dialog import CatalogDialog


def undo_keys() -> str:
    """The Undo shortcut as the platform writes it ("Ctrl+Z")."""
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText)


UNMERGES = {"organization": organizations.unmerge_organizations,
            "career_field": career_fields.unmerge_career_fields}
MERGES = {"organization": organizations.merge_organizations_undoably,
          "career_field": career_fields.merge_career_fields_undoably}


class MergeCommand(QUndoCommand):
    """A merge on the window's undo stack: redo merges (again), undo brings the merged
    ones back; each step is announced, a refusal is shown and drops the step."""

    def __init__(self, dialog: CatalogDialog, kind: str, source_ids: list[int],
                 target_id: int, text: str):
        super().__init__(text)
        self.dialog = dialog
        self.kind = kind
        self.source_ids = list(source_ids)
        self.target_id = target_id
        self.snapshot: dict = {}
        self.changes: Changes | None = None

    def redo(self) -> None:
        try:
            merged = MERGES[self.kind](self.source_ids, self.target_id)
        except ValueError as error:
            self._refused(error)
            return
        self.snapshot = merged.snapshot
        self.changes = merged.changes
        self._announce(merged.changes, select=[self.target_id])

    def undo(self) -> None:
        try:
            changes = UNMERGES[self.kind](self.snapshot)
        except ValueError as error:
            self._refused(error)
            return
        ids = changes.organizations if self.kind == "organization" else changes.career_fields
        self.source_ids = sorted(set(ids) - {self.target_id})
        self._announce(changes, select=self.source_ids)

    def _refused(self, error: Exception) -> None:
        self.setObsolete(True)
        self.changes = None
        warn(self._parent(), "Not changed", str(error))

    def _announce(self, changes: Changes, select: list[int]) -> None:
        publish(changes, None)
        if shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.pages[self.kind].select_ids(select)

    def _parent(self):
        return self.dialog if shiboken6.isValid(self.dialog) else None

def merge_effect(kind: str, sources: list[CatalogRow]) -> str:
    """What merging ``sources`` does, in words, ending with that it cannot be undone."""
    one = len(sources) == 1
    its, names = ("Its" if one else "Their"), names_of(sources)
    if kind == "organization":
        text = (f"{its} people, with their interviews, move to the organization you pick, "
                f"and {its.lower()} notes are added to that organization's notes.")
    else:
        text = (f"{its} people, interviews and organizations move to the career field you "
                "pick; nobody is listed twice.")
    return (f"{text} Then {names} {'is' if one else 'are'} deleted. Edit → Undo "
            f"({undo_keys()}) takes the merge back.")


def names_of(rows: list[CatalogRow], most: int = 3) -> str:
    names = [row.name for row in rows[:most]]
    if len(rows) > most:
        names.append(plural(len(rows) - most, "other"))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class MergeDialog(QDialog):
    """Picks the organization (or career field) that the selected ones are merged into."""

    def __init__(self, parent, kind: str, sources: list[CatalogRow]):
        super().__init__(parent)
        self.kind = KINDS[kind]
        self.sources = sources
        self.setWindowTitle(f"Merge {self.kind.many}")
        self.model = CatalogModel(kind, self, exclude=frozenset(r.id for r in sources))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(f"Type part of the {self.kind.one}'s name")
        self.filter.setAccessibleName(f"Filter {self.kind.many}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.view = catalog_view(self.model, f"Merge into {self.kind.one}")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(self._update)
        self.view.activated.connect(lambda _index: self.merge_button.isEnabled() and self.accept())
        label = QLabel("&Into")
        label.setBuddy(self.filter)
        names = names_of(sources)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(f"Merge {names} into the {self.kind.one} you pick below."))
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.filter, 1)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(note_label(merge_effect(kind, sources)))
        layout.addWidget(buttons)
        self.merge_button.setDefault(True)  # once in the dialog, so Enter merges
        self.model.reload()
        fit_to_screen(self, text_size(self, 77, 27))

    def target(self) -> CatalogRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        if self.model.rowCount() == 1:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._update()

    def _update(self, *_args) -> None:
        target = self.target()
        self.merge_button.setEnabled(target is not None)
        name = self.merge_button.fontMetrics().elidedText(
            target.name, Qt.TextElideMode.ElideRight, 260).replace("&", "&&") if target else ""
        self.merge_button.setText(f"&Merge Into {name}" if target else "&Merge")


