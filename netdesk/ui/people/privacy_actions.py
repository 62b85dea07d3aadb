"""People → Export Everything About… and Forget Person…: the actions, and opening their
dialogs for the person selected in a main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from netdesk.ui.common.actions import make_action
from netdesk.ui.common.plain_messages import inform

if TYPE_CHECKING:
    from netdesk.ui.people.export_about_dialog import ExportAboutDialog
    from netdesk.ui.people.forget_dialog import ForgetDialog
    from netdesk.ui.shell.main_window import MainWindow


def _current(window: MainWindow, title: str) -> int | None:
    person_id = window.editor.person_id or window.contact_tree.selected_person_id()
    if person_id is None:
        inform(window, title, "Pick a person first, in the list on the left.")
    return person_id


def open_export_about(window: MainWindow) -> ExportAboutDialog | None:
    from netdesk.ui.people.export_about_dialog import ExportAboutDialog

    person_id = _current(window, "Export Everything About")
    if person_id is None:
        return None
    window.editor.save_now()  # what is typed is part of what they see
    dialog = ExportAboutDialog(person_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exported.connect(lambda path: window.statusBar().showMessage(
        f"Exported to {path}", 8000))
    dialog.open()
    return dialog


def open_forget(window: MainWindow, *, backup_root=None) -> ForgetDialog | None:
    from netdesk.ui.people.forget_dialog import ForgetDialog

    person_id = _current(window, "Forget Person")
    if person_id is None:
        return None
    dialog = ForgetDialog(person_id, window.db_path, window.undo_stack, window,
                          backup_root=backup_root)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done(forgotten) -> None:
        if window.editor.person_id == forgotten.changes.id:
            window.editor.person_id = None  # nothing left to save for them
        window.statusBar().showMessage(f"{dialog.seen.name} is forgotten.", 8000)

    dialog.about_to_forget.connect(lambda gone: _drop_edits(window, gone))
    dialog.forgotten.connect(done)
    dialog.open()
    return dialog


def _drop_edits(window: MainWindow, person_id: int) -> None:
    if window.editor.person_id == person_id:
        window.editor.person_id = None


def privacy_actions(window: MainWindow) -> list[QAction]:
    """Export Everything About… and Forget Person…, for People."""
    return [
        make_action(window, "E&xport Everything About…", lambda: open_export_about(window),
                    None, "Write everything netdesk holds about the selected person, for "
                    "their request to see it"),
        make_action(window, "For&get Person…", lambda: open_forget(window), None,
                    "Delete the selected person everywhere, for good (cannot be undone)"),
    ]
