"""QueryListDialog: a window over a QueryTableModel, with a filter box, a choice and buttons.

The lists of interviews and of follow-ups share it: the filter text and the choice
read the query again (typing a moment later), the selection is kept across a reload,
and a change the list cares about reads it again a moment later, once for several
changes in a row. A subclass builds its model, its choice and its buttons, says how
the choice filters, what the summary reads and which changes matter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.query_table import QueryTableModel

RELOAD_DELAY_MS = 80


class QueryListDialog(QDialog):
    """A modeless list window; call :meth:`finish` at the end of the subclass's ``__init__``.

    Attributes:
        filter: the filter box; model: the table's model; table: the table;
        summary: how many rows are shown; row_buttons: the buttons that act on the
            selected row (enabled only while there is one).
    """

    KEEP_POSITION = False
    """When the selected row is gone after a reload: select the row where it was
    (True), or the first row (False)."""

    def __init__(self, parent: QWidget | None, make_model: Callable[[QObject], QueryTableModel],
                 *, title: str, size: tuple[int, int], filter_hint: str, filter_name: str,
                 table_name: str, summary_name: str, descending: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.resize(*size)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(filter_hint)
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(filter_name)
        self.model = make_model(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(table_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.summary = plain_label()
        self.summary.setAccessibleName(summary_name)
        self.row_buttons: tuple[QPushButton, ...] = ()

    @staticmethod
    def choice_box(name: str, all_label: str, choices: Mapping[str, str]) -> QComboBox:
        """The drop-down beside the filter box: ``all_label`` (no choice), then ``choices``."""
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(all_label, None)
        for key, label in choices.items():
            box.addItem(label, key)
        return box

    def finish(self, choice: QComboBox, buttons: Iterable[QPushButton]) -> None:
        """Lay the window out, connect it and read the list for the first time."""
        self.choice = choice
        self.row_buttons = tuple(buttons)
        for button in self.row_buttons:
            button.setAutoDefault(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(choice)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for button in self.row_buttons:
            bottom.addWidget(button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(self._reload_timer.start)
        self.filter.returnPressed.connect(self.reload)
        choice.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        publisher().changed.connect(self._changed)
        self.reload()

    # Public --------------------------------------------------------------------------------

    def selected(self):
        """The model's row that is selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row is not None else None

    def select_id(self, item_id: int | None) -> bool:
        """Select the row of ``item_id`` and show it; False (nothing selected) if not listed."""
        row = self.model.row_of(item_id) if item_id is not None else None
        if row is None:
            self.table.clearSelection()
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def reload(self) -> None:
        """Read the list again with the filter as it is now, keeping the selection."""
        self._reload_timer.stop()
        selected = self.selected_id()
        position = self.table.selectionModel().selectedRows()
        position = position[0].row() if position and self.KEEP_POSITION else 0
        self.model.filter_text = self.filter.text()
        self.apply_choice(self.choice.currentData())
        self.model.reload()
        if not self.select_id(selected) and self.model.rowCount():
            self.table.selectRow(min(position, self.model.rowCount() - 1))
        self.summary.setText(self.summary_text(self.model.rowCount(), self.model.total))
        self._update_buttons()

    # For subclasses ------------------------------------------------------------------------

    def apply_choice(self, choice: str | None) -> None:
        """Give the model the key chosen beside the filter box (None: all)."""
        raise NotImplementedError

    def summary_text(self, shown: int, total: int) -> str:
        """The summary line for ``shown`` rows of ``total`` (filter aside)."""
        raise NotImplementedError

    def wants(self, changes: Changes) -> bool:
        """Whether ``changes`` may change what the list shows."""
        raise NotImplementedError

    # Private -------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in self.row_buttons:
            button.setEnabled(chosen)

    def _changed(self, changes: Changes, _initiator=None) -> None:
        if self.wants(changes):
            self._reload_timer.start()
