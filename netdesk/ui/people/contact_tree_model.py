"""ContactTreeModel: a two-level item model (group → people) read lazily from the database.

Group rows come from one aggregate query; a group's people are fetched a page
at a time when the view asks (canFetchMore/fetchMore), so nothing loads before
it is shown. The model keeps only what the view has asked for and reloads on
demand; it never holds a copy of the whole table.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from netdesk.core import contact_groups
from netdesk.core.contact_groups import Group, Member
from netdesk.ui.common.plain_text import tooltip

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ContactTreeModel(QAbstractItemModel):
    """People grouped by organization, relationship, career field or pipeline stage.

    Internal ids: 0 marks a group row; ``n > 0`` marks a person in group row ``n - 1``.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grouping = "organization"
        self.filter_text = ""
        self._groups: list[Group] = []
        self._members: dict[int, list[Member]] = {}
        self._fetching = False
        self._bold = QFont()
        self._bold.setBold(True)

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the groups again (after an edit, a new grouping or a new filter)."""
        self.beginResetModel()
        self._groups = contact_groups.groups(self.grouping, self.filter_text)
        self._members = {}
        self.endResetModel()

    def set_grouping(self, grouping: str) -> None:
        if grouping not in contact_groups.GROUPINGS:
            raise ValueError(f"unknown grouping {grouping!r}")
        self.grouping = grouping
        self.reload()

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self.reload()

    def person_count(self) -> int:
        return sum(g.count for g in self._groups)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if self._fetching or not parent.isValid() or parent.internalId() != 0:
            return False
        row = parent.row()
        return len(self._members.get(row, ())) < self._groups[row].count

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        row = parent.row()
        loaded = self._members.setdefault(row, [])
        page = contact_groups.members(
            self.grouping, self._groups[row].key, self.filter_text, len(loaded), PAGE_SIZE
        )
        if not page:
            # The database changed under us; stop asking until the next reload.
            self._groups[row] = self._groups[row]._replace(count=len(loaded))
            return
        self._fetching = True  # views may ask again from inside beginInsertRows
        try:
            self.beginInsertRows(parent, len(loaded), len(loaded) + len(page) - 1)
            loaded.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    # Finding rows ----------------------------------------------------------------------------

    def group_index(self, key) -> QModelIndex:
        for row, group in enumerate(self._groups):
            if group.key == key:
                return self.index(row, 0)
        return QModelIndex()

    def index_of_person(self, person_id: int) -> QModelIndex:
        """The person's row (in their first group), fetching pages up to it; invalid if hidden."""
        key = contact_groups.group_key_of(self.grouping, person_id)
        parent = self.group_index(key)
        if not parent.isValid():
            return QModelIndex()
        position = contact_groups.position_in_group(
            self.grouping, key, person_id, self.filter_text
        )
        if position < 0:
            return QModelIndex()
        while len(self._members.get(parent.row(), ())) <= position and self.canFetchMore(parent):
            self.fetchMore(parent)
        members = self._members.get(parent.row(), [])
        if position < len(members) and members[position].person_id == person_id:
            return self.index(position, 0, parent)
        for row, member in enumerate(members):  # fall back on a scan if the order shifted
            if member.person_id == person_id:
                return self.index(row, 0, parent)
        return QModelIndex()

    def person_id(self, index: AnyIndex) -> int | None:
        return self.data(index, PERSON_ID_ROLE)

    def group_at(self, index: AnyIndex) -> Group | None:
        if index.isValid() and index.internalId() == 0:
            return self._groups[index.row()]
        return None

    # QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._groups):
                return self.createIndex(row, 0, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        if row < len(self._members.get(parent.row(), ())):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0:
            return len(self._members.get(parent.row(), ()))
        return 0

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = ROOT) -> bool:
        if not parent.isValid():
            return bool(self._groups)
        return parent.internalId() == 0  # groups are never empty

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "People"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{group.label} ({group.count})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == GROUP_KEY_ROLE:
                return group.key
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{group.label}, {group.count} people"
            return None
        member = self._members[index.internalId() - 1][index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return member.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(member.detail) or None
        if role == PERSON_ID_ROLE:
            return member.person_id
        return None
