"""CatalogModel: organizations or career fields with how much each is used, read in one query.

The rows are the result of :func:`~netdesk.core.organizations.organization_rows` (or
its career-field twin): filtering and sorting run the query again in SQL, so 5,000
organizations load in milliseconds and the model holds nothing but that result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from netdesk.core.career_fields import career_field_rows, unused_career_fields
from netdesk.core.organizations import (
    CatalogRow,
    organization_rows,
    plural,
    unused_organizations,
)
from netdesk.core.people import SECTOR_LABELS
from netdesk.db.models import CareerField, Organization
from netdesk.ui.common.plain_text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True)
class Kind:
    """What one catalog lists: organizations or career fields."""

    key: str
    one: str  # "organization"
    many: str  # "organizations"
    columns: tuple[tuple[str, str], ...]  # (sort key, header)
    rows: Callable[..., list[CatalogRow]]
    unused: Callable[[], list[int]]
    model: type

    def is_used(self, row: CatalogRow) -> bool:
        return bool(row.people or (row.interviews and self.key == "career_field"))

    def describe(self, row: CatalogRow) -> str:
        """``Acme: 3 people, 1 interview`` (or that nobody uses it)."""
        if not (row.people or row.interviews):
            return f"{row.name}: nobody uses it"
        return f"{row.name}: {plural(row.people, 'person', 'people')}, " \
               f"{plural(row.interviews, 'interview')}"


KINDS = {
    "organization": Kind(
        "organization", "organization", "organizations",
        (("name", "Name"), ("sector", "Sector"), ("people", "People"),
         ("interviews", "Interviews")),
        organization_rows, unused_organizations, Organization),
    "career_field": Kind(
        "career_field", "career field", "career fields",
        (("name", "Name"), ("people", "People"), ("interviews", "Interviews")),
        career_field_rows, unused_career_fields, CareerField),
}


class CatalogModel(QAbstractTableModel):
    """A flat table of organizations or career fields, filtered and sorted in SQL.

    Attributes:
        kind: what it lists (a :class:`Kind`).
        filter_text: the part of the name every row contains.
        exclude: ids never shown (the organizations being merged, in the target picker).
        total: how many there are, filter aside.
    """

    def __init__(self, kind: str, parent=None, exclude: frozenset[int] = frozenset()):
        super().__init__(parent)
        self.kind = KINDS[kind]
        self.filter_text = ""
        self.exclude = frozenset(exclude)
        self.total = 0
        self._sort = "name"
        self._descending = False
        self._rows: list[CatalogRow] = []
        self._row_of: dict[int, int] = {}

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self.kind.rows(self.filter_text, self._sort, self._descending)
                      if r.id not in self.exclude]
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.total = self.kind.model.select().count() - len(self.exclude)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.kind.columns):
            return
        self._sort = self.kind.columns[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # Asking --------------------------------------------------------------------------------

    def row_at(self, row: int) -> CatalogRow:
        return self._rows[row]

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def rows(self) -> list[CatalogRow]:
        return list(self._rows)

    # Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.kind.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.kind.columns):
            return None
        key, label = self.kind.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("people", "interviews"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.kind.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "sector":
                return SECTOR_LABELS.get(row.sector, row.sector) if row.sector else ""
            return getattr(row, key)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("people", "interviews"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self.kind.describe(row))
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "name":
            return self.kind.describe(row)
        if role == Qt.ItemDataRole.ForegroundRole and not (row.people or row.interviews):
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None
