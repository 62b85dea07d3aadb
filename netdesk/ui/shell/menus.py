"""The main window's menu bar, toolbar and contact-tree context actions, and the actions
only the menus show (made after the first paint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from netdesk.ui.shell.main_window import MainWindow


def create_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    window.file_menu = bar.addMenu("&File")
    for action in (window.new_database_action, window.open_action, window.sample_action):
        window.file_menu.addAction(action)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.save_action)
    window.file_menu.addSeparator()
    window.import_menu = window.file_menu.addMenu("&Import")
    export_menu = window.export_menu = window.file_menu.addMenu("&Export")
    export_menu.addAction(window.habit.export_calendar_action)
    window.file_menu.addSeparator()
    window.file_menu.addActions(window.sheet_actions.actions())
    window.file_menu.addSeparator()
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.quit_action)
    window.edit_menu = bar.addMenu("&Edit")
    for action in (window.undo_action, window.redo_action):
        window.edit_menu.addAction(action)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(window.find_action)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(window.habit.preferences_action)
    window.view_menu = bar.addMenu("&View")
    window.view_menu.addActions(window.tab_actions)
    window.view_menu.addSeparator()
    for action in window.group_actions.values():
        window.view_menu.addAction(action)
    window.view_menu.addSeparator()
    appearance_menu = window.view_menu.addMenu("&Appearance")
    appearance_menu.addActions(list(window.appearance_actions.values()))
    window.people_menu = bar.addMenu("&People")
    for action in (window.new_person_action, window.delete_action):  # quick capture: see
        window.people_menu.addAction(action)  # MainWindow._create_menu_actions
    window.people_menu.addSeparator()
    for action in (window.new_organization_action, window.edit_organization_action,
                   window.catalog_action):
        window.people_menu.addAction(action)
    window.people_menu.addSeparator()
    window.people_menu.addAction(window.add_entry_action)
    window.people_menu.addAction(window.habit.record_no_action)
    window.interviews_menu = bar.addMenu("&Interviews")
    for action in window.interview_actions.menu_actions():
        if action is None:
            window.interviews_menu.addSeparator()
        else:
            window.interviews_menu.addAction(action)
    window.graph_menu = bar.addMenu("&Graph")
    window.graph_menu.aboutToShow.connect(lambda: window.graph_panel)  # its actions, built
    window.help_menu = bar.addMenu("&Help")
    window.help_menu.addAction(window.sample_action)
    window.help_menu.addAction(window.about_action)

    window.toolbar = window.addToolBar("Main")
    window.toolbar.setObjectName("main_toolbar")
    window.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (window.new_person_action, window.save_action, window.delete_action,
                   window.undo_action, window.redo_action, window.interview_actions.plan_action,
                   window.sheet_actions.print_action):
        window.toolbar.addAction(action)
    for action, name in ((window.new_person_action, "new-person"), (window.save_action, "save"),
                         (window.delete_action, "delete"), (window.undo_action, "undo"),
                         (window.redo_action, "redo"), (window.open_action, "open"),
                         (window.interview_actions.plan_action, "plan-interview"),
                         (window.interview_actions.plan_with_person_action, "plan-interview"),
                         (window.sheet_actions.print_action, "print")):
        window.icons.set_icon(action, name)
    window.view_menu.addSeparator()
    window.view_menu.addAction(window.toolbar.toggleViewAction())

    view = window.contact_tree.view
    for action in (window.new_person_action, window.interview_actions.plan_with_person_action,
                   window.sheet_actions.print_action, window.sheet_actions.export_pdf_action,
                   window.habit.record_no_action, window.edit_organization_action,
                   window.delete_action):
        view.addAction(action)


def create_menu_actions(window: MainWindow) -> None:
    """The actions only the menus show, put in their places there: File → Import and
    Export, the backup actions, People → Quick Capture, All Follow-ups, the LAMP
    List, the Weekly Review and Find Duplicates."""
    from netdesk.ui.backup.backup_actions import backup_actions
    from netdesk.ui.backup.encryption_dialog import encryption_actions
    from netdesk.ui.common.capture import quick_capture_action
    from netdesk.ui.dashboard.follow_up_list import follow_up_list_action
    from netdesk.ui.method.lamp_window import lamp_action
    from netdesk.ui.method.weekly_review import weekly_review_action
    from netdesk.ui.people.duplicates_dialog import find_duplicates_action
    from netdesk.ui.transfer.export_dialog import export_actions
    from netdesk.ui.transfer.import_dialog import import_actions
    from netdesk.ui.transfer.sync_actions import SyncActions

    window.import_actions = import_actions(window, window.open_import)
    window.export_actions = export_actions(window, window.open_export)
    window.quick_capture_action = quick_capture_action(
        window, lambda text: window.statusBar().showMessage(text, 8000))
    window.follow_ups_action = follow_up_list_action(window, window.select_person)
    window.backup_actions = backup_actions(window, lambda: window.db_path,
                                           before_restore=window.save_editor)
    window.backup_actions += encryption_actions(window, lambda: window.db_path,
                                                before_convert=window.save_editor)
    window.import_menu.addActions(window.import_actions)
    window.export_menu.insertActions(window.habit.export_calendar_action, window.export_actions)
    file_actions = window.file_menu.actions()
    before_quit = file_actions[file_actions.index(window.quit_action) - 1]  # its separator
    window.file_menu.insertActions(before_quit, window.backup_actions)
    window.people_menu.insertAction(window.delete_action, window.quick_capture_action)
    window.people_menu.addAction(window.follow_ups_action)
    window.lamp_action = lamp_action(window, window.people_menu)
    window.people_menu.addAction(window.lamp_action)
    window.weekly_review_action = weekly_review_action(window, window.select_person)
    window.people_menu.addAction(window.weekly_review_action)
    window.people_menu.addSeparator()
    window.find_duplicates_action = find_duplicates_action(window)
    window.people_menu.addAction(window.find_duplicates_action)
    window.sync_actions = SyncActions(window)  # File → Sync Accounts…, the status bar, the worker
    from netdesk.ui.people.privacy_actions import privacy_actions
    from netdesk.ui.shell.app_lock import app_lock, lock_now_action

    window.privacy_actions = privacy_actions(window)  # People → Export Everything About…, Forget
    window.people_menu.addSeparator()
    window.people_menu.addActions(window.privacy_actions)
    window.lock_now_action = lock_now_action(window)  # View → Lock Now; starts the idle watch
    app_lock().locked.connect(window.sync_actions.cancel)  # nothing is written while locked
    window.view_menu.addSeparator()
    window.view_menu.addAction(window.lock_now_action)
    for action in (*window.import_actions, *window.backup_actions, window.quick_capture_action,
                   window.find_duplicates_action, window.privacy_actions[1]):
        action.setEnabled(not window.read_only)
    for action in window.backup_actions:
        action.setEnabled(not window.sample and not window.read_only)
