"""The undoable commands of the main window: deleting a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from netdesk.core.people import delete_person, restore_person

if TYPE_CHECKING:
    from netdesk.ui.shell.main_window import MainWindow


class DeletePersonCommand(QUndoCommand):
    """Deleting a person, undoable: the snapshot brings back every row that went with them.

    Undo may give the person a new id (when theirs was taken since); the command follows
    it, so redo deletes exactly the person it brought back.
    """

    def __init__(self, window: MainWindow, person_id: int, name: str):
        super().__init__(f"Delete {name}")
        self.window = window
        self.person_id = person_id
        self.snapshot: dict | None = None

    def redo(self) -> None:
        deleted = delete_person(self.person_id)
        self.snapshot = deleted.snapshot
        self.window.after_delete(deleted.changes)

    def undo(self) -> None:
        changes = restore_person(self.snapshot)
        self.person_id = changes.id
        self.window.after_restore(changes)
