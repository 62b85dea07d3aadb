"""Interviews → All Interviews…: every interview by where it stands and when, to open,
debrief or print; filtered by text and standing, sorted by any column.

:class:`InterviewListModel` is a thin table over :func:`~netdesk.core.interview_list.
interview_rows`: the filter and the sort run the query again in SQL, and a change to
interviews, people, organizations or career fields reads it again (a moment later,
once for several changes in a row), keeping the selected interview selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QMenu, QPushButton, QWidget

from netdesk.core.changes import Changes
from netdesk.core.interview_list import STANDINGS, InterviewRow, count_interviews, interview_rows
from netdesk.core.vocabulary import MODE_LABELS
from netdesk.db.zones import clock, local
from netdesk.ui.common.avatar import avatar_pixmap
from netdesk.ui.common.empty_state import attach_empty_state
from netdesk.ui.common.plain_text import tooltip
from netdesk.ui.common.query_list import QueryListDialog
from netdesk.ui.common.query_table import TEXT_ROLES, QueryTableModel
from netdesk.ui.common.wording import agree, plural, short_date

COLUMNS = (("when", "When"), ("person", "Person"), ("organization", "Organization"),
           ("career_field", "Career field"), ("mode", "Mode"), ("standing", "Where it stands"))


class InterviewListModel(QueryTableModel):
    """The interviews the filter lets through, in the chosen order, read in one query.

    Attributes:
        standing: a key of :data:`STANDINGS`, or None for all (besides ``filter_text``:
            words every row contains, in the person, organization, field or place).
    """

    def __init__(self, parent=None):
        super().__init__(COLUMNS, "when", descending=True, parent=parent)
        self.standing: str | None = None
        self.avatar_size = 16  # the list sets both from its font and screen
        self.device_pixel_ratio = 1.0

    def read_rows(self, sort: str, descending: bool) -> list[InterviewRow]:
        return interview_rows(self.filter_text, self.standing, sort, descending)

    def count_all(self) -> int:
        return count_interviews()

    def set_filter(self, text: str, standing: str | None) -> None:
        if (text, standing) != (self.filter_text, self.standing):
            self.filter_text, self.standing = text, standing
            self.reload()

    def cell(self, row: InterviewRow | None, key: str, role: int):
        if row is not None and role == Qt.ItemDataRole.DecorationRole and key == "person":
            return avatar_pixmap(row.person_name, row.person_id, self.avatar_size,
                                 device_pixel_ratio=self.device_pixel_ratio)
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


class InterviewList(QueryListDialog):
    """The window listing every interview; it stays open beside the main window."""

    open_requested = Signal(int)
    debrief_requested = Signal(int)
    print_requested = Signal(int)
    plan_requested = Signal()
    select_interview = QueryListDialog.select_id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, InterviewListModel, title="All interviews", size=(900, 540),
                         filter_hint="Filter by person, organization, career field or place…",
                         filter_name="Filter interviews", table_name="Interviews",
                         summary_name="How many interviews are shown", descending=True)
        self.model.avatar_size = self.table.fontMetrics().height()
        self.model.device_pixel_ratio = self.devicePixelRatioF()
        self.standing = self.choice_box("Where the interviews stand", "All interviews",
                                        STANDINGS)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((170, 180, 170, 150, 90, 140)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton("&Open")
        self.debrief_button = QPushButton("De&brief…")
        self.print_button = QPushButton("&Print Sheet…")
        for button, signal in ((self.open_button, self.open_requested),
                               (self.debrief_button, self.debrief_requested),
                               (self.print_button, self.print_requested)):
            button.clicked.connect(lambda _=False, s=signal: self._emit(s))
        self.table.activated.connect(lambda index: self.open_requested.emit(
            self.model.row_at(index.row()).id))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.model.modelReset.connect(self._update_buttons)
        self.finish(self.standing, (self.open_button, self.debrief_button, self.print_button))
        self.empty = attach_empty_state(self.table, self._empty_action)
        self.model.modelReset.connect(self._show_empty_state)
        self._show_empty_state()

    # For the base --------------------------------------------------------------------------

    def apply_choice(self, choice: str | None) -> None:
        self.model.standing = choice

    def summary_text(self, shown: int, total: int) -> str:
        if total == 0:
            return "No interviews yet. Plan one with Interviews → Plan Interview… (Ctrl+I)."
        if shown == total:
            return plural(total, "interview")
        return f"{plural(shown, 'interview')} of {total} {agree(shown, 'matches', 'match')}"

    def wants(self, changes: Changes) -> bool:
        return bool(changes.everything or changes.interviews or changes.people_moved
                    or changes.organizations or changes.career_fields)

    # Private -------------------------------------------------------------------------------

    def _show_empty_state(self) -> None:
        if self.model.rowCount():
            self.empty.show_empty(False)
        elif self.model.total == 0:
            self.empty.show_empty(
                True, "No interviews yet",
                "Pick someone whose work you would like to learn about and plan a short "
                "conversation. Each interview shows up here with its date and where it stands.",
                "Plan an Interview…")
        else:
            text = self.model.filter_text.strip()
            choice = (f"“{self.standing.currentText()}”"
                      if self.standing.currentData() is not None else "")
            heading = (f"No interview matches “{text}”" + (f" in {choice}" if choice else "")
                       if text else f"No interviews in {choice}")
            self.empty.show_empty(True, heading, "Try other words, or show every interview.",
                                  "Show All Interviews")

    def _empty_action(self) -> None:
        if self.model.total == 0:
            self.plan_requested.emit()
            return
        self.filter.clear()
        self.standing.setCurrentIndex(0)
        self.reload()
        self.filter.setFocus()

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
