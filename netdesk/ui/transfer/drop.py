"""Dropping a file on the main window: a contacts file opens the import wizard, ready.

A vCard (.vcf), a spreadsheet (.csv, LinkedIn's Connections.csv among them) or a
whole netdesk database (.json) opens File → Import with that file and its kind
chosen; nothing is read or written before the user goes on in the wizard.
Anything else gets a status message saying what can be dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from netdesk.formats.importing import guess_kind

WHAT_CAN_BE_DROPPED = ("a vCard (.vcf), a spreadsheet (.csv) or a netdesk database "
                       "export (.json)")


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files in ``mime``, in order."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def what_to_import(paths: list[Path]) -> tuple[str | None, Path | None, str]:
    """(kind, file, message) for dropped ``paths``: the kind is None when nothing fits, and
    the message then says why; otherwise it says what the wizard was opened with."""
    if not paths:
        return None, None, f"Only files can be dropped here: {WHAT_CAN_BE_DROPPED}."
    path = paths[0]
    if path.is_dir():
        return None, None, f"{path.name} is a folder. Drop one file: {WHAT_CAN_BE_DROPPED}."
    if path.suffix.casefold() in (".sqlite3", ".sqlite", ".db"):
        return None, None, (f"{path.name} looks like a database file: open it with File → "
                            "Open Database… instead.")
    kind = guess_kind(path) if path.exists() else None
    if kind is None:
        return None, None, (f"{path.name} is not a file netdesk can import. Drop "
                            f"{WHAT_CAN_BE_DROPPED}.")
    message = f"Importing {path.name}: check the preview before anything is saved."
    if len(paths) > 1:
        message = f"One file at a time: importing {path.name} only."
    return kind, path, message


class FileDrop(QObject):
    """Takes the main window's drag and drop events; asks for the import wizard or says why not.

    The window calls :meth:`drag_enter`, :meth:`drag_move` and :meth:`drop` from its
    own event handlers and connects the two signals.
    """

    import_requested = Signal(str, object)
    """(kind, path): open the import wizard with this file and kind."""
    status_message = Signal(str)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        # Any local file is taken, so that a file netdesk cannot read gets an answer too.
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drag_move(self, event: QDragMoveEvent) -> None:
        self.drag_enter(event)

    def drop(self, event: QDropEvent) -> bool:
        """Open the wizard for a dropped file (True), or say why it cannot be imported."""
        kind, path, message = what_to_import(dropped_files(event.mimeData()))
        event.acceptProposedAction()
        self.status_message.emit(message)
        if kind is None:
            return False
        self.import_requested.emit(kind, path)
        return True
