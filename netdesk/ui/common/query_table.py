"""QueryTableModel: a flat, sortable table over one query, read again when asked.

The lists of interviews, follow-ups, organizations and career fields share it: a
subclass says how to read its rows (filtered and sorted in SQL) and how to show
one cell; the model keeps only the rows of the last read and their positions by id.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
              Qt.ItemDataRole.AccessibleTextRole)
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
    | Qt.ItemFlag.ItemNeverHasChildren


class QueryTableModel(QAbstractTableModel):
    """Rows with an ``id``, read by :meth:`read_rows` in the order of one column.

    Attributes:
        columns: ``(key, heading)`` pairs, in display order.
        filter_text: what the rows are filtered by (subclasses may add more).
        total: how many there are, filter aside (:meth:`count_all`).
    """

    def __init__(self, columns: tuple[tuple[str, str], ...], sort: str,
                 descending: bool = False, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.filter_text = ""
        self.total = 0
        self._sort = sort
        self._descending = descending
        self._rows: list = []
        self._row_of: dict[int, int] = {}
        self._loaded = False

    # For subclasses ------------------------------------------------------------------------

    def read_rows(self, sort: str, descending: bool) -> list:
        raise NotImplementedError

    def count_all(self) -> int:
        raise NotImplementedError

    def cell(self, row, key: str, role: int):
        """What column ``key`` of ``row`` shows for ``role`` (None: nothing)."""
        raise NotImplementedError

    # Loading and asking --------------------------------------------------------------------

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._rows = self.read_rows(self._sort, self._descending)
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.total = self.count_all()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        chosen = (self.columns[column][0], order == Qt.SortOrder.DescendingOrder)
        if chosen == (self._sort, self._descending) and self._loaded:
            return
        self._sort, self._descending = chosen
        if self._loaded:  # the first read waits for the window to ask
            self.reload()

    def row_at(self, row: int):
        return self._rows[row]

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def rows(self) -> list:
        return list(self._rows)

    # Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        key, heading = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return heading
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.cell(None, key, role)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        return self.cell(row, self.columns[index.column()][0], role)
