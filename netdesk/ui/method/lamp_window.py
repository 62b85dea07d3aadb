"""LampWindow: People → LAMP List…: build the list in timed passes, score it, act on the top 5.

The user picks a pass (dream employers, alumni employers, employers with postings,
employers in trending fields), starts its countdown and types organization names; names
already recorded are suggested as they type, new ones are created. The table ranks the
list (:mod:`netdesk.ui.method.lamp_model`); each row opens the organization or "who can
introduce me". The introduction requests are listed below, to mark introduced or declined.
Shown in the method mode only (Preferences → Method).
"""

from __future__ import annotations

import datetime

import shiboken6
from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.followups import FollowUpError
from netdesk.core.introductions import (
    IntroductionError,
    introductions,
    mark_declined,
    mark_introduced,
)
from netdesk.core.lamp import (
    PASS_MINUTES,
    TARGET_SIZE,
    LampError,
    add_organization,
    remove_entry,
    suggestions,
)
from netdesk.core.vocabulary import LAMP_PASS_LABELS
from netdesk.db.models import LAMP_PASSES
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.forms import buddy_label
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.wording import date_field_format, short_date
from netdesk.ui.method.lamp_model import COLUMNS, FOCUS_TEXT, HEADINGS, LampDelegate, LampModel
from netdesk.ui.method.method_settings import follow_method_mode

INTRODUCTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def countdown_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class LampWindow(QDialog):
    """The LAMP list, its passes and the introduction requests (one window per main window).

    Attributes:
        remaining: seconds left in the running pass (0 when none runs).
    """

    open_person_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, today: datetime.date | None = None):
        super().__init__(parent)
        self.setWindowTitle("LAMP List")
        self.setModal(False)
        self._today = today
        self.remaining = 0
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

        intro = note_label(
            f"List about {TARGET_SIZE} organizations you might work for, in four short "
            "passes, then score each: Advocacy (someone can introduce you), Motivation (0 to "
            "3) and Posting (1 to 3). The best five are this week's focus: reach out there "
            "first.")
        self.progress = QProgressBar()
        self.progress.setRange(0, TARGET_SIZE)
        self.progress.setAccessibleName("Organizations listed")
        self.progress.setFormat(f"%v of {TARGET_SIZE}")

        self.pass_choice = QComboBox()
        self.pass_choice.setAccessibleName("Pass")
        for key in LAMP_PASSES:
            self.pass_choice.addItem(LAMP_PASS_LABELS[key], key)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setValue(PASS_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes per pass")
        self.start_button = QPushButton("&Start pass")
        self.start_button.clicked.connect(self.toggle_pass)
        self.countdown = plain_label("")
        self.countdown.setAccessibleName("Time left in the pass")
        passes = QHBoxLayout()
        passes.addWidget(buddy_label("&Pass:", self.pass_choice))
        passes.addWidget(self.pass_choice)
        passes.addWidget(self.minutes)
        passes.addWidget(self.start_button)
        passes.addWidget(self.countdown, 1)

        self.name = QLineEdit()
        self.name.setAccessibleName("Organization to add")
        self.name.setPlaceholderText("Type an organization's name and press Enter")
        self._suggested = QStringListModel(self)
        completer = QCompleter(self._suggested, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.name.setCompleter(completer)
        self.name.textEdited.connect(self._suggest)
        self.name.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self.add_typed)
        self.problem = problem_label()
        self.problem.hide()
        adding = QHBoxLayout()
        adding.addWidget(buddy_label("&Organization:", self.name))
        adding.addWidget(self.name, 1)
        adding.addWidget(self.add_button)

        self.model = LampModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(LampDelegate(self.table))
        self.table.setAccessibleName("LAMP list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        table_width = self._size_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reload)
        self._selected_entry: int | None = None

        self.open_button = QPushButton("Op&en organization…")
        self.open_button.clicked.connect(self.open_organization)
        self.introduce_button = QPushButton("&Who can introduce me…")
        self.introduce_button.clicked.connect(self.who_can_introduce)
        self.remove_button = QPushButton("&Remove from list")
        self.remove_button.clicked.connect(self.remove_selected)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.open_button)
        row_buttons.addWidget(self.introduce_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.remove_button)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._double_clicked)

        self.requests = QTreeWidget()
        self.requests.setAccessibleName("Introduction requests")
        self.requests.setHeaderLabels(["Asked", "To meet", "Organization", "Status", "Dates"])
        self.requests.setRootIsDecorated(False)
        self.requests.setAllColumnsShowFocus(True)
        self.requests.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.requests.itemSelectionChanged.connect(self._update_buttons)
        self.answered_on = QDateEdit()
        self.answered_on.setDisplayFormat(date_field_format())
        self.answered_on.setCalendarPopup(True)
        self.answered_on.setAccessibleName("Date of the answer")
        self.answered_on.setDate(QDate(self.today()))
        self.introduced_button = QPushButton("Mark &introduced")
        self.introduced_button.clicked.connect(lambda: self.mark("introduced"))
        self.declined_button = QPushButton("Mark de&clined")
        self.declined_button.clicked.connect(lambda: self.mark("declined"))
        self.request_problem = problem_label()
        self.request_problem.hide()
        request_buttons = QHBoxLayout()
        request_buttons.addWidget(buddy_label("O&n:", self.answered_on))
        request_buttons.addWidget(self.answered_on)
        request_buttons.addStretch(1)
        request_buttons.addWidget(self.introduced_button)
        request_buttons.addWidget(self.declined_button)
        requests_box = QWidget()
        requests_layout = QVBoxLayout(requests_box)
        requests_layout.addWidget(self.requests)
        requests_layout.addLayout(request_buttons)
        requests_layout.addWidget(self.request_problem)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.progress)
        layout.addLayout(passes)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        list_tab = QWidget()
        list_layout = QVBoxLayout(list_tab)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(row_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(list_tab, "The &list")
        self.tabs.addTab(requests_box, "Introduction re&quests")
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        publisher().changed.connect(self.apply_changes)
        self.reload_requests()
        self._after_reload()
        preferred = text_size(self, 110, 40)
        # Wide enough for every column when the screen allows (the margins of the window,
        # the tab and the table, and a scroll bar).
        chrome = 5 * self.fontMetrics().height() \
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        preferred.setWidth(max(preferred.width(), table_width + chrome))
        fit_to_screen(self, preferred)

    def _size_columns(self) -> int:
        """Widths from the font, not from the rows (measuring thousands of rows is slow).
        The organization's name keeps room for about 28 characters and the last column
        takes what is left; on a narrow screen the table scrolls sideways instead of
        squeezing the names."""
        metrics = self.table.fontMetrics()
        widest = {"rank": "000", "focus": f"★ {FOCUS_TEXT}", "name": "x" * 28,
                  "found_in": "Trending", "advocacy": "Yes (set by you)",
                  "motivation": "Motivation", "posting": "Posting", "people": "99 (99 close)"}
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        pad = 3 * metrics.averageCharWidth()
        bold = self.table.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        total = 0
        for column, key in enumerate(COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            shown = bold_metrics if key in ("rank", "focus") else metrics  # bold in the top 5
            width = max(shown.horizontalAdvance(widest[key]),
                        bold_metrics.horizontalAdvance(HEADINGS[key])) + pad
            if key == "focus":
                width += self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) \
                    + metrics.averageCharWidth()
            header.resizeSection(column, width)
            total += width
        return total

    def today(self) -> datetime.date:
        return self._today or datetime.date.today()

    # The passes ----------------------------------------------------------------------------

    def current_pass(self) -> str:
        return self.pass_choice.currentData()

    def toggle_pass(self) -> None:
        if self.timer.isActive():
            self.stop_pass(f"{self.pass_choice.currentText()}: stopped.")
            return
        self.remaining = self.minutes.value() * 60
        self.timer.start()
        self.start_button.setText("&Stop pass")
        self.pass_choice.setEnabled(False)
        self.minutes.setEnabled(False)
        self._show_countdown()
        self.name.setFocus()

    def tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        if self.remaining:
            self._show_countdown()
            return
        label = self.pass_choice.currentText()
        index = self.pass_choice.currentIndex()
        if index + 1 < self.pass_choice.count():
            self.stop_pass(f"Time is up for {label.lower()}. Next: "
                           f"{self.pass_choice.itemText(index + 1).lower()}.")
            self.pass_choice.setCurrentIndex(index + 1)
        else:
            self.stop_pass("Time is up: all four passes done. Now score each organization.")

    def stop_pass(self, text: str) -> None:
        self.timer.stop()
        self.remaining = 0
        self.start_button.setText("&Start pass")
        self.pass_choice.setEnabled(True)
        self.minutes.setEnabled(True)
        self.countdown.setText(text)

    def _show_countdown(self) -> None:
        self.countdown.setText(f"{countdown_text(self.remaining)} left for "
                               f"{self.pass_choice.currentText().lower()}")

    def _suggest(self, text: str) -> None:
        self._suggested.setStringList(suggestions(text))

    def add_typed(self) -> None:
        name = self.name.text()
        try:
            changes = add_organization(name, self.current_pass())
        except LampError as error:
            self.problem.setText(str(error))
            self.problem.show()
            self.name.selectAll()  # typing the next name replaces it
            return
        self.problem.hide()
        self.name.clear()
        publish(changes, self)
        self.select_entry(changes.id)

    # The table -----------------------------------------------------------------------------

    def selected_row(self):
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.rows[index.row()]

    def select_entry(self, entry_id: int | None) -> None:
        row = self.model.row_of_entry(entry_id) if entry_id is not None else None
        if row is None:
            return
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, self.table.currentIndex().column()
                                                    if self.table.currentIndex().isValid()
                                                    else 2))

    def _remember_selection(self) -> None:
        row = self.selected_row()
        self._selected_entry = row.entry_id if row else None

    def _after_reload(self) -> None:
        count = len(self.model.rows)
        self.progress.setValue(min(count, TARGET_SIZE))
        self.progress.setFormat(f"{count} of {TARGET_SIZE} organizations" if count <= TARGET_SIZE
                                else f"{count} organizations (aim: {TARGET_SIZE})")
        self.select_entry(self._selected_entry)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_row = self.selected_row() is not None
        for button in (self.open_button, self.introduce_button, self.remove_button):
            button.setEnabled(has_row)
        request = self.selected_request()
        open_request = request is not None and request.status == "asked"
        self.introduced_button.setEnabled(open_request)
        self.declined_button.setEnabled(open_request)

    def _double_clicked(self, index) -> None:
        if not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.who_can_introduce()

    def _row_menu(self, point) -> None:
        if self.selected_row() is None:
            return
        menu = QMenu(self)
        for button in (self.open_button, self.introduce_button, self.remove_button):
            action = menu.addAction(button.text().replace("&", ""))
            action.triggered.connect(button.click)
        menu.popup(self.table.viewport().mapToGlobal(point))

    def open_organization(self):
        from netdesk.ui.people.organization_editor import OrganizationEditor

        row = self.selected_row()
        if row is None:
            return None
        dialog = OrganizationEditor(row.organization_id, self)
        dialog.open_person_requested.connect(self.open_person_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def who_can_introduce(self):
        from netdesk.ui.method.who_can_introduce import WhoCanIntroduceDialog

        row = self.selected_row()
        if row is None:
            return None
        dialog = WhoCanIntroduceDialog(row.organization_id, self, today=self._today)
        dialog.open_person_requested.connect(self.open_person_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            changes = remove_entry(row.entry_id)
        except LampError as error:
            warn(self, "Not removed", str(error))
            return
        publish(changes, self)

    # Introduction requests -----------------------------------------------------------------

    def reload_requests(self) -> None:
        selected = self.selected_request()
        self.requests.clear()
        rows = introductions()
        for row in rows:
            item = QTreeWidgetItem([row.introducer, row.target, row.organization,
                                    row.status_label, row.dates_text(short_date)])
            item.setData(0, INTRODUCTION_ID_ROLE, row)
            self.requests.addTopLevelItem(item)
            if selected is not None and selected.id == row.id:
                self.requests.setCurrentItem(item)
        waiting = sum(1 for r in rows if r.status == "asked")
        self.tabs.setTabText(1, f"Introduction re&quests ({waiting} waiting)" if waiting
                             else "Introduction re&quests")
        self._update_buttons()

    def selected_request(self):
        item = self.requests.currentItem()
        return item.data(0, INTRODUCTION_ID_ROLE) if item is not None and item.isSelected() \
            else None

    def mark(self, status: str) -> None:
        request = self.selected_request()
        if request is None:
            return
        on = self.answered_on.date().toPython()
        write = mark_introduced if status == "introduced" else mark_declined
        try:
            changes = write(request.id, on, today=self.today())
        except (IntroductionError, FollowUpError) as error:
            self.request_problem.setText(str(error))
            self.request_problem.show()
            return
        self.request_problem.hide()
        publish(changes, self)

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        if changes.everything or changes.lamp or changes.people_removed or any(
                "*" in names or {"first_name", "last_name", "organization"} & names
                for names in changes.person_fields.values()):
            self.reload_requests()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.stop_pass("")
        super().closeEvent(event)


# The menu entry -------------------------------------------------------------------------------


def lamp_action(window, menu: QMenu | None = None) -> QAction:
    """People → LAMP List… for the main window ``window`` (one window, raised if open)."""

    def open_lamp() -> LampWindow:
        dialog = getattr(window, "lamp_window", None)
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = window.lamp_window = LampWindow(window)
            dialog.open_person_requested.connect(window.select_person)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    action = make_action(window, "&LAMP List…", open_lamp, "Ctrl+Alt+L",
                         "Your ranked list of target organizations, and who can introduce "
                         "you there")
    action.opened = open_lamp
    follow_method_mode(action)
    if menu is not None:  # a switch changed elsewhere (another window's preferences)
        menu.aboutToShow.connect(action.follows_method.refresh)
    return action

