"""ContactTreeModel: a two-level item model (group → people) read lazily from the database.

Group rows come from one aggregate query, with their sizes; a group's people are
read a page at a time, from the index in name order, when the view first asks
for a row of that page. So nothing loads before it is shown, and jumping to
someone deep in a group of 10,000 reads one count and one page. The model keeps
only the pages the view has asked for; it never holds a copy of the whole table.

The shape of the tree (how many groups, how many rows in each) is held by Qt itself:
the model is a :class:`QStandardItemModel` with one empty item per group, whose row
count is the group's size and whose rows have no item at all. So ``index()``,
``parent()``, ``rowCount()`` and ``hasChildren()``, which a view asks of every row of a
group it expands (16,000 and more), are answered in C++ without calling Python; only
``data()`` for the rows on screen runs here.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from netdesk.core import contact_groups
from netdesk.core.contact_groups import Group, Member
from netdesk.ui.common.avatar import avatar_pixmap
from netdesk.ui.common.plain_text import tooltip
from netdesk.ui.method.tier_marks import TreeMarks

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class ContactTreeModel(QStandardItemModel):
    """People grouped by organization, relationship, career field or pipeline stage.

    A group row has an invalid parent; a person row's parent is its group's row. The
    items hold nothing but the group sizes: labels and people come from ``_groups`` and
    the pages read. Nothing is edited through the model (:meth:`setData` refuses), so
    views showing it turn editing off.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grouping = "organization"
        self.filter_text = ""
        self._groups: list[Group] = []
        self.loaded = False
        """False until the first :meth:`reload`."""
        self._pages: dict[int, dict[int, list[Member]]] = {}  # group row → page → members
        self._spare_items: list[QStandardItem] = []  # group items out of the tree, kept alive
        self._bold = QFont()
        self._bold.setBold(True)
        self.avatar_size = 20  # the view's icon size and pixel ratio (ContactTree sets them)
        self.device_pixel_ratio = 1.0
        self.marks = TreeMarks(self)  # keep-in-touch marks and response labels (Method)

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the groups again (after an edit, a new grouping or a new filter)."""
        self.beginResetModel()
        self.loaded = True
        self._groups = contact_groups.groups(self.grouping, self.filter_text)
        self._pages = {}
        # The rows change under the reset: the views hear of it once, as the reset.
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            # Group items are taken out and used again, never deleted: an index kept from
            # before a reload (by a slot that reloaded the tree) then stays harmless, as an
            # index made of plain numbers would be.
            if root.columnCount():
                self._spare_items.extend(root.takeColumn(0))
            root.setRowCount(0)
            self.setColumnCount(1)
            items, spare = [], self._spare_items
            for group in self._groups:
                if spare:
                    item = spare.pop()  # has its one column already
                else:
                    item = QStandardItem()
                    item.setColumnCount(1)
                item.setRowCount(group.count)
                items.append(item)
            if items:
                root.appendRows(items)
        finally:
            self.blockSignals(blocked)
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

    def _member(self, group_row: int, row: int) -> Member | None:
        """Member ``row`` of group ``group_row``, reading its page on first use."""
        pages = self._pages.setdefault(group_row, {})
        number = row // PAGE_SIZE
        page = pages.get(number)
        if page is None:
            before = pages.get(number - 1)
            page = contact_groups.members(
                self.grouping, self._groups[group_row].key, self.filter_text,
                number * PAGE_SIZE, PAGE_SIZE, after=before[-1] if before else None)
            pages[number] = page
            self.marks.read(page)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # Finding rows ----------------------------------------------------------------------------

    def group_index(self, key) -> QModelIndex:
        for row, group in enumerate(self._groups):
            if group.key == key:
                return self.index(row, 0)
        return QModelIndex()

    def index_of_person(self, person_id: int) -> QModelIndex:
        """The person's row (in their first group), counted in SQL; invalid if hidden."""
        key = contact_groups.group_key_of(self.grouping, person_id)
        parent = self.group_index(key)
        if not parent.isValid():
            return QModelIndex()
        position = contact_groups.position_in_group(
            self.grouping, key, person_id, self.filter_text
        )
        if position < 0 or position >= self.rowCount(parent):
            return QModelIndex()
        member = self._member(parent.row(), position)
        if member is None or member.person_id != person_id:
            # The database changed since these pages were read: read them again.
            self._pages.pop(parent.row(), None)
            member = self._member(parent.row(), position)
            if member is None or member.person_id != person_id:
                return QModelIndex()
        return self.index(position, 0, parent)

    def person_id(self, index: AnyIndex) -> int | None:
        return self.data(index, PERSON_ID_ROLE)

    def group_at(self, index: AnyIndex) -> Group | None:
        if index.isValid() and not index.parent().isValid():
            return self._groups[index.row()]
        return None

    # QStandardItemModel ----------------------------------------------------------------------
    # index(), parent(), rowCount(), hasChildren() and flags() are Qt's own (see the module's
    # docstring): asked of every row the view lays out, and answered without Python.

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False  # people are edited in the person editor, never in the tree

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "People"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        parent = index.parent()
        if not parent.isValid():
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
        member = self._member(parent.row(), index.row())
        if member is None:  # the group shrank since it was counted; the next reload fixes it
            return None
        if (marked := self.marks.data(member, role)) is not None:
            return marked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return member.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(member.detail) or None
        if role == PERSON_ID_ROLE:
            return member.person_id
        if role == Qt.ItemDataRole.DecorationRole:
            return self.marks.badge(avatar_pixmap(
                member.name, member.person_id, self.avatar_size,
                getattr(member, "photo", None), self.device_pixel_ratio), member.person_id)
        return None
