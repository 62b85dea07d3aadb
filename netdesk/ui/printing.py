"""Printing question sheets: pages, footers, print preview, PDF export and blank sheets.

The sheet's HTML comes from ``netdesk.core.sheet``. Here it is laid out with
``QTextDocument`` for one paged device (a ``QPdfWriter`` or a ``QPrinter``):
the body gets the printable area less a strip at the foot, every top-level
block that fits on a page (a question with its note lines, the pitch, the
checklist, the closing block) is moved whole to the next page when it would
straddle a page break, and each page is painted with its footer: the
person's name and "Page n of m".
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.question_bank import CATEGORY_LABELS
from netdesk.core.sheet import (
    PAGE_SIZES,
    Sheet,
    SheetError,
    blank_sheet,
    default_page_size,
    interview_for_person,
    interview_sheet,
)
from netdesk.db.models import QUESTION_CATEGORIES, Question

MARGINS_MM = QMarginsF(18, 15, 18, 12)
FOOTER_MM = 9.0
BODY_POINT_SIZE = 10
FOOTER_POINT_SIZE = 8
PDF_RESOLUTION = 300
PAGE_SIZE_KEY = "sheet/page_size"
EXPORT_DIR_KEY = "sheet/export_dir"
_PAGE_SIZE_IDS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


# Paper -----------------------------------------------------------------------------------


def page_size_named(name: str) -> QPageSize:
    """QPageSize for 'A4' or 'Letter' (any case). Raises ValueError for other names."""
    for known, size_id in _PAGE_SIZE_IDS.items():
        if name.strip().lower() == known.lower():
            return QPageSize(size_id)
    raise ValueError(f"unknown page size {name!r}; choose {' or '.join(PAGE_SIZES)}")


def locale_page_size_name(locale=None) -> str:
    """'Letter' in the US, Canada, Mexico and the other Letter countries, else 'A4'."""
    from PySide6.QtCore import QLocale

    locale = locale or QLocale()
    territory = locale.name().partition("_")[2]
    return default_page_size(territory)


def preferred_page_size_name() -> str:
    """The paper the user last chose for sheets, else the one the locale expects."""
    saved = str(QSettings().value(PAGE_SIZE_KEY, "") or "")
    return saved if saved in PAGE_SIZES else locale_page_size_name()


def remember_page_size_name(name: str) -> None:
    if name in PAGE_SIZES:
        QSettings().setValue(PAGE_SIZE_KEY, name)


def sheet_page_layout(page_size: QPageSize) -> QPageLayout:
    """Portrait ``page_size`` with the sheet's margins."""
    return QPageLayout(page_size, QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


# Layout and painting ----------------------------------------------------------------------


def _print_palette() -> QPalette:
    """Black on white whatever the desktop theme: paper is white."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Text, "#000000"),
                         (QPalette.ColorRole.WindowText, "#000000"),
                         (QPalette.ColorRole.Base, "#ffffff"),
                         (QPalette.ColorRole.Window, "#ffffff"),
                         (QPalette.ColorRole.Link, "#000000")):
        palette.setColor(role, QColor(colour))
    return palette


class SheetLayout:
    """A sheet laid out on the pages of one device (``QPdfWriter`` or ``QPrinter``).

    Attributes:
        sheet: what is printed.
        document: the laid-out ``QTextDocument``; its page size is the body of one page.
        body: the body rectangle of a page in device pixels (origin: printable area).
        footer_rect: where the footer goes on every page, in the same coordinates.
    """

    def __init__(self, sheet: Sheet, device: QPagedPaintDevice):
        self.sheet = sheet
        self.device = device
        resolution = device.resolution()
        printable = device.pageLayout().paintRectPixels(resolution)
        footer = FOOTER_MM / 25.4 * resolution
        self.body = QRectF(0, 0, printable.width(), printable.height() - footer)
        self.footer_rect = QRectF(0, self.body.height(), printable.width(), footer)
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(device)
        self.document.setDocumentMargin(0)
        font = QFont()
        font.setPointSizeF(BODY_POINT_SIZE)
        self.document.setDefaultFont(font)
        self.document.setHtml(sheet.html)
        self.document.setPageSize(self.body.size())
        self._keep_frames_whole()

    def _frames(self):
        return self.document.rootFrame().childFrames()

    def _frame_rect(self, frame) -> QRectF:
        return self.document.documentLayout().frameBoundingRect(frame)

    def _keep_frames_whole(self) -> None:
        """Start each block that fits on a page but straddles a break on a new page.

        Qt honours no ``page-break-inside: avoid``; a page break before the block does
        the same. Blocks are visited in order, each after the breaks before it took effect.
        """
        page = self.body.height()
        for index, frame in enumerate(self._frames()):
            rect = self._frame_rect(frame)
            if int(rect.top() // page) == int((rect.bottom() - 1) // page):
                continue
            # Split by Qt, the block is taller by the gap left at the foot of the page.
            if rect.height() > page and self._natural_height(index) > page:
                continue  # taller than a page: it must break somewhere anyway
            frame_format = frame.frameFormat()
            frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFrameFormat(frame_format)

    def _natural_height(self, index: int) -> float:
        """The height of top-level block ``index`` laid out with no pages at all."""
        unpaged = self.document.clone()
        unpaged.documentLayout().setPaintDevice(self.device)
        unpaged.setTextWidth(self.body.width())
        frame = unpaged.rootFrame().childFrames()[index]
        return unpaged.documentLayout().frameBoundingRect(frame).height()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def frame_pages(self) -> list[tuple[int, int]]:
        """First and last page (from 0) of each top-level block, in document order."""
        page = self.body.height()
        result = []
        for frame in self._frames():
            rect = self._frame_rect(frame)
            result.append((int(rect.top() // page), int((rect.bottom() - 1) // page)))
        return result

    def paint(self, painter: QPainter, pages: Sequence[int] | None = None) -> None:
        """Paint ``pages`` (all by default) on the device ``painter`` is active on."""
        pages = list(range(self.page_count)) if pages is None else list(pages)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = _print_palette()
        layout = self.document.documentLayout()
        for index, page in enumerate(pages):
            if index:
                self.device.newPage()
            painter.save()
            painter.setClipRect(self.body)
            painter.translate(0, -page * self.body.height())
            context.clip = QRectF(0, page * self.body.height(), self.body.width(),
                                  self.body.height())
            layout.draw(painter, context)
            painter.restore()
            self._paint_footer(painter, page)

    def _paint_footer(self, painter: QPainter, page: int) -> None:
        painter.save()
        font = QFont()
        # In the device's pixels, like the body, whatever device the painter is on.
        font.setPixelSize(round(FOOTER_POINT_SIZE * self.device.resolution() / 72))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        rect = self.footer_rect
        top = rect.top() + rect.height() * 0.35
        pen = QPen(QColor("#9a9a9a"))
        pen.setWidthF(max(1.0, self.device.resolution() / 200))
        painter.setPen(pen)
        painter.drawLine(rect.left(), top, rect.right(), top)
        painter.setPen(QColor("#444444"))
        text_rect = QRectF(rect.left(), top + metrics.height() * 0.3, rect.width(),
                           metrics.height() * 1.2)
        number = f"Page {page + 1} of {self.page_count}"
        room = rect.width() - metrics.horizontalAdvance(number) - metrics.averageCharWidth() * 4
        name = metrics.elidedText(self.sheet.footer, Qt.TextElideMode.ElideRight, room)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft, name)
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignRight, number)
        painter.restore()


def render_sheet(sheet: Sheet, device: QPagedPaintDevice) -> int:
    """Lay out and paint ``sheet`` on ``device``; return the number of pages painted.

    For a printer with a page range chosen, only those pages are painted.
    """
    layout = SheetLayout(sheet, device)
    pages = list(range(layout.page_count))
    from_page = getattr(device, "fromPage", lambda: 0)()
    to_page = getattr(device, "toPage", lambda: 0)()
    if from_page > 0 and to_page >= from_page:
        pages = [p for p in pages if from_page - 1 <= p <= to_page - 1]
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or file could not be opened for drawing")
    try:
        layout.paint(painter, pages)
    finally:
        painter.end()
    return len(pages)


def render_page_image(sheet: Sheet, page: int = 0, dpi: int = 100,
                      page_size: QPageSize | str = "A4"):
    """One page of ``sheet`` as a QImage (white paper, margins included), for thumbnails."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QImage

    if isinstance(page_size, str):
        page_size = page_size_named(page_size)
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)  # measures fonts as the PDF would; nothing is written
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(sheet_page_layout(page_size))
    layout = SheetLayout(sheet, writer)
    size = page_size.sizePixels(dpi)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scale = dpi / PDF_RESOLUTION
    painter.scale(scale, scale)
    origin = writer.pageLayout().paintRectPixels(PDF_RESOLUTION).topLeft()
    painter.translate(origin.x(), origin.y())
    layout.paint(painter, [min(max(page, 0), layout.page_count - 1)])
    painter.end()
    return image


