"""One tab of the catalog: the filterable list of organizations or career fields, and renaming."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.organizations import CatalogRow, plural
from netdesk.ui.common.empty_state import attach_empty_state
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label
from netdesk.ui.common.query_table import ID_ROLE
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.people.catalog_model import KINDS, CatalogModel, Kind

# The writes behind each tab's buttons.



EMPTY_CATALOG = {
    "organization": "An organization is added when you give someone one in the person form, "
                    "or with People → New Organization…; its staff and sector show here.",
    "career_field": "A career field is added when you note one someone works in, or one you "
                    "are exploring; here you see how many people and interviews cover it.",
}
"""What an empty tab says."""


def catalog_view(model: CatalogModel, name: str) -> QTreeView:
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
        self.view = catalog_view(self.model, self.kind.many.capitalize())
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


