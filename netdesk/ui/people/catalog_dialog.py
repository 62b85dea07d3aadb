"""CatalogDialog: People → Organizations & Career Fields: rename, merge and delete them.

Two tabs list every organization and career field with how much each is used, so
the strays that typing left behind are easy to find and fold into the right one.
Every write goes through ``core`` and is published, so the contact tree, the graph
filters, the dashboard and an open person editor follow at once.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import career_fields, organizations
from netdesk.core.changes import Changes
from netdesk.core.organizations import CatalogRow, InUse, NameTaken, plural
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.empty_state import attach_empty_state
from netdesk.ui.common.plain_messages import confirm, warn
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label
from netdesk.ui.common.query_table import ID_ROLE
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.people.catalog_model import KINDS, CatalogModel, Kind
from netdesk.ui.people.organization_editor import OrganizationEditor

# The writes behind each tab's buttons.
WRITES = {
    "organization": {
        "rename": organizations.rename_organization,
        "merge": organizations.merge_organizations,
        "delete": organizations.delete_organizations,
        "delete_unused": organizations.delete_unused_organizations,
        "in_use": organizations.organizations_in_use,
    },
    "career_field": {
        "rename": career_fields.rename_career_field,
        "merge": career_fields.merge_career_fields,
        "delete": career_fields.delete_career_fields,
        "delete_unused": career_fields.delete_unused_career_fields,
        "in_use": career_fields.career_fields_in_use,
    },
}

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


EMPTY_CATALOG = {
    "organization": "An organization is added when you give someone one in the person form, "
                    "or with People → New Organization…; its staff and sector show here.",
    "career_field": "A career field is added when you note one someone works in, or one you "
                    "are exploring; here you see how many people and interviews cover it.",
}
"""What an empty tab says."""


def merge_effect(kind: str, sources: list[CatalogRow]) -> str:
    """What merging ``sources`` does, in words, ending with that it cannot be undone."""
    one = len(sources) == 1
    its, names = ("Its" if one else "Their"), _names(sources)
    if kind == "organization":
        text = (f"{its} people, with their interviews, move to the organization you pick, "
                f"and {its.lower()} notes are added to that organization's notes.")
    else:
        text = (f"{its} people, interviews and organizations move to the career field you "
                "pick; nobody is listed twice.")
    return (f"{text} Then {names} {'is' if one else 'are'} deleted. Edit → Undo "
            f"({undo_keys()}) takes the merge back.")


def _names(rows: list[CatalogRow], most: int = 3) -> str:
    names = [row.name for row in rows[:most]]
    if len(rows) > most:
        names.append(plural(len(rows) - most, "other"))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _catalog_view(model: CatalogModel, name: str) -> QTreeView:
    view = QTreeView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    # Room for names first: the count columns size to their headers, the name takes the rest.
    metrics = view.fontMetrics()
    others = sum(metrics.horizontalAdvance(label) + 3 * metrics.averageCharWidth() + 16
                 for _key, label in model.kind.columns[1:])
    if any(key == "sector" for key, _label in model.kind.columns):
        others += metrics.horizontalAdvance("Private sector") - metrics.horizontalAdvance("Sector")
    view.setMinimumWidth(others + 20 * metrics.averageCharWidth())
    view.setMinimumHeight(9 * (metrics.height() + 4))  # a header and eight rows at least
    return view


class CatalogPage(QWidget):
    """One tab: a filter, the list, and a line about what is selected."""

    selection_changed = Signal()

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind: Kind = KINDS[kind]
        self.model = CatalogModel(kind, self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(f"Filter {self.kind.many} by name")
        self.filter.setAccessibleName(f"Filter {self.kind.many}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.filter.returnPressed.connect(self._focus_list)
        self.view = _catalog_view(self.model, self.kind.many.capitalize())
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.summary = plain_label()
        self.summary.setAccessibleName(f"{self.kind.many.capitalize()} summary")
        self.detail = note_label()
        self.detail.setAccessibleName("Selected")
        self._keep: tuple[list[int], int | None] = ([], None)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)

        # Two lines kept for the detail, so a wrapped line never runs over the list.
        self.detail.setMinimumHeight(2 * self.detail.fontMetrics().lineSpacing())
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self.empty = attach_empty_state(self.view, self._clear_filter)
        self.model.modelReset.connect(self._show_empty_state)
        self.model.reload()

    def reload(self) -> None:
        self.model.reload()

    def selected_rows(self) -> list[CatalogRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the rows of ``ids`` (those shown), making ``current`` (or the first) current."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        rows = [r for r in (self.model.row_of(i) for i in ids) if r is not None]
        flags = QItemSelectionModel.SelectionFlag.Select \
            | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        current_row = self.model.row_of(current) if current is not None else None
        if current_row is None and rows:
            current_row = rows[0]
        if current_row is not None:
            index = self.model.index(current_row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(index)
        self._selection_changed()

    def _remember_selection(self) -> None:
        current = self.view.currentIndex()
        self._keep = ([row.id for row in self.selected_rows()],
                      current.data(ID_ROLE) if current.isValid() else None)

    def _restore_selection(self) -> None:
        ids, current = self._keep
        self.select_ids(ids, current)

    def _selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        if self.model.filter_text.strip():
            self.summary.setText(f"Showing {self.model.rowCount()} of {self.model.total}")
        else:
            self.summary.setText(plural(self.model.total, self.kind.one, self.kind.many))
        if not rows:
            self.detail.setText(f"Select {self.kind.many} to rename, merge or delete them.")
        elif len(rows) == 1:
            row = rows[0]
            hint = (f" Merge it into another {self.kind.one} to remove it."
                    if self.kind.is_used(row) else "")
            self.detail.setText(self.kind.describe(row) + "." + hint)
        else:
            people = sum(r.people for r in rows)
            interviews = sum(r.interviews for r in rows)
            self.detail.setText(f"{len(rows)} selected: {plural(people, 'person', 'people')}, "
                                f"{plural(interviews, 'interview')}.")
        self.selection_changed.emit()

    def _show_empty_state(self) -> None:
        text = self.model.filter_text.strip()
        if self.model.rowCount():
            self.empty.show_empty(False)
        elif text:
            shown = plural(self.model.total, self.kind.one, self.kind.many)
            self.empty.show_empty(True, f"No {self.kind.one} matches “{text}”",
                                  f"Try part of a name; {shown} in all.", "Clear Filter")
        else:
            self.empty.show_empty(True, f"No {self.kind.many} yet",
                                  EMPTY_CATALOG[self.kind.key])

    def _clear_filter(self) -> None:
        self.filter.clear()
        self.filter.setFocus()

    def _focus_list(self) -> None:
        self.view.setFocus()
        if self.model.rowCount() and not self.view.selectionModel().hasSelection():
            self.select_ids([self.model.row_at(0).id])


class NameDialog(QDialog):
    """Asks for a new name; ``apply`` returns None when done or the problem to show."""

    def __init__(self, parent, title: str, prompt: str, name: str,
                 apply: Callable[[str], str | None]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._apply = apply
        self.name = QLineEdit(name)
        self.name.setAccessibleName("New name")
        self.name.selectAll()
        label = QLabel("New &name")
        label.setBuddy(self.name)
        self.problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.rename_button = buttons.addButton("Rename", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(prompt))
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.name, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.rename_button.setDefault(True)  # once in the dialog, so Enter renames
        fit_to_screen(self, self.sizeHint().expandedTo(text_size(self, 60, 0)))

    def submit(self) -> None:
        problem = self._apply(self.name.text())
        if problem:
            self.problem.setText(problem)
            self.name.setFocus()
            return
        self.accept()


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
        self.view = _catalog_view(self.model, f"Merge into {self.kind.one}")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(self._update)
        self.view.activated.connect(lambda _index: self.merge_button.isEnabled() and self.accept())
        label = QLabel("&Into")
        label.setBuddy(self.filter)
        names = _names(sources)
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


class CatalogDialog(QDialog):
    """Organizations and career fields with their use: rename, merge into another, delete.

    Enter edits the organization (renames the career field), F2 renames, Delete deletes
    (or says why it cannot), Ctrl+F goes to the filter.
    """

    open_person_requested = Signal(int)

    def __init__(self, parent=None, kind: str = "organization",
                 undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.setWindowTitle("Organizations and Career Fields")
        self.undo_stack = undo_stack if undo_stack is not None else getattr(
            parent, "undo_stack", None)
        self.pages = {key: CatalogPage(key) for key in KINDS}
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pages["organization"], "&Organizations")
        self.tabs.addTab(self.pages["career_field"], "Career &Fields")
        self.tabs.currentChanged.connect(self._update_buttons)

        self.edit_button = self._button("&Edit…", self.edit_selected,
                                        "Edit the organization: sector, website, culture, staff")
        self.rename_button = self._button("&Rename…", self.rename_selected, "Rename (F2)")
        self.merge_button = self._button(
            "&Merge Into…", self.merge_selected,
            "Fold the selected ones into another, moving everything that uses them")
        self.delete_button = self._button("&Delete", self.delete_selected,
                                          "Delete the selected ones (only when nothing uses them)")
        self.delete_unused_button = self._button("Delete &Unused…", self.delete_unused,
                                                 "Delete every one that nothing uses")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("&Close")
        self.close_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        for page in self.pages.values():
            page.selection_changed.connect(self._update_buttons)
            page.view.activated.connect(self._activated)
            self._add_view_actions(page)
        find = QAction("Find", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_filter)
        self.addAction(find)
        if self.undo_stack is not None:  # Edit → Undo works while the dialog has the focus
            for action, keys in ((self.undo_stack.createUndoAction(self, "Undo"),
                                  QKeySequence.StandardKey.Undo),
                                 (self.undo_stack.createRedoAction(self, "Redo"),
                                  QKeySequence.StandardKey.Redo)):
                action.setShortcut(keys)
                self.addAction(action)

        side = QVBoxLayout()
        for button in (self.edit_button, self.rename_button, self.merge_button,
                       self.delete_button):
            side.addWidget(button)
        side.addSpacing(12)
        side.addWidget(self.delete_unused_button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, text_size(self, 103, 31))

        self._stale = False
        publisher().changed.connect(self.apply_changes)
        self.show_kind(kind)
        self._update_buttons()

    # Building ------------------------------------------------------------------------------

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _add_view_actions(self, page: CatalogPage) -> None:
        for text, shortcut, slot in (
            ("Edit…", None, self.edit_selected),
            ("Rename…", QKeySequence(Qt.Key.Key_F2), self.rename_selected),
            ("Merge Into…", None, self.merge_selected),
            ("Delete", QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
        ):
            if slot == self.edit_selected and page.kind.key != "organization":
                continue
            action = QAction(text, page.view)
            if shortcut is not None:
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            page.view.addAction(action)

    # Asking --------------------------------------------------------------------------------

    def current_page(self) -> CatalogPage:
        return self.tabs.currentWidget()

    def show_kind(self, kind: str) -> CatalogPage:
        page = self.pages[kind]
        self.tabs.setCurrentWidget(page)
        return page

    def focus_filter(self) -> None:
        self.current_page().filter.setFocus()
        self.current_page().filter.selectAll()

    # Slots ---------------------------------------------------------------------------------

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        """Counts and names follow every write, made here or elsewhere."""
        if changes.everything or changes.organizations or changes.career_fields \
                or changes.people or changes.interviews:
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        self._stale = False
        for page in self.pages.values():
            page.reload()
        self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._stale:  # closed meanwhile: catch up with what was written
            self.reload()

    def edit_selected(self) -> OrganizationEditor | None:
        page = self.current_page()
        rows = page.selected_rows()
        if page.kind.key != "organization" or len(rows) != 1:
            return None
        editor = OrganizationEditor(rows[0].id, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open_person_requested.connect(self.open_person_requested)
        editor.open()
        return editor

    def rename_selected(self) -> NameDialog | None:
        page = self.current_page()
        rows = page.selected_rows()
        if len(rows) != 1:
            return None
        row, kind = rows[0], page.kind
        dialog = NameDialog(self, f"Rename {kind.one}", f"Rename {row.name} to:", row.name,
                            lambda name: self._rename(kind.key, row, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def merge_selected(self) -> MergeDialog | None:
        page = self.current_page()
        rows = page.selected_rows()
        if not rows or page.model.total <= len(rows):
            return None
        dialog = MergeDialog(self, page.kind.key, rows)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._merge(page.kind.key, rows, dialog.target()))
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        page = self.current_page()
        rows = page.selected_rows()
        if not rows:
            return
        kind, writes = page.kind, WRITES[page.kind.key]
        problem = writes["in_use"]([r.id for r in rows])
        if problem is not None:
            warn(self, f"Delete {kind.one}", str(problem))
            return
        text = (f"Delete the {kind.one} {rows[0].name}?" if len(rows) == 1 else
                f"Delete {plural(len(rows), kind.one, kind.many)}: {_names(rows)}?")
        if confirm(self, f"Delete {kind.one if len(rows) == 1 else kind.many}", text, "Delete",
                   details=self._what_goes(kind)):
            self._write(writes["delete"], [r.id for r in rows])

    def delete_unused(self) -> None:
        page = self.current_page()
        kind = page.kind
        unused = kind.unused()
        if not unused:
            return
        names = [r.name for r in page.model.kind.rows() if r.id in set(unused)]
        listed = "\n".join(names[:12]) + (f"\n…and {len(names) - 12} more"
                                          if len(names) > 12 else "")
        what = "nobody in your network belongs to" if kind.key == "organization" else \
            "no person explores and no interview is about"
        if confirm(self, f"Delete unused {kind.many}",
                   f"Delete {plural(len(unused), kind.one, kind.many)} that {what}?",
                   f"Delete {len(unused)}",
                   details=f"{listed}\n\n{self._what_goes(kind)}"):
            self._write(WRITES[kind.key]["delete_unused"])

    # Helpers -------------------------------------------------------------------------------

    @staticmethod
    def _what_goes(kind: Kind) -> str:
        return ("Their sector, website and notes go with them. This cannot be undone."
                if kind.key == "organization" else
                "Their descriptions go with them. This cannot be undone.")

    def _rename(self, kind: str, row: CatalogRow, name: str) -> str | None:
        """Rename; a name already taken offers to merge into it. The problem, or None."""
        try:
            changes = WRITES[kind]["rename"](row.id, name)
        except NameTaken as taken:
            one = KINDS[kind].one
            if not confirm(self, f"Merge {KINDS[kind].many}",
                           f"Another {one} is already called {taken.existing_name}.\n\n"
                           f"Merge {row.name} into {taken.existing_name}?",
                           "Merge", details=merge_effect(kind, [row])):
                return str(taken)
            changes = self._merge_ids(kind, [row.id], taken.existing_id,
                                      f"Merge {row.name} into {taken.existing_name}")
            return None if changes is not None else str(taken)
        except ValueError as error:
            return str(error)
        publish(changes, self)
        return None

    def _merge(self, kind: str, sources: list[CatalogRow], target: CatalogRow | None) -> None:
        if target is not None:
            self._merge_ids(kind, [r.id for r in sources], target.id,
                            f"Merge {_names(sources)} into {target.name}")

    def _merge_ids(self, kind: str, source_ids: list[int], target_id: int,
                   text: str) -> Changes | None:
        """Merge, as a step on the undo stack when there is one; the changes, or None."""
        if self.undo_stack is None:
            return self._write(WRITES[kind]["merge"], source_ids, target_id)
        command = MergeCommand(self, kind, source_ids, target_id, text)
        self.undo_stack.push(command)  # runs the merge
        return command.changes

    def _write(self, write, *args) -> Changes | None:
        """Run one write and publish what it changed; a refusal is shown, not raised."""
        try:
            changes = write(*args)
        except (InUse, ValueError) as error:
            warn(self, "Not changed", str(error))
            return None
        publish(changes, self)
        if changes.id is not None:
            kind = "organization" if changes.organizations else "career_field"
            self.pages[kind].select_ids([changes.id])
        return changes

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Enter belongs to the list (edit or rename), never to a default button: QDialog
        would otherwise press one in the editor that Enter has just opened."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _activated(self, _index) -> None:
        if self.current_page().kind.key == "organization":
            self.edit_selected()
        else:
            self.rename_selected()

    def _update_buttons(self, *_args) -> None:
        page = self.current_page()
        rows = page.selected_rows()
        organizations_tab = page.kind.key == "organization"
        self.edit_button.setToolTip(
            "Edit the organization: sector, website, culture, staff" if organizations_tab
            else "Career fields have only a name: use Rename")
        self.edit_button.setEnabled(organizations_tab and len(rows) == 1)
        self.rename_button.setEnabled(len(rows) == 1)
        self.merge_button.setEnabled(bool(rows) and page.model.total > len(rows))
        used = [r for r in rows if page.kind.is_used(r)]
        self.delete_button.setEnabled(bool(rows) and not used)
        self.delete_button.setToolTip(
            f"{used[0].name} is in use: merge it into another {page.kind.one} instead"
            if used else f"Delete the selected {page.kind.many} (only when nothing uses them)")
        unused = len(page.kind.unused())
        self.delete_unused_button.setEnabled(bool(unused))
        self.delete_unused_button.setText(f"Delete &Unused ({unused})…" if unused
                                          else "Delete &Unused…")
