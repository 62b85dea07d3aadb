"""DuplicatesDialog: People → Find Duplicates…: pairs that may be one person, merged on request.

The pairs come from ``core.duplicates`` (sure matches first, then possible ones); the
selected pair's differing fields are shown side by side; the user picks the person to
keep and merges. Each merge is one step on the window's undo stack (Edit → Undo puts
both people back, with their rows) and is published, so every view follows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.duplicates import (
    DuplicatePair,
    Merged,
    differences,
    find_duplicates,
    merge_people,
    unmerge_people,
)
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_text import note_label
from netdesk.ui.common.wording import agree, number

SHOWN = 2_000
"""The most pairs listed at once (merging some shows the next ones)."""


class MergePeopleCommand(QUndoCommand):
    """Merging two people, undoable: undo puts both back as they were."""

    def __init__(self, keep: int, remove: int, names: tuple[str, str], initiator: QWidget):
        super().__init__(f"Merge {names[1]} into {names[0]}")
        self.keep, self.remove, self.initiator = keep, remove, initiator
        self.merged: Merged | None = None

    def redo(self) -> None:
        self.merged = merge_people(self.keep, self.remove)
        publish(self.merged.changes, self.initiator)

    def undo(self) -> None:
        if self.merged is not None:
            publish(unmerge_people(self.merged), self.initiator)


class DuplicatesDialog(QDialog):
    """The pairs, the selected pair's differences, which one to keep, and Merge."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Find Duplicates")
        self.undo_stack = undo_stack
        self.pairs: list[DuplicatePair] = []
        self.summary = note_label("")
        self.list = QTreeWidget()
        self.list.setAccessibleName("People who may be duplicates")
        self.list.setHeaderLabels(["", "Person", "Possible duplicate", "Why"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(self.show_pair)
        self.details = QTreeWidget()
        self.details.setAccessibleName("Fields that differ")
        self.details.setHeaderLabels(["Field", "First", "Second"])
        self.details.setRootIsDecorated(False)
        for tree, stretched in ((self.list, (1, 2, 3)), (self.details, (1, 2))):
            header = tree.header()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            for column in stretched:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.keep_first = QRadioButton("Keep the &first")
        self.keep_second = QRadioButton("Keep the &second")
        self.keep_first.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep_first)
        group.addButton(self.keep_second)
        self.merge_button = QPushButton("&Merge")
        self.merge_button.setToolTip("Move everything of the other person onto the one kept")
        self.merge_button.clicked.connect(self.merge_selected)
        keep = QHBoxLayout()
        for widget in (self.keep_first, self.keep_second):
            keep.addWidget(widget)
        keep.addStretch(1)
        keep.addWidget(self.merge_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.details, 1)
        layout.addLayout(keep)
        layout.addWidget(buttons)
        self.resize(720, 520)
        publisher().changed.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        """Find the pairs again and list them."""
        self.pairs = find_duplicates(limit=SHOWN)
        self.list.clear()
        for pair in self.pairs:
            item = QTreeWidgetItem(["Sure" if pair.sure else "Possible", pair.first_name,
                                    pair.second_name, pair.reason])
            self.list.addTopLevelItem(item)
        sure = sum(p.sure for p in self.pairs)
        found = " and ".join(f"{number(n)} {kind}" for n, kind in (
            (sure, "sure"), (len(self.pairs) - sure, "possible")) if n)
        self.summary.setText(
            f"{found} {agree(len(self.pairs), 'pair', 'pairs')}. Choose a pair, "
            "the person to keep, and Merge: everything of the other moves onto them "
            "(Edit → Undo puts both back)." if self.pairs else "No duplicates found.")
        if self.pairs:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.show_pair(None)

    def current_pair(self) -> DuplicatePair | None:
        item = self.list.currentItem()
        return self.pairs[self.list.indexOfTopLevelItem(item)] if item is not None else None

    def show_pair(self, *_args) -> None:
        pair = self.current_pair()
        self.details.clear()
        self.merge_button.setEnabled(pair is not None)
        for button in (self.keep_first, self.keep_second):
            button.setEnabled(pair is not None)
        if pair is None:
            return
        self.keep_first.setText(f"Keep {pair.first_name}".replace("&", "&&"))
        self.keep_second.setText(f"Keep {pair.second_name} (added later)".replace("&", "&&"))
        for label, first, second in differences(pair.first, pair.second):
            self.details.addTopLevelItem(QTreeWidgetItem([label, first or "—", second or "—"]))

    def merge_selected(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        names = (pair.first_name, pair.second_name)
        keep, remove = pair.first, pair.second
        if self.keep_second.isChecked():
            keep, remove, names = remove, keep, names[::-1]
        self.undo_stack.push(MergePeopleCommand(keep, remove, names, self))
        self.refresh()

    def _changed(self, changes, initiator) -> None:
        if initiator is not self and (changes.people_added or changes.people_removed
                                      or changes.everything) and self.isVisible():
            self.refresh()


def find_duplicates_action(window) -> QAction:
    """People → Find Duplicates…, opening the dialog over ``window`` (its undo stack)."""

    def open_dialog() -> DuplicatesDialog:
        dialog = DuplicatesDialog(window.undo_stack, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        window.duplicates_dialog = dialog
        return dialog

    return make_action(window, "Find D&uplicates…", open_dialog, None,
                       "Find people who may be one person and merge them")
