"""Question sheets as pages: layout that keeps each question with its lines, footers, PDF.

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
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
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

from netdesk.core.sheet import PAGE_SIZES, Sheet, default_page_size

MARGINS_MM = QMarginsF(18, 15, 18, 12)
FOOTER_MM = 9.0
BODY_POINT_SIZE = 10
FOOTER_POINT_SIZE = 8
PDF_RESOLUTION = 300
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

    ``page_size`` is a QPageSize, 'A4' or 'Letter' (default: what the locale expects).
    The file is written beside ``path`` and moved into place when complete, so a
    failure never leaves half a PDF behind. Raises ``OSError`` when it cannot be written.
    """
    path = Path(path)
    if isinstance(page_size, str):
        page_size = page_size_named(page_size or locale_page_size_name())
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
