"""File → Export calendar: choose a file, write the iCalendar export, report the outcome."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.wording import plural

FILTER = "iCalendar files (*.ics);;All files (*)"


def default_path() -> Path:
    last = QSettings().value("calendar/last_export", "")
    if last:
        return Path(str(last))
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home()) / "netdesk.ics"


def export_to(parent: QWidget | None, path: Path) -> int | None:
    """Write the calendar to ``path``; on failure say why in a message box and return None."""
    from netdesk.formats.ics import CalendarExportError, export_ics

    try:
        count = export_ics(path)
    except CalendarExportError as error:
        warn(parent, "Export calendar", f"The calendar was not exported.\n\n{error}")
        return None
    QSettings().setValue("calendar/last_export", str(path))
    return count


class CalendarExport(QObject):
    """The File → Export calendar action and what it does."""

    finished = Signal(str)
    """A status-bar message after a successful export."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._parent = parent
        self.action = QAction("Export &Calendar…", parent)
        self.action.setStatusTip(
            "Save interviews and follow-ups as an iCalendar (.ics) file with reminders")
        self.action.triggered.connect(self.run)

    def run(self) -> int | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            self._parent, "Export calendar", str(default_path()), FILTER)
        if not name:
            return None
        path = Path(name)
        if path.suffix == "":
            path = path.with_suffix(".ics")
        count = export_to(self._parent, path)
        if count is not None:
            self.finished.emit(
                f"Exported {plural(count, 'event')} to {path.name}. "
                "Importing it again updates the same events.")
        return count
