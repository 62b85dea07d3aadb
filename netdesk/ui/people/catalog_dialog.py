"""CatalogDialog: People → Organizations & Career Fields: rename, merge and delete them.

Two tabs list every organization and career field with how much each is used, so
the strays that typing left behind are easy to find and fold into the right one.
Every write goes through ``core`` and is published, so the contact tree, the graph
filters, the dashboard and an open person editor follow at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from netdesk.core import career_fields, organizations
from netdesk.core.changes import Changes
from netdesk.core.organizations import CatalogRow, InUse, NameTaken, plural
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import confirm, warn
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.people.catalog_merge import MergeCommand, MergeDialog, merge_effect, names_of
from netdesk.ui.people.catalog_model import KINDS, Kind
from netdesk.ui.people.catalog_page import CatalogPage, NameDialog
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
                f"Delete {plural(len(rows), kind.one, kind.many)}: {names_of(rows)}?")
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
                            f"Merge {names_of(sources)} into {target.name}")

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
