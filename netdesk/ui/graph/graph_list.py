"""The referral graph as a list: every person drawn, who referred them, stage and work.

The alternative to the picture for the keyboard and screen readers (and for
anyone who would rather read than look): the same people as the graph shows,
in the order Tab walks them there, one row each; choosing a row selects the
person on the graph, Enter opens them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from netdesk.core.graph import ReferralGraph
from netdesk.core.vocabulary import RELATIONSHIP_LABELS, STAGE_LABELS
from netdesk.ui.graph.tooltips import referrers_text

COLUMNS = ("Person", "Referred by", "Stage", "Relationship", "Organization")
PERSON_ROLE = Qt.ItemDataRole.UserRole


class GraphListModel(QAbstractTableModel):
    """One row per person id in ``ids``, read from ``graph`` when shown (nothing copied)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.graph: ReferralGraph | None = None
        self.ids: list[int] = []

    def set_people(self, graph: ReferralGraph | None, ids: list[int]) -> None:
        self.beginResetModel()
        self.graph, self.ids = graph, list(ids)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.graph is None:
            return None
        person_id = self.ids[index.row()]
        if role == PERSON_ROLE:
            return person_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole):
            return None
        person = self.graph.people.get(person_id)
        if person is None:
            return None
        column = index.column()
        if column == 0:
            return person.name
        if column == 1:
            return referrers_text(self.graph, person_id) or "—"
        if column == 2:
            return STAGE_LABELS[person.stage]
        if column == 3:
            return RELATIONSHIP_LABELS[person.relationship]
        return person.organization

    def row_of(self, person_id: int | None) -> int:
        try:
            return self.ids.index(person_id)
        except ValueError:
            return -1


class GraphList(QTableView):
    """The list of people on the graph (see the module's docstring)."""

    person_chosen = Signal(int)
    """A row became current (a click or the arrow keys)."""
    person_activated = Signal(int)
    """Enter or a double click on a row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("People on the referral graph, as a list")
        self.list_model = GraphListModel(self)
        self.setModel(self.list_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(len(COLUMNS)):
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * 16)
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.activated.connect(lambda index: self.person_activated.emit(
            self.list_model.data(index, PERSON_ROLE)))

    def set_people(self, graph: ReferralGraph | None, ids: list[int],
                   selected: int | None = None) -> None:
        self._quiet = True
        try:
            self.list_model.set_people(graph, ids)
            self.show_person(selected)
        finally:
            self._quiet = False

    def show_person(self, person_id: int | None) -> None:
        """Make ``person_id``'s row current without telling anyone."""
        row = self.list_model.row_of(person_id)
        quiet, self._quiet = self._quiet, True
        try:
            if row < 0:
                self.selectionModel().clear()
            else:
                index = self.list_model.index(row, 0)
                self.selectionModel().setCurrentIndex(
                    index, self.selectionModel().SelectionFlag.ClearAndSelect
                    | self.selectionModel().SelectionFlag.Rows)
                self.scrollTo(index)
        finally:
            self._quiet = quiet

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        if not self._quiet and current.isValid():
            self.person_chosen.emit(self.list_model.data(current, PERSON_ROLE))
