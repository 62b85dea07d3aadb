"""Printing question sheets from the window: preview, print, save as PDF, and the actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.screen import fit_to_screen, text_size

if TYPE_CHECKING:
    from PySide6.QtGui import QPageSize  # (its enum of paper sizes is large to set up)

    from netdesk.core.sheet import Sheet

# The sheet itself (netdesk.core.sheet, netdesk.render.sheet_pages) is imported when one is
# made: the main window's first frame has these actions, not a sheet.

PAGE_SIZE_KEY = "sheet/page_size"
EXPORT_DIR_KEY = "sheet/export_dir"


def preferred_page_size_name() -> str:
    """The paper the user last chose for sheets, else the one the locale expects."""
    from netdesk.core.sheet import PAGE_SIZES
    from netdesk.render.sheet_pages import locale_page_size_name

    saved = str(QSettings().value(PAGE_SIZE_KEY, "") or "")
    return saved if saved in PAGE_SIZES else locale_page_size_name()


def remember_page_size_name(name: str) -> None:
    from netdesk.core.sheet import PAGE_SIZES

    if name in PAGE_SIZES:
        QSettings().setValue(PAGE_SIZE_KEY, name)


# Entry points for the application -------------------------------------------------------


def _warn(parent: QWidget | None, title: str, text: str) -> None:
    warn(parent, title, text)


def _show_status(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    status_bar = getattr(window, "statusBar", None)
    if callable(status_bar):
        status_bar().showMessage(text, 5000)


def preview_sheet(parent: QWidget | None, sheet: Sheet, page_size: QPageSize | None = None):
    """Open a print preview of ``sheet`` (with the system printer); return the dialog."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from netdesk.render.sheet_pages import page_size_named, render_sheet, sheet_page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(sheet_page_layout(
        page_size or page_size_named(preferred_page_size_name())))
    printer.setDocName(sheet.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print Preview: {sheet.title}")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.printer_ = printer  # the dialog does not own the printer: keep it alive with it
    dialog.paintRequested.connect(lambda device: render_sheet(sheet, device))
    fit_to_screen(dialog, text_size(dialog, 128, 58))
    dialog.open()
    return dialog


def _sheet_or_warn(parent: QWidget | None, interview_id: int, title: str) -> Sheet | None:
    """The question sheet of one interview; None, after saying why under ``title``, when it
    cannot be made."""
    from netdesk.core.sheet import SheetError, interview_sheet

    try:
        return interview_sheet(interview_id)
    except SheetError as error:
        _warn(parent, title, f"The sheet cannot be made: {error}.")
        return None


def print_interview_sheet(parent: QWidget | None, interview_id: int):
    """Preview (then print) the question sheet of one interview; return the dialog or None."""
    sheet = _sheet_or_warn(parent, interview_id, "Print Question Sheet")
    return preview_sheet(parent, sheet) if sheet is not None else None


def ask_pdf_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save a PDF, starting in the folder used last; None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    settings = QSettings()
    folder = str(settings.value(EXPORT_DIR_KEY, "") or "") or str(Path.home())
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Export Question Sheet as PDF", str(Path(folder) / suggested_name),
        "PDF files (*.pdf)")
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    settings.setValue(EXPORT_DIR_KEY, str(path.parent))
    return path


def save_sheet_pdf(parent: QWidget | None, sheet: Sheet,
                   page_size: QPageSize | str = "") -> Path | None:
    """Ask for a file name, write ``sheet`` there; return the path, None if cancelled/failed."""
    from netdesk.render.sheet_pages import write_sheet_pdf

    path = ask_pdf_path(parent, sheet.filename)
    if path is None:
        return None
    try:
        pages = write_sheet_pdf(sheet, path, page_size or preferred_page_size_name())
    except OSError as error:
        reason = error.strerror or str(error)
        _warn(parent, "Export as PDF", f"The sheet could not be saved as {path}:\n{reason}")
        return None
    _show_status(parent, f"Saved the question sheet ({pages} "
                         f"{'page' if pages == 1 else 'pages'}) to {path}")
    return path


