"""ImportCommand: a whole people import as one step on the window's undo stack.

The wizard has written and announced the import when the command is pushed, so the
first redo does nothing; undo takes back exactly what was written and redo writes it
again (:mod:`netdesk.formats.import_undo`), each announced to every view.
"""

from __future__ import annotations

from peewee import DatabaseError
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from netdesk.formats.import_undo import redo_import, undo_import
from netdesk.formats.people_import import ImportSummary
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.wording import plural


def describe_import(summary: ImportSummary) -> str:
    """'Import of 12 people (3 merged)', for Edit → Undo."""
    text = f"Import of {plural(summary.added, 'person', 'people')}"
    merged = summary.merged - summary.unchanged
    return text + (f" ({merged} merged)" if merged > 0 else "")


def is_undoable(summary: object) -> bool:
    """A people import that wrote something (not a whole-database load, not a no-op)."""
    if not isinstance(summary, ImportSummary) or summary.record is None:
        return False
    return any(summary.record.inserted.values()) or bool(summary.record.before)


class ImportCommand(QUndoCommand):
    def __init__(self, summary: ImportSummary, window: QWidget):
        super().__init__(describe_import(summary))
        self.record = summary.record
        self.window = window
        self._written = True  # by the wizard, just now

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self._run(redo_import, "redone")

    def undo(self) -> None:
        self._run(undo_import, "undone")

    def _run(self, step, done: str) -> None:
        try:
            changes = step(self.record)
        except DatabaseError as error:
            warn(self.window, "Import", f"The import could not be {done}: the database "
                 f"refused ({error}). Nothing was changed.")
            self.setObsolete(True)
            return
        publish(changes, self.window)
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(f"{self.text()}: {done}.", 8000)
