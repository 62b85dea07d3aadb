"""ContactTree: the filter box, the grouping choice and the tree of people."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.contact_groups import GROUPINGS
from netdesk.ui.common.empty_state import EmptyStateStack
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.screen import show_whole_placeholder
from netdesk.ui.common.wording import agree, plural
from netdesk.ui.people.contact_tree_model import GROUP_KEY_ROLE, ContactTreeModel

FILTER_DELAY_MS = 120
EXPAND_ALL_BELOW = 300  # when a filter leaves this few people, show them all


class _AvatarRows(QStyledItemDelegate):
    """Every row as tall as an avatar, groups too: the view's uniform row height is the
    first row's, and that row is a group's."""

    def __init__(self, avatar: int, parent=None):
        super().__init__(parent)
        self.avatar = avatar

    def sizeHint(self, option, index):  # noqa: N802 (Qt API)
        size = super().sizeHint(option, index)
        return size.expandedTo(QSize(0, self.avatar + 2))


class ContactTree(QWidget):
    """Emits ``person_selected`` with an id (or None) when the user picks a row."""

    person_selected = Signal(object)
    group_activated = Signal(str, object)  # grouping, key
    add_person_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ContactTreeModel(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter people (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter people")
        show_whole_placeholder(self.filter)
        self.grouping = QComboBox()
        self.grouping.setAccessibleName("Group people by")
        for key, label in GROUPINGS.items():
            self.grouping.addItem(label, key)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        avatar = self.view.fontMetrics().height() + 2  # initials readable, rows barely taller
        self.view.setIconSize(QSize(avatar, avatar))
        self.view.setItemDelegate(_AvatarRows(avatar, self.view))
        self.model.avatar_size = avatar
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.setAccessibleName("People")
        self.empty_stack = EmptyStateStack(self.view)
        self.empty_stack.empty.action_requested.connect(self._empty_state_action)
        self.summary = plain_label()
        self.summary.setAccessibleName("People shown")

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.grouping)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty_stack, 1)
        layout.addWidget(self.summary)

        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._filter_timer.start)
        self.filter.returnPressed.connect(self.apply_filter)
        self.grouping.currentIndexChanged.connect(
            lambda: self.set_grouping(self.grouping.currentData()))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.view.expanded.connect(lambda index: self._expanded.add(index.data(GROUP_KEY_ROLE)))
        self.view.collapsed.connect(
            lambda index: self._expanded.discard(index.data(GROUP_KEY_ROLE)))
        self._expanded: set = set()
        self._emitting = True

    # Public --------------------------------------------------------------------------------

    def set_grouping(self, grouping: str) -> None:
        if self.grouping.currentData() != grouping:
            self.grouping.setCurrentIndex(self.grouping.findData(grouping))
            return  # currentIndexChanged comes back here
        selected = self.selected_person_id()
        self.model.set_grouping(grouping)
        QSettings().setValue("contact_tree/grouping", grouping)
        self._after_reload(selected, expanded=set())

    def choose_grouping(self, grouping: str) -> None:
        """Show ``grouping`` as chosen without reading the tree (:meth:`reload` reads it)."""
        self.grouping.blockSignals(True)
        try:
            self.grouping.setCurrentIndex(max(0, self.grouping.findData(grouping)))
        finally:
            self.grouping.blockSignals(False)
        self.model.grouping = self.grouping.currentData()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        if self.filter.text() == self.model.filter_text:
            return
        selected = self.selected_person_id()
        self.model.set_filter(self.filter.text())
        self._after_reload(selected, expanded=set())

    def reload(self) -> None:
        """Read the tree again, keeping open groups and the selected person."""
        selected = self.selected_person_id()
        expanded = set(self._expanded)
        self.model.reload()
        self._after_reload(selected, expanded)

    @staticmethod
    def grouping_labels() -> list[tuple[str, str]]:
        return list(GROUPINGS.items())

    def selected_person_id(self) -> int | None:
        return self.model.person_id(self.view.currentIndex())

    def selected_group(self):
        return self.model.group_at(self.view.currentIndex())

    def select_person(self, person_id: int | None, notify: bool = False) -> bool:
        """Select and reveal ``person_id``; emit ``person_selected`` only when ``notify``."""
        index = self.model.index_of_person(person_id) if person_id else QModelIndex()
        self._emitting = notify
        try:
            if index.isValid():
                self.view.expand(index.parent())
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.view.scrollTo(index)
            else:
                self.view.selectionModel().clearSelection()
                self.view.selectionModel().setCurrentIndex(
                    QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self._emitting = True
        return index.isValid()

    # Private -------------------------------------------------------------------------------

    def _after_reload(self, selected: int | None, expanded: set) -> None:
        self._expanded = set()
        count = self.model.person_count()
        if self.model.filter_text and count <= EXPAND_ALL_BELOW:
            self.view.expandAll()
        else:
            for key in expanded:
                index = self.model.group_index(key)
                if index.isValid():
                    self.view.expand(index)
        shown = plural(count, "person", "people")
        self.summary.setText(f"{shown} {agree(count, 'matches', 'match')} the filter"
                             if self.model.filter_text else shown)
        if selected is not None:
            self.select_person(selected)
        self._show_empty_state(count)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API): avatars sharp on this screen
        super().showEvent(event)
        if self.model.device_pixel_ratio != self.devicePixelRatioF():
            self.model.device_pixel_ratio = self.devicePixelRatioF()
            self.view.viewport().update()

    def _show_empty_state(self, count: int) -> None:
        text = self.model.filter_text.strip()
        if count:
            self.empty_stack.show_empty(False)
        elif text:
            self.empty_stack.show_empty(
                True, f"No one matches “{text}”",
                "The filter looks at names, organizations, job titles, emails and tags.",
                "Clear Filter")
        else:
            self.empty_stack.show_empty(
                True, "No one here yet",
                "Start with the people you already know: friends, classmates, coworkers, "
                "professors. Each one can lead you to someone new.", "Add a Person")

    def _empty_state_action(self) -> None:
        if self.model.filter_text:
            self.filter.clear()
            self.apply_filter()
            self.filter.setFocus()
        else:
            self.add_person_requested.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._emitting:
            self.person_selected.emit(self.model.person_id(current))

    def _activated(self, index: QModelIndex) -> None:
        group = self.model.group_at(index)
        if group is not None:
            self.group_activated.emit(self.model.grouping, group.key)