def export_interview_sheet_pdf(parent: QWidget | None, interview_id: int) -> Path | None:
    """Ask for a file name and write one interview's question sheet there as PDF."""
    sheet = _sheet_or_warn(parent, interview_id, "Export as PDF")
    return save_sheet_pdf(parent, sheet) if sheet is not None else None


def open_blank_sheet_dialog(parent: QWidget | None):
    """Show the dialog that prints a sheet of bank questions with no interview."""
    from netdesk.ui.sheets.blank_sheet_dialog import BlankSheetDialog

    dialog = BlankSheetDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# Actions for menus -----------------------------------------------------------------------


class SheetActions(QObject):
    """The printing actions, created once and shared by menus, toolbar and context menus.

    ``current_interview`` returns the interview open or selected in the window;
    ``current_person`` (optional) the selected person, whose next or latest
    interview is used when no interview is selected.
    """

    sheet_written = Signal(str)
    """A PDF was written (its path)."""

    def __init__(self, parent: QWidget, current_interview: Callable[[], int | None],
                 current_person: Callable[[], int | None] | None = None):
        super().__init__(parent)
        self._window = parent
        self._current_interview = current_interview
        self._current_person = current_person or (lambda: None)
        self.print_action = make_action(self,
            "&Print Question Sheet…", self.print_current, QKeySequence.StandardKey.Print,
            "Preview and print the question sheet for the selected interview")
        self.export_pdf_action = make_action(self,
            "Export Question Sheet as PD&F…", self.export_current, None,
            "Save the question sheet for the selected interview as a PDF file")
        self.blank_sheet_action = make_action(self,
            "B&lank Question Sheet…", lambda: open_blank_sheet_dialog(self._window), None,
            "Print questions from the bank with no interview: for practice or a career fair")
        publisher().changed.connect(self._apply_changes)
        self.update_enabled()

    def actions(self) -> list[QAction]:
        """For the File menu, in order."""
        return [self.print_action, self.export_pdf_action, self.blank_sheet_action]

    def interview_id(self) -> int | None:
        """The interview the actions act on now."""
        chosen = self._current_interview()
        if chosen is None:
            person = self._current_person()
            if person is not None:
                from netdesk.core.sheet import interview_for_person

                chosen = interview_for_person(person)
        return chosen

    def _apply_changes(self, changes, _initiator=None) -> None:
        if changes.interviews or changes.people_moved:
            self.update_enabled()

    def update_enabled(self) -> None:
        """Enable the interview actions only when there is an interview to print."""
        has_one = self.interview_id() is not None
        self.print_action.setEnabled(has_one)
        self.export_pdf_action.setEnabled(has_one)

    def print_current(self):
        interview_id = self.interview_id()
        if interview_id is None:
            _show_status(self._window, "Select a person with an interview to print its sheet")
            return None
        return print_interview_sheet(self._window, interview_id)

    def export_current(self) -> Path | None:
        interview_id = self.interview_id()
        if interview_id is None:
            _show_status(self._window, "Select a person with an interview to export its sheet")
            return None
        path = export_interview_sheet_pdf(self._window, interview_id)
        if path is not None:
            self.sheet_written.emit(str(path))
        return path


def person_sheet_actions(parent: QWidget, person_id: int) -> list[QAction]:
    """Context-menu actions for one person: print or save their next (or latest) interview's
    sheet; disabled, with a tip saying why, when they have no interview."""
    from netdesk.core.sheet import interview_for_person

    interview_id = interview_for_person(person_id)
    print_action = QAction("Print Question Sheet…", parent)
    export_action = QAction("Export Question Sheet as PDF…", parent)
    if interview_id is None:
        for action in (print_action, export_action):
            action.setEnabled(False)
            action.setStatusTip("No interview with this person yet")
        return [print_action, export_action]
    print_action.setStatusTip("Preview and print the sheet for their next or latest interview")
    export_action.setStatusTip("Save the sheet for their next or latest interview as a PDF")
    print_action.triggered.connect(lambda: print_interview_sheet(parent, interview_id))
    export_action.triggered.connect(lambda: export_interview_sheet_pdf(parent, interview_id))
    return [print_action, export_action]
