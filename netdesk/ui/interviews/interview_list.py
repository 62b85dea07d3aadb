"""Interviews → All Interviews…: every interview by where it stands and when, to open,
debrief or print; filtered by text and standing, sorted by any column.

:class:`InterviewListModel` is a thin table over :func:`~netdesk.core.interview_list.
interview_rows`: the filter and the sort run the query again in SQL, and a change to
interviews, people, organizations or career fields reads it again (a moment later,
once for several changes in a row), keeping the selected interview selected.
"""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.interview_list import STANDINGS, InterviewRow, count_interviews, interview_rows
from netdesk.core.vocabulary import MODE_LABELS
from netdesk.db.zones import clock, local
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.common.query_table import TEXT_ROLES, QueryTableModel
from netdesk.ui.common.wording import agree, plural, short_date

COLUMNS = (("when", "When"), ("person", "Person"), ("organization", "Organization"),
           ("career_field", "Career field"), ("mode", "Mode"), ("standing", "Where it stands"))
RELOAD_DELAY_MS = 80


class InterviewListModel(QueryTableModel):
    """The interviews the filter lets through, in the chosen order, read in one query.

    Attributes:
        standing: a key of :data:`STANDINGS`, or None for all (besides ``filter_text``:
            words every row contains, in the person, organization, field or place).
    """

    def __init__(self, parent=None):
        super().__init__(COLUMNS, "when", descending=True, parent=parent)
        self.standing: str | None = None

    def read_rows(self, sort: str, descending: bool) -> list[InterviewRow]:
        return interview_rows(self.filter_text, self.standing, sort, descending)

    def count_all(self) -> int:
        return count_interviews()

    def set_filter(self, text: str, standing: str | None) -> None:
        if (text, standing) != (self.filter_text, self.standing):
            self.filter_text, self.standing = text, standing
            self.reload()

    def cell(self, row: InterviewRow | None, key: str, role: int):
        if row is None or role not in TEXT_ROLES:
            return None
        text = self._text(row, key)
        return tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text

    @staticmethod
    def _text(row: InterviewRow, key: str) -> str:
        if key == "when":
            start = local(row.start)
            if start is None:
                return "Not scheduled"
            return f"{short_date(start, weekday=True, year=True)} {clock(start)}"
        if key == "person":
            return row.person_name
        if key == "mode":
            return MODE_LABELS.get(row.mode, row.mode)
        if key == "standing":
            return STANDINGS[row.standing]
        return getattr(row, key)


class InterviewList(QDialog):
    """The window listing every interview; it stays open beside the main window."""

    open_requested = Signal(int)
    debrief_requested = Signal(int)
    print_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("All interviews")
        self.setModal(False)
        self.resize(900, 540)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by person, organization, career field or place…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter interviews")
        self.standing = QComboBox()
        self.standing.setAccessibleName("Where the interviews stand")
        self.standing.addItem("All interviews", None)
        for key, label in STANDINGS.items():
            self.standing.addItem(label, key)
        self.model = InterviewListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Interviews")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((170, 180, 170, 150, 90, 140)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = plain_label()
        self.summary.setAccessibleName("How many interviews are shown")
        self.open_button = QPushButton("&Open")
        self.debrief_button = QPushButton("De&brief…")
        self.print_button = QPushButton("&Print Sheet…")
        for button, signal in ((self.open_button, self.open_requested),
                               (self.debrief_button, self.debrief_requested),
                               (self.print_button, self.print_requested)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=signal: self._emit(s))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.standing)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for button in (self.open_button, self.debrief_button, self.print_button):
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
        self.standing.currentIndexChanged.connect(self.reload)
        self.table.activated.connect(lambda index: self.open_requested.emit(
            self.model.row_at(index.row()).id))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        publisher().changed.connect(self._changed)
        self.reload()

    # Public --------------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select_interview(self, interview_id: int | None) -> bool:
        row = self.model.row_of(interview_id) if interview_id is not None else None
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
        self.model.filter_text = self.filter.text()
        self.model.standing = self.standing.currentData()
        self.model.reload()
        self._after_reload(selected)

    # Private -------------------------------------------------------------------------------

    def _after_reload(self, selected: int | None) -> None:
        if not self.select_interview(selected) and self.model.rowCount():
            self.table.selectRow(0)
        shown, total = self.model.rowCount(), self.model.total
        if total == 0:
            self.summary.setText("No interviews yet. Plan one with Interviews → Plan "
                                 "Interview… (Ctrl+I).")
        elif shown == total:
            self.summary.setText(plural(total, "interview"))
        else:
            self.summary.setText(f"{plural(shown, 'interview')} of {total} "
                                 f"{agree(shown, 'matches', 'match')}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.open_button, self.debrief_button, self.print_button):
            button.setEnabled(chosen)

    def _emit(self, signal) -> None:
        interview_id = self.selected_id()
        if interview_id is not None:
            signal.emit(interview_id)

    def _context_menu(self, point) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for text, signal in (("&Open", self.open_requested),
                             ("De&brief…", self.debrief_requested),
                             ("&Print Sheet…", self.print_requested)):
            menu.addAction(text).triggered.connect(lambda _=False, s=signal: self._emit(s))
        menu.popup(self.table.viewport().mapToGlobal(point))
        self._menu = menu

    def _changed(self, changes: Changes, _initiator=None) -> None:
        if changes.everything or changes.interviews or changes.people_moved \
                or changes.organizations or changes.career_fields:
            self._reload_timer.start()