def write_sheet_pdf(sheet: Sheet, path: Path | str, page_size: QPageSize | str = "") -> int:
    """Write ``sheet`` as a PDF to ``path``; return the page count.

    ``page_size`` is a QPageSize, 'A4' or 'Letter' (default: the user's choice or locale).
    The file is written beside ``path`` and moved into place when complete, so a
    failure never leaves half a PDF behind. Raises ``OSError`` when it cannot be written.
    """
    path = Path(path)
    if isinstance(page_size, str):
        page_size = page_size_named(page_size or preferred_page_size_name())
    handle, partial = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf.partial",
                                       dir=path.parent)
    os.close(handle)
    try:
        writer = QPdfWriter(partial)
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(sheet_page_layout(page_size))
        writer.setTitle(sheet.title)
        writer.setCreator("netdesk")
        pages = render_sheet(sheet, writer)
        del writer
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return pages


# Entry points for the application -------------------------------------------------------


def _warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def _show_status(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    status_bar = getattr(window, "statusBar", None)
    if callable(status_bar):
        status_bar().showMessage(text, 5000)


def preview_sheet(parent: QWidget | None, sheet: Sheet, page_size: QPageSize | None = None):
    """Open a print preview of ``sheet`` (with the system printer); return the dialog."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(sheet_page_layout(
        page_size or page_size_named(preferred_page_size_name())))
    printer.setDocName(sheet.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print Preview: {sheet.title}")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.printer_ = printer  # the dialog does not own the printer: keep it alive with it
    dialog.paintRequested.connect(lambda device: render_sheet(sheet, device))
    dialog.resize(900, 1000)
    dialog.open()
    return dialog


def print_interview_sheet(parent: QWidget | None, interview_id: int):
    """Preview (then print) the question sheet of one interview; return the dialog or None."""
    try:
        sheet = interview_sheet(interview_id)
    except SheetError as error:
        _warn(parent, "Print Question Sheet", f"The sheet cannot be made: {error}.")
        return None
    return preview_sheet(parent, sheet)


def ask_pdf_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save a PDF, starting in the folder used last; None when cancelled."""
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
    path = ask_pdf_path(parent, sheet.filename)
    if path is None:
        return None
    try:
        pages = write_sheet_pdf(sheet, path, page_size)
    except OSError as error:
        reason = error.strerror or str(error)
        _warn(parent, "Export as PDF", f"The sheet could not be saved as {path}:\n{reason}")
        return None
    _show_status(parent, f"Saved the question sheet ({pages} "
                         f"{'page' if pages == 1 else 'pages'}) to {path}")
    return path


def export_interview_sheet_pdf(parent: QWidget | None, interview_id: int) -> Path | None:
    """Ask for a file name and write one interview's question sheet there as PDF."""
    try:
        sheet = interview_sheet(interview_id)
    except SheetError as error:
        _warn(parent, "Export as PDF", f"The sheet cannot be made: {error}.")
        return None
    return save_sheet_pdf(parent, sheet)


def open_blank_sheet_dialog(parent: QWidget | None) -> BlankSheetDialog:
    """Show the dialog that prints a sheet of bank questions with no interview."""
    dialog = BlankSheetDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# The blank-sheet dialog --------------------------------------------------------------------


class BlankSheetDialog(QDialog):
    """Pick a category or tick questions from the bank; preview, print or save the sheet.

    A blank sheet has no interview attached: for practice, or for a career fair.
    """

    CATEGORY, PICKED = 0, 1

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Blank Question Sheet")
        self.setAccessibleName("Blank question sheet")

        self.by_category = QRadioButton("All questions in a &category")
        self.by_hand = QRadioButton("Questions I &pick")
        self.source = QButtonGroup(self)
        self.source.addButton(self.by_category, self.CATEGORY)
        self.source.addButton(self.by_hand, self.PICKED)
        self.by_category.setChecked(True)

        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a question")
        self.filter.setAccessibleName("Find a question")
        self.filter.setClearButtonEnabled(True)
        self.questions = QListWidget()
        self.questions.setAccessibleName("Questions to print")
        self.questions.setUniformItemSizes(False)
        self.questions.setWordWrap(True)
        self.questions.setMinimumHeight(220)

        self.heading = QLineEdit()
        self.heading.setAccessibleName("Heading")
        self.heading.setPlaceholderText("Optional, e.g. Riverton career fair")
        self.heading.setMaxLength(120)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItems(list(PAGE_SIZES))
        self.paper.setCurrentText(preferred_page_size_name())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Summary")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = QPushButton("Print Pre&view…")
        self.preview_button.setDefault(True)
        self.pdf_button = QPushButton("&Export PDF…")
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)

        category_row = QHBoxLayout()
        category_row.addWidget(self.by_category)
        category_row.addWidget(self.category, 1)
        form = QFormLayout()
        form.addRow("&Heading:", self.heading)
        form.addRow("P&aper:", self.paper)
        layout = QVBoxLayout(self)
        layout.addLayout(category_row)
        layout.addWidget(self.by_hand)
        layout.addWidget(self.filter)
        layout.addWidget(self.questions, 1)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(560, 560)

        self.source.idToggled.connect(self._update)
        self.category.currentIndexChanged.connect(self._update)
        self.category.currentIndexChanged.connect(self._show_category)
        self.questions.itemChanged.connect(self._picked_changed)
        self.filter.textChanged.connect(self._apply_filter)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.export_pdf)

        from netdesk.ui.data_events import data_events

        data_events().questions_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read the bank again (it changed), keeping the ticks and the chosen category."""
        ticked = set(self.picked_ids())
        chosen = self.category.currentData()
        counts: dict[str, tuple[int, int]] = {}
        bank = list(Question.select().where(~Question.hidden))
        order = {key: index for index, key in enumerate(QUESTION_CATEGORIES)}
        bank.sort(key=lambda q: (order[q.category], q.position, q.id))
        for question in bank:
            count, minutes = counts.get(question.category, (0, 0))
            counts[question.category] = (count + 1, minutes + question.minutes)

        self.category.blockSignals(True)
        self.category.clear()
        for key in QUESTION_CATEGORIES:
            count = counts.get(key, (0, 0))[0]
            self.category.addItem(f"{CATEGORY_LABELS[key]} ({count})", key)
        index = self.category.findData(chosen if chosen else "career_path")
        self.category.setCurrentIndex(max(index, 0))
        self.category.blockSignals(False)

        self.questions.blockSignals(True)
        self.questions.clear()
        previous = None
        for question in bank:
            if question.category != previous:
                header = QListWidgetItem(CATEGORY_LABELS[question.category])
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setData(Qt.ItemDataRole.UserRole + 1, question.category)
                self.questions.addItem(header)
                previous = question.category
            item = QListWidgetItem(f"{question.text}  (~{question.minutes} min)")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if question.id in ticked
                               else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, question.category)
            item.setData(Qt.ItemDataRole.UserRole + 2, question.minutes)
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        self._apply_filter(self.filter.text())
        self._update()

    # What is chosen -----------------------------------------------------------------------

    def _question_items(self) -> list[QListWidgetItem]:
        items = (self.questions.item(row) for row in range(self.questions.count()))
        return [i for i in items if i.data(Qt.ItemDataRole.UserRole) is not None]

    def picked_ids(self) -> list[int]:
        """The ticked questions, in the bank's order."""
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._question_items()
                if item.checkState() == Qt.CheckState.Checked]

    def set_picked(self, question_ids: Sequence[int]) -> None:
        """Tick exactly ``question_ids`` and switch to picking by hand."""
        wanted = set(question_ids)
        self.by_hand.setChecked(True)
        for item in self._question_items():
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def _chosen(self) -> tuple[int, int]:
        """(questions, minutes) that the sheet would hold now."""
        if self.source.checkedId() == self.PICKED:
            items = [i for i in self._question_items()
                     if i.checkState() == Qt.CheckState.Checked]
        else:
            key = self.category.currentData()
            items = [i for i in self._question_items()
                     if i.data(Qt.ItemDataRole.UserRole + 1) == key]
        return len(items), sum(i.data(Qt.ItemDataRole.UserRole + 2) for i in items)

    def sheet(self) -> Sheet:
        """The sheet as chosen now. Raises SheetError when nothing is chosen."""
        heading = self.heading.text()
        if self.source.checkedId() == self.PICKED:
            ids = self.picked_ids()
            if not ids:
                raise SheetError("tick at least one question")
            return blank_sheet(question_ids=ids, heading=heading)
        return blank_sheet(category=self.category.currentData(), heading=heading)

    # Reactions ----------------------------------------------------------------------------

    def _picked_changed(self, _item) -> None:
        if self.source.checkedId() != self.PICKED:
            self.by_hand.setChecked(True)  # ticking a question means picking by hand
        self._update()

    def _show_category(self, _index: int = -1) -> None:
        """Scroll the list to the chosen category's heading, so its questions are in view."""
        key = self.category.currentData()
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            if (item.data(Qt.ItemDataRole.UserRole) is None
                    and item.data(Qt.ItemDataRole.UserRole + 1) == key):
                self.questions.scrollToItem(item, QListWidget.ScrollHint.PositionAtTop)
                return

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for item in self._question_items():
            shown = all(w in item.text().casefold() for w in words)
            item.setHidden(not shown)
        category_shown: dict[str, bool] = {}
        for item in self._question_items():
            key = item.data(Qt.ItemDataRole.UserRole + 1)
            category_shown[key] = category_shown.get(key, False) or not item.isHidden()
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is None:
                item.setHidden(not category_shown.get(item.data(Qt.ItemDataRole.UserRole + 1)))

    def _update(self, *_args) -> None:
        picking = self.source.checkedId() == self.PICKED
        self.category.setEnabled(not picking)
        count, minutes = self._chosen()
        if count:
            self.summary.setText(
                f"{count} {'question' if count == 1 else 'questions'}, "
                f"about {minutes} minutes to ask")
        elif picking:
            self.summary.setText("Tick at least one question to print.")
        else:
            self.summary.setText("This category has no questions yet; pick another one.")
        self.preview_button.setEnabled(bool(count))
        self.pdf_button.setEnabled(bool(count))

    def _page_size(self) -> QPageSize:
        name = self.paper.currentText()
        remember_page_size_name(name)
        return page_size_named(name)

    def preview(self):
        """Open the print preview of the chosen sheet; return it (None when nothing chosen)."""
        try:
            sheet = self.sheet()
        except SheetError as error:
            _warn(self, "Blank Question Sheet", f"The sheet cannot be made: {error}.")
            return None
        return preview_sheet(self, sheet, self._page_size())

    def export_pdf(self) -> Path | None:
        """Ask for a file name and save the chosen sheet there as PDF."""
        try:
            sheet = self.sheet()
        except SheetError as error:
            _warn(self, "Blank Question Sheet", f"The sheet cannot be made: {error}.")
            return None
        return save_sheet_pdf(self, sheet, self._page_size())


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
        self.print_action = self._action(
            "&Print Question Sheet…", self.print_current, QKeySequence.StandardKey.Print,
            "Preview and print the question sheet for the selected interview")
        self.export_pdf_action = self._action(
            "Export Question Sheet as P&DF…", self.export_current, None,
            "Save the question sheet for the selected interview as a PDF file")
        self.blank_sheet_action = self._action(
            "&Blank Question Sheet…", lambda: open_blank_sheet_dialog(self._window), None,
            "Print questions from the bank with no interview: for practice or a career fair")
        from netdesk.ui.data_events import data_events

        data_events().interviews_changed.connect(self.update_enabled)
        data_events().people_changed.connect(self.update_enabled)
        self.update_enabled()

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        """For the File menu, in order."""
        return [self.print_action, self.export_pdf_action, self.blank_sheet_action]

    def interview_id(self) -> int | None:
        """The interview the actions act on now."""
        chosen = self._current_interview()
        if chosen is None:
            person = self._current_person()
            if person is not None:
                chosen = interview_for_person(person)
        return chosen

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
