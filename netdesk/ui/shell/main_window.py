"""MainWindow: the contact tree on the left, the person editor on the right, menus around them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk import __version__
from netdesk.core.changes import Changes
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import ask, warn
from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.theme import APPEARANCES, appearance
from netdesk.ui.common.wheel_guard import install_wheel_guard
from netdesk.ui.dashboard.dashboard import DashboardWidget
from netdesk.ui.dashboard.habit_actions import HabitActions
from netdesk.ui.interviews.interview_actions import InterviewActions
from netdesk.ui.people.contact_tree import ContactTree
from netdesk.ui.sheets.printing import SheetActions
from netdesk.ui.shell.after_paint import IconsAfterPaint, QuietWatch, load_validators
from netdesk.ui.shell.menus import create_menu_actions, create_menus
from netdesk.ui.shell.server_names import (
    database_kind,
    database_label,
    on_server,
    server_location,
    start_folder,
    window_name,
)
from netdesk.ui.shell.welcome_panel import WelcomePanel

if TYPE_CHECKING:
    from netdesk.ui.graph.graph_panel import GraphPanel
    from netdesk.ui.people.catalog_dialog import CatalogDialog
    from netdesk.ui.people.organization_editor import OrganizationEditor
    from netdesk.ui.people.person_editor import PersonEditor
    from netdesk.ui.people.timeline import TimelineWidget

SMALL_NETWORK = 150  # at most this many people: open every group at start
GRAPH_TAB = 2


class MainWindow(QMainWindow):
    """The window.

    With ``paint_first`` (a real start) it paints first and builds the rest right
    after (:meth:`finish_start`): the tree's groups, the referral graph, the toolbar's
    icons, and the actions only menus show (import, export, backup, quick capture, the
    follow-up list; ``import_actions`` and ``backup_actions`` are empty and
    ``quick_capture_action`` and ``follow_ups_action`` None until then). Anything that
    asks for the graph earlier (its tab shown, ``graph_panel`` read, its menu opened)
    builds it at once. Without ``paint_first``, all is built before it returns.

    The person editor and the timeline under it (``editor``, ``timeline``) are built at
    their first use, or, at a real start, soon after the first paint (:meth:`finish_start`):
    no first frame shows them, and they are the largest part of the window. Until then
    nothing is being edited: :meth:`shown_person_id` is None.

    With ``storage_ready`` False the window is built, shown and painted before its file is
    open (nothing in its first frame comes from the file): :meth:`storage_opened` says when
    it is, and only then are the tree, the dashboard and the right-hand pane read.
    """

    def __init__(self, db_path: Path, sample: bool = False, parent=None, *,
                 paint_first: bool = False, storage_ready: bool = True):
        super().__init__(parent)
        self.db_path = server_location(db_path) if on_server(db_path) else Path(db_path)
        self.sample = sample
        self._set_title()
        self.undo_stack = QUndoStack(self)
        self._catalog: CatalogDialog | None = None
        if not paint_first:  # else after the first paint: it sees every event, in Python
            install_wheel_guard()  # the wheel scrolls forms instead of changing their combos

        self.contact_tree = ContactTree()
        self._editor: PersonEditor | None = None
        self._timeline: TimelineWidget | None = None
        self.welcome = WelcomePanel()
        self.nothing_selected = plain_label(
            "Pick a person on the left to see and edit them, or press Ctrl+N to add someone.")
        self.nothing_selected.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing_selected.setWordWrap(True)
        self.person_stack = QStackedWidget()
        for page in (self.welcome, self.nothing_selected):
            self.person_stack.addWidget(page)
        self.dashboard = DashboardWidget(sections_later=paint_first)  # shown at its fill
        self.dashboard.read_in_background = paint_first  # the window never waits for it
        self.dashboard.waits_for_storage = not storage_ready
        self._graph_panel: GraphPanel | None = None
        self._graph_holder = QWidget()  # the graph tab until the graph is built
        self._file_drop = None
        self._painted = self._finished = False
        self._storage_ready = storage_ready
        self.read_only = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.dashboard, "&Dashboard")
        self.tabs.addTab(self.person_stack, "Pers&on")
        self.tabs.addTab(self._graph_holder, "&Referral Graph")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.contact_tree)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([text_size(self, 46, 0).width(), text_size(self, 130, 0).width()])

        self._create_actions()
        self._create_feature_actions()
        self.import_actions, self.export_actions, self.backup_actions = [], [], []
        self.quick_capture_action = self.follow_ups_action = self.find_duplicates_action = None
        self.lamp_action = self.weekly_review_action = None
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self.read_only_banner = plain_label()
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setAccessibleName("Read-only file")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setMargin(8)
        self.read_only_banner.hide()
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.interview_actions.banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        create_menus(self)
        if not paint_first:
            self._create_menu_actions()
        else:
            for menu in (self.file_menu, self.import_menu, self.export_menu, self.people_menu):
                menu.aboutToShow.connect(self._ensure_menu_actions)
        self._connect()
        self.remote_changes = None
        if storage_ready:
            self._listen_to_others()
        self.statusBar().showMessage(f"Database: {self.db_path}", 5000)
        grouping = QSettings().value("contact_tree/grouping", "organization")
        if storage_ready:
            self._show_right_pane()
        self._restore_settings()
        if paint_first:
            self.contact_tree.choose_grouping(grouping)  # read once the window has painted
        else:
            self._fill_tree(grouping)
            self.finish_start()

    # Actions -------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.icons = IconsAfterPaint(self)
        self.new_person_action = make_action(self,
            "&New Person", self.new_person, QKeySequence.StandardKey.New,
            "Add someone to your network")
        self.save_action = make_action(self,
            "&Save", self.save_editor, QKeySequence.StandardKey.Save,
            "Save the person now (changes also save as you type)")
        self.delete_action = make_action(self,
            "&Delete Person…", self.delete_selected_person, QKeySequence.StandardKey.Delete,
            "Delete the selected person (can be undone)")
        # Delete in the contact tree only: the timeline's Delete removes its own entries.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_organization_action = make_action(self,
            "New &Organization…", lambda: self.edit_organization(None), None,
            "Record an organization: sector, website, culture")
        self.edit_organization_action = make_action(self,
            "&Edit Organization…", self.edit_selected_organization, "Ctrl+Shift+O",
            "Edit the selected person's (or group's) organization")
        self.catalog_action = make_action(self,
            "Organizations && &Career Fields…", self.open_catalog, "Ctrl+Shift+K",
            "Rename, merge or delete organizations and career fields")
        # The menus say what would be undone ("Undo Delete Ann Lee"); the toolbar keeps to
        # one word (the icon text), the tooltip follows the full text.
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIconText("Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIconText("Redo")
        # The timeline's, made here so that the People menu and Ctrl+L have it before the
        # timeline is built; enabled while a person is shown.
        self.add_entry_action = make_action(self,
            "Add to &Timeline", lambda: self.timeline.focus_entry(), "Ctrl+L",
            "Log a message, reply, meeting or other contact with this person")
        self.add_entry_action.setEnabled(False)
        self.find_action = make_action(self,
            "&Find People", self.focus_filter, QKeySequence.StandardKey.Find,
            "Filter the people by name, organization, title, email or tag")
        self.open_action = make_action(self,
            "&Open Database…", self.open_database_file, QKeySequence.StandardKey.Open,
            "Open another netdesk file in a new window")
        self.new_database_action = make_action(self,
            "New &Database…", self.new_database_file, None,
            "Start a new, empty netdesk file in a new window")
        self.sample_action = make_action(self,
            "Open Sa&mple Network", self.open_sample, None,
            "Look around a sample network in a new window (your own data is not touched)")
        self.quit_action = make_action(self,
            "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit netdesk")
        self.about_action = make_action(self,
            "&About netdesk", self.show_about, None, "Version and database location")
        self.group_actions = {}
        self.group_action_group = QActionGroup(self)  # exclusive: one grouping at a time
        for key, label in self.contact_tree.grouping_labels():
            action = QAction(f"Group by {label}", self.group_action_group, checkable=True)
            action.setStatusTip(f"Group the people by {label.lower()}")
            action.triggered.connect(lambda _checked, k=key: self.contact_tree.set_grouping(k))
            self.group_actions[key] = action
        self.appearance_group = QActionGroup(self)
        self.appearance_actions = {}
        for mode, text in APPEARANCES.items():
            action = QAction(text, self.appearance_group, checkable=True)
            action.setStatusTip("Follow the system's light or dark scheme" if mode == "system"
                                else f"Show netdesk {mode}, whatever the system's scheme")
            action.setChecked(mode == appearance().mode())
            action.triggered.connect(lambda _checked, m=mode: appearance().set_mode(m))
            self.appearance_actions[mode] = action
        appearance().changed.connect(self._sync_appearance_actions)

    def _create_feature_actions(self) -> None:
        """Actions of the interview, printing, import/export, backup and habit features."""
        current_person = lambda: self.shown_person_id() or self.contact_tree.selected_person_id()  # noqa: E731
        self.interview_actions = InterviewActions(self, current_person=current_person)
        self.sheet_actions = SheetActions(self, current_interview=lambda: None,
                                          current_person=current_person)
        self.habit = HabitActions(self)
        self.setAcceptDrops(True)
        self.tab_actions = []
        for index, shortcut in enumerate(("Ctrl+1", "Ctrl+2", "Ctrl+3")):
            label = self.tabs.tabText(index).replace("&", "")
            action = make_action(self, f"Show {label}", lambda i=index:
                                 self.tabs.setCurrentIndex(i), shortcut, f"Show the {label} view")
            self.tab_actions.append(action)

    # Built after the first paint -------------------------------------------------------------

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            if self._storage_ready:  # (else once the file is open: storage_opened)
                QTimer.singleShot(0, self, self.finish_start)  # once the whole window has painted
        return super().event(event)

    def storage_opened(self, db_path: Path | None = None) -> None:
        """The file of a window built with ``storage_ready`` False is open now (``db_path``:
        the file opened, when recovery chose another): the right-hand pane, the dashboard's
        figures and, once painted, the rest of :meth:`finish_start` come now."""
        if db_path is not None:
            location = server_location(db_path) if on_server(db_path) else Path(db_path)
            if location != self.db_path:
                self.db_path = location
                self._set_title()
                self.statusBar().showMessage(f"Database: {self.db_path}", 5000)
        if self._storage_ready:
            return
        self._storage_ready = True
        self._listen_to_others()
        self._show_right_pane()
        if self._painted:
            self.finish_start()  # the tree's rows first
        self.dashboard.storage_opened()

    def _listen_to_others(self) -> None:
        """On a shared network, show what others change as they change it."""
        from netdesk.ui.common import remote_changes

        self.remote_changes = remote_changes.start_for(self)

    def _set_title(self) -> None:
        # The platform adds " — netdesk" (the display name) unless the title ends with it.
        name = "Sample network" if self.sample else window_name(self.db_path)
        self.setWindowTitle(f"{name} — netdesk")

    def finish_start(self) -> None:
        """What the first frame does without, once: the tree's groups; the person editor and
        the phone and email checks it uses; then the actions only menus show, the graph and
        the toolbar's icons.

        After a first paint each comes in a turn of the event loop of its own, so a click or
        a key that came meanwhile is answered between them; the editor comes right after
        the tree's rows, before anyone can click one (a click or a key that needs it earlier
        builds it then). The last three wait for a pause in the user's input
        (``after_paint.QUIET_BEFORE_MS``), so that a first click is not held up by them; a menu
        opened before its actions were made makes them as it opens, the graph's tab builds
        the graph. A window closed meanwhile builds nothing more.
        """
        if self._finished or not self._storage_ready:
            return
        self._finished = True
        first = [self._fill_tree_once, lambda: self.editor, load_validators]
        then = [self._ensure_menu_actions, install_wheel_guard, lambda: self.graph_panel,
                self.icons.draw]
        if not self._painted:
            for step in (*first, *then):
                step()
            return
        quiet = QuietWatch(self)

        def next_step() -> None:
            if not self.isVisible():  # closed meanwhile: quitting does not wait for the rest
                quiet.stop()
                return
            if first:
                first.pop(0)()
                if not first:
                    quiet.restart()  # the rows and the editor are ready for a first click
            elif quiet.wait_ms() > 0:
                QTimer.singleShot(quiet.wait_ms(), self, next_step)
                return
            else:
                then.pop(0)()
            if first or then:
                QTimer.singleShot(0, self, next_step)
            else:
                quiet.stop()

        next_step()

    def _fill_tree_once(self) -> None:
        if not self.contact_tree.model.loaded:
            self._fill_tree(self.contact_tree.model.grouping)

    def _ensure_menu_actions(self) -> None:
        if self.follow_ups_action is None:
            self._create_menu_actions()

    def _create_menu_actions(self) -> None:
        create_menu_actions(self)

    def _fill_tree(self, grouping: str) -> None:
        self.contact_tree.set_grouping(grouping)
        if self.contact_tree.model.person_count() <= SMALL_NETWORK:
            self.contact_tree.view.expandAll()

    @property
    def graph_panel(self) -> GraphPanel:
        """The referral graph (built on first use; see :meth:`finish_start`)."""
        if self._graph_panel is None:
            self._build_graph_panel()
        return self._graph_panel

    def _build_graph_panel(self) -> None:
        from netdesk.ui.graph.graph_panel import GraphPanel

        panel = self._graph_panel = GraphPanel(self.undo_stack)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        try:
            text = self.tabs.tabText(GRAPH_TAB)
            self.tabs.removeTab(GRAPH_TAB)
            self.tabs.insertTab(GRAPH_TAB, panel, text)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        self._graph_holder.deleteLater()
        self.graph_menu.addActions(panel.actions_for_menu())
        status = lambda text: self.statusBar().showMessage(text, 8000)  # noqa: E731
        self.contact_tree.person_selected.connect(panel.select_person)
        panel.person_selected.connect(self.select_person)
        panel.person_activated.connect(self.select_person)
        panel.plan_interview_requested.connect(
            lambda person_id: self.interview_actions.plan(person_id=person_id))
        panel.add_referred_person_requested.connect(self.new_referred_person)
        panel.status_message.connect(status)
        selected = self.shown_person_id() or self.contact_tree.selected_person_id()
        if selected is not None:
            panel.select_person(selected)

    def _tab_changed(self, index: int) -> None:
        if index == GRAPH_TAB and self._graph_panel is None:
            self._build_graph_panel()

    @property
    def file_drop(self):
        """Reads dropped files (made at the first drag)."""
        if self._file_drop is None:
            from netdesk.ui.transfer.drop import FileDrop

            self._file_drop = FileDrop(self)
            self._file_drop.import_requested.connect(self.open_import)
            self._file_drop.status_message.connect(
                lambda text: self.statusBar().showMessage(text, 8000))
        return self._file_drop

    def open_import(self, kind: str, path: Path | None = None):
        from netdesk.ui.transfer.import_command import ImportCommand, is_undoable
        from netdesk.ui.transfer.import_dialog import ImportWizard

        wizard = ImportWizard(self, kind=kind, path=path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda summary: self.statusBar().showMessage(
            summary.text() if hasattr(summary, "text") else "Database imported.", 8000))
        wizard.imported.connect(lambda summary: is_undoable(summary) and self.undo_stack.push(
            ImportCommand(summary, self)))
        wizard.open()
        return wizard

    def open_export(self, kind: str):
        from netdesk.ui.transfer.export_dialog import ExportDialog

        dialog = ExportDialog(self, kind=kind)
        dialog.open()
        return dialog

    def _connect(self) -> None:
        publisher().changed.connect(self.apply_changes)
        self.contact_tree.person_selected.connect(self.show_person)
        self.contact_tree.add_person_requested.connect(self.new_person)
        self.contact_tree.group_activated.connect(self._group_activated)
        self.contact_tree.model.modelReset.connect(self._sync_group_actions)
        self.welcome.add_person_requested.connect(self.new_person)
        self.welcome.sample_requested.connect(self.open_sample)
        linkedin = QPushButton("Import my LinkedIn connections…")
        linkedin.clicked.connect(lambda: self.open_import("linkedin"))
        self.welcome.extra_buttons.addWidget(linkedin)

        status = lambda text: self.statusBar().showMessage(text, 8000)  # noqa: E731
        self.dashboard.open_person_requested.connect(self.select_person)
        self.dashboard.open_interview_requested.connect(self.interview_actions.open_interview)
        self.dashboard.plan_interview_requested.connect(lambda: self.interview_actions.plan())
        self.dashboard.career_fields_requested.connect(self.open_catalog)
        self.dashboard.preferences_requested.connect(self.habit.open_preferences)
        self.dashboard.follow_ups_requested.connect(
            lambda: (self._ensure_menu_actions(), self.follow_ups_action.trigger()))
        self.interview_actions.print_sheet_requested.connect(self._print_interview_sheet)
        self.interview_actions.status_message.connect(status)
        self.habit.open_person_requested.connect(self.select_person)
        self.habit.status_message.connect(status)
        self.habit.show_dashboard_requested.connect(self._show_dashboard)

    # The person editor, built at first use ---------------------------------------------------

    @property
    def editor(self) -> PersonEditor:
        """The person editor (built now if it was not yet)."""
        if self._editor is None:
            self._build_editor()
        return self._editor

    @property
    def timeline(self) -> TimelineWidget:
        """The timeline under the person editor (built with it)."""
        if self._timeline is None:
            self._build_editor()
        return self._timeline

    def _build_editor(self) -> None:
        from netdesk.ui.people.person_editor import PersonEditor
        from netdesk.ui.people.referral_commands import ReferredByCommand
        from netdesk.ui.people.timeline import TimelineWidget

        editor = self._editor = PersonEditor()
        timeline = self._timeline = TimelineWidget(add_entry_action=self.add_entry_action)
        timeline.setMinimumHeight(260)
        editor.extra_layout.addWidget(timeline, 1)
        self.person_stack.addWidget(editor)
        editor.person_saved.connect(self._person_saved)
        editor.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        editor.referrer_saved.connect(lambda person, before, after: self.undo_stack.push(
            ReferredByCommand(person, before, after, editor.status_message.emit)))
        editor.edit_organization_requested.connect(self._edit_organization_named)
        timeline.decline_requested.connect(self.habit.record_no)
        # The window hears of a change after the editor and the timeline, as when they were
        # built with it: a file read again whole is taken in by the editor, then let go.
        publisher().changed.disconnect(self.apply_changes)
        publisher().changed.connect(self.apply_changes)
        if self.read_only:
            _fields_read_only(editor, True)
            timeline.setEnabled(False)
            self.add_entry_action.setEnabled(False)

    def shown_person_id(self) -> int | None:
        """The person in the editor (None for none, and before the editor is built)."""
        return self._editor.person_id if self._editor is not None else None

    def save_editor(self) -> bool:
        """Save what the editor holds now; False when it could not be saved."""
        return self._editor is None or self._editor.save_now()

    def _editor_may_leave(self, then) -> bool:
        return self._editor is None or self._editor.request_leave(then)

    def _forget_shown_person(self) -> None:
        if self._editor is not None:
            self._editor.person_id = None  # nothing left to save for them

    def _print_interview_sheet(self, interview_id: int) -> None:
        from netdesk.ui.sheets.printing import print_interview_sheet

        print_interview_sheet(self, interview_id)

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """Show a file that cannot be written as such: a banner says why and what to do, and
        every action and field that would write is disabled, so nothing fails later."""
        self.read_only = read_only
        self.read_only_reason = reason
        self.read_only_banner.setText(
            f"This {database_kind(self.db_path)} is open for reading only; nothing you do here "
            f"can be saved. {reason}"
            .strip())
        self.read_only_banner.setVisible(read_only)
        writers = [
            self.new_person_action, self.save_action, self.delete_action,
            self.new_organization_action, self.edit_organization_action, self.catalog_action,
            self.undo_action, self.redo_action,
            *([self.quick_capture_action] if self.quick_capture_action else []),
            *self.import_actions, *self.backup_actions,
            self.interview_actions.plan_action, self.interview_actions.debrief_action,
            self.interview_actions.bank_action, self.interview_actions.profile_action,
            self.habit.record_no_action, self.add_entry_action,
        ]
        for action in writers:
            action.setEnabled(not read_only)
        if self._editor is not None:
            _fields_read_only(self._editor, read_only)
            self._timeline.setEnabled(not read_only)

    # Slots ---------------------------------------------------------------------------------

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        """Keep the tree and the right-hand pane in step with every write."""
        if changes.everything:
            self.reload_everything()
            return
        if changes.people_moved:
            self.contact_tree.reload()
            self._show_right_pane()

    def show_person(self, person_id: int | None) -> None:
        """Show ``person_id`` in the editor (None: nothing selected), once the editor has
        saved or asked about what the user typed."""
        leaving = person_id is None or person_id != self.shown_person_id()
        then = (lambda: self.select_person(person_id)) if person_id is not None \
            else (lambda: self.show_person(None))
        if leaving and not self._editor_may_leave(then):
            self.contact_tree.select_person(self.shown_person_id())
            return
        if person_id is None:
            self._forget_shown_person()
            self._show_right_pane()
            return
        self.editor.load_person(person_id)
        self.timeline.set_person(self.editor.person_id)
        self.habit.set_current_person(self.editor.person_id)
        self.sheet_actions.update_enabled()
        self.person_stack.setCurrentWidget(self.editor)
        if self.tabs.currentIndex() != GRAPH_TAB:
            self.tabs.setCurrentWidget(self.person_stack)
        self.delete_action.setEnabled(True)

    def select_person(self, person_id: int) -> None:
        """Select ``person_id`` everywhere in the window and show them in the editor."""
        self.contact_tree.select_person(person_id)
        if self._graph_panel is not None:
            self._graph_panel.select_person(person_id)
        self.show_person(person_id)

    def new_person(self) -> None:
        if not self._editor_may_leave(self.new_person):
            return
        self._show_new_person()

    def _show_new_person(self, referred_by: int | None = None) -> None:
        self.contact_tree.select_person(None)
        self.editor.new_person(referred_by=referred_by)
        self.timeline.set_person(None)
        self.habit.set_current_person(None)
        self.person_stack.setCurrentWidget(self.editor)
        self.tabs.setCurrentWidget(self.person_stack)
        self.delete_action.setEnabled(False)

    def delete_selected_person(self) -> None:
        from netdesk.db.models import Person

        person_id = self.shown_person_id() or self.contact_tree.selected_person_id()
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        if person is None:
            return
        from netdesk.db.members import is_mine, name_of

        if not is_mine(person.owner):  # on a server, someone else's person: theirs to delete
            warn(self, "Delete person", f"{person.full_name} is {name_of(person.owner)}'s "
                 "person: only they can delete them.")
            return
        answer = ask(
            self, "Delete person",
            f"Delete {person.full_name} with their interviews, notes and referrals?\n\n"
            "You can undo this with Edit → Undo (Ctrl+Z).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from netdesk.ui.shell.delete_command import DeletePersonCommand

        self._forget_shown_person()
        self.undo_stack.push(DeletePersonCommand(self, person.id, person.full_name))

    def new_referred_person(self, referrer_id: int) -> None:
        """Add a person with "Referred by" filled in: the referral is recorded when the new
        person is first saved, and never for anyone else."""
        if not self._editor_may_leave(lambda: self.new_referred_person(referrer_id)):
            return
        self._show_new_person(referred_by=referrer_id)

    def _show_dashboard(self) -> None:
        self.raise_()
        self.activateWindow()
        self.tabs.setCurrentWidget(self.dashboard)

    def after_delete(self, changes: Changes) -> None:
        if self.shown_person_id() == changes.id:
            self._forget_shown_person()
        publish(changes, self)
        self.statusBar().showMessage("Deleted. Edit → Undo brings the person back.", 8000)

    def after_restore(self, changes: Changes) -> None:
        publish(changes, self)
        self.select_person(changes.id)

    def edit_organization(self, organization_id: int | None, name: str = "") -> OrganizationEditor:
        from netdesk.ui.people.organization_editor import OrganizationEditor

        if not self.save_editor():
            return None
        dialog = OrganizationEditor(organization_id, self, name=name)
        dialog.open_person_requested.connect(self.select_person)
        dialog.open()
        return dialog

    def open_catalog(self) -> CatalogDialog | None:
        """People → Organizations & Career Fields: one window, raised if already open."""
        if not self.save_editor():
            return None
        dialog = self._catalog
        if dialog is None:
            from netdesk.ui.people.catalog_dialog import CatalogDialog

            dialog = self._catalog = CatalogDialog(self)
            dialog.open_person_requested.connect(self.select_person)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def edit_selected_organization(self):
        group = self.contact_tree.selected_group()
        if group is not None and self.contact_tree.model.grouping == "organization":
            if group.key is not None:
                return self.edit_organization(group.key)
        from netdesk.db.models import Person

        person_id = self.shown_person_id() or self.contact_tree.selected_person_id()
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        if person is not None and person.organization_id:
            return self.edit_organization(person.organization_id)
        self.statusBar().showMessage("Select a person with an organization, or an organization "
                                     "group, first.", 5000)
        return None

    def focus_filter(self) -> None:
        self.contact_tree.filter.setFocus()
        self.contact_tree.filter.selectAll()

    def open_database_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, "Open netdesk database", str(start_folder(self.db_path)),
            "netdesk databases (*.sqlite3);;All files (*)")
        if name:
            self._start_netdesk(["--db", name])

    def new_database_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            self, "New netdesk database", str(start_folder(self.db_path) / "network.sqlite3"),
            "netdesk databases (*.sqlite3)")
        if name:
            if Path(name).exists():
                warn(self, "New database",
                     "That file already exists; choose a new name.")
                return
            from netdesk.ui.backup.encryption_dialog import prepare_new_file

            if not prepare_new_file(self, Path(name)):  # offers to encrypt it
                return
            self._start_netdesk(["--db", name])

    def open_sample(self) -> None:
        self._start_netdesk(["--demo"])
        self.statusBar().showMessage("Opening the sample network in a new window…", 5000)

    def show_about(self) -> QMessageBox:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        box = QMessageBox(QMessageBox.Icon.Information, "About netdesk", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"netdesk {__version__}")
        box.setInformativeText(
            "Build a professional network on purpose and run informational interviews.\n\n"
            f"{database_label(self.db_path)}:\n{self.db_path}\n\n"
            f"Qt {qVersion()}, PySide6 {pyside_version}")
        fit_to_screen(box)
        box.open()
        return box

    def reload_everything(self) -> None:
        self.contact_tree.reload()
        self._forget_shown_person()
        self._show_right_pane()

    # Helpers -------------------------------------------------------------------------------

    def _start_netdesk(self, arguments: list[str]) -> bool:
        from PySide6.QtCore import QProcess

        return QProcess.startDetached(sys.executable, ["-m", "netdesk", *arguments])[0]

    def _person_saved(self, person_id: int) -> None:
        if self.contact_tree.selected_person_id() != person_id:
            self.contact_tree.select_person(person_id)
        self.delete_action.setEnabled(True)

    def _edit_organization_named(self, name: str) -> None:
        from netdesk.db.models import Organization

        organization = Organization.get_or_none(Organization.name == " ".join(name.split()))
        self.edit_organization(organization.id if organization else None, name=name)

    def _group_activated(self, grouping: str, key) -> None:
        if grouping == "organization" and key is not None:
            self.edit_organization(key)

    def _sync_group_actions(self) -> None:
        for key, action in self.group_actions.items():
            action.setChecked(key == self.contact_tree.model.grouping)

    def _sync_appearance_actions(self, mode: str) -> None:
        self.appearance_actions[mode].setChecked(True)

    def _show_right_pane(self) -> None:
        editor = self._editor
        if editor is not None and self.person_stack.currentWidget() is editor and (
            editor.person_id is not None or editor.is_dirty()
        ):
            return
        from netdesk.db.models import Person

        empty = not Person.select().exists()
        self.person_stack.setCurrentWidget(self.welcome if empty else self.nothing_selected)
        if empty:
            self.tabs.setCurrentWidget(self.person_stack)
        self.delete_action.setEnabled(False)

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            fit_to_screen(self, self.size())  # saved on a larger screen, or at a smaller scale
        else:
            fit_to_screen(self, text_size(self, 170, 46))
        splitter = settings.value("main_window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        state = settings.value("main_window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def dragEnterEvent(self, event) -> None:
        self.file_drop.drag_enter(event)

    def dragMoveEvent(self, event) -> None:
        self.file_drop.drag_move(event)

    def dropEvent(self, event) -> None:
        self.file_drop.drop(event)

    def closeEvent(self, event) -> None:
        if not self._editor_may_leave(self.close):
            event.ignore()  # the editor asks about an edit it could not save
            return
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        settings.setValue("main_window/state", self.saveState())
        if getattr(self, "sync_actions", None) is not None:
            self.sync_actions.stop()  # cancels a sync under way, waits a moment at most
        super().closeEvent(event)


def _fields_read_only(form: QWidget, read_only: bool) -> None:
    """Text stays readable and selectable in a read-only form; choices and buttons are off."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    for kind in (QLineEdit, QPlainTextEdit):
        for field in form.findChildren(kind):
            field.setReadOnly(read_only)
    for kind in (QComboBox, QAbstractButton):
        for control in form.findChildren(kind):
            control.setEnabled(not read_only)
