"""Table model over an import plan: one row per person read, the action editable per row."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from netdesk.formats.people_import import ADD, MERGE, SKIP, ImportPlan

ACTION_TEXT = {ADD: "Add", MERGE: "Merge", SKIP: "Skip"}
ACTION_CHOICES = {ADD: "Add (new person)", MERGE: "Merge into the match", SKIP: "Skip"}
ADD_ANYWAY = "Add anyway (a new person)"

_Index = QModelIndex | QPersistentModelIndex


class ImportPlanModel(QAbstractTableModel):
    """Columns: line, name, organization, email, action, matches, what a merge changes."""

    LINE, NAME, ORGANIZATION, EMAIL, ACTION, MATCH, CHANGES = range(7)
    HEADERS = ("Line", "Name", "Organization", "Email", "Action", "Already in netdesk as",
               "Merge adds")
    actions_changed = Signal()

    def __init__(self, plan: ImportPlan | None = None, parent=None):
        super().__init__(parent)
        self.plan = plan or ImportPlan([], [])

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()
        self.actions_changed.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.ACTION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.plan.rows):
            return None
        row = self.plan.rows[index.row()]
        column = index.column()
        record = row.record
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LINE:
                return str(record.line)
            if column == self.NAME:
                return record.full_name
            if column == self.ORGANIZATION:
                return record.organization
            if column == self.EMAIL:
                return record.email
            if column == self.ACTION:
                return ADD_ANYWAY.split(" (")[0] if (row.action == ADD and row.match) \
                    else ACTION_TEXT[row.action]
            if column == self.MATCH:
                if row.match and not row.match.sure:
                    return f"possible duplicate of {row.match.display_name} ({row.match.reason})"
                return f"{row.match.display_name} ({row.match.reason})" if row.match else ""
            if column == self.CHANGES:
                if not row.match or row.action != MERGE:
                    return ""
                conflicts = [
                    f"{n.replace('_', ' ')}: takes “{b}”, “{a}” kept as a custom field"
                    if n in row.take_imported else
                    f"{n.replace('_', ' ')}: keeps “{a}”, “{b}” kept as a custom field"
                    for n, (a, b) in row.conflicts.items()]
                return "; ".join([", ".join(row.changes) if row.changes else "nothing new",
                                  *conflicts])
        if role == Qt.ItemDataRole.EditRole and column == self.ACTION:
            return row.action
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.MATCH, self.NAME):
            text = (f"Matches {row.match.display_name}: {row.match.reason}" if row.match
                    else "No one like this in netdesk yet")
            return f"<span>{html.escape(text)}</span>"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.action == SKIP:
            palette = QApplication.palette()
            return QBrush(palette.color(QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.FontRole and column == self.ACTION and row.match:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() != self.ACTION):
            return False
        row = self.plan.rows[index.row()]
        if value not in row.actions or value == row.action:
            return False
        row.action = value
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), self.columnCount() - 1))
        self.actions_changed.emit()
        return True

    def set_actions(self, rows: list[int], action: str) -> int:
        """Give ``action`` to those of ``rows`` that allow it; return how many changed."""
        changed = 0
        for number in rows:
            row = self.plan.rows[number]
            if action in row.actions and row.action != action:
                row.action = action
                changed += 1
        if changed:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.actions_changed.emit()
        return changed

    def set_take_imported(self, rows: list[int], take: bool) -> int:
        """For those of ``rows`` with a conflict, take the imported name, job title and
        organization (``take``), or keep the person's own; a row taking them is merged.
        Return how many rows changed."""
        changed = 0
        for number in rows:
            row = self.plan.rows[number]
            if not row.conflicts or MERGE not in row.actions:
                continue
            wanted = set(row.conflicts) if take else set()
            if row.take_imported == wanted and (not take or row.action == MERGE):
                continue
            row.take_imported = wanted
            if take:
                row.action = MERGE
            changed += 1
        if changed:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.actions_changed.emit()
        return changed

