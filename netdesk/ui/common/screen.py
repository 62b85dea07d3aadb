"""Windows that fit the screen: sizes from the font, clamped to the available screen, placed on it.

Every window and dialog sizes itself with :func:`fit_to_screen` (its wish in
:func:`text_size` units: columns and lines of its own font), so a small
screen, a large font or 150 % scaling never pushes its buttons off the screen.
What does not fit then scrolls: long pages lay themselves out on
:func:`scroll_body`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QLayout,
    QLineEdit,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the screen ``widget`` opens on (its parent's, else the primary) that windows
    may use, in device-independent pixels. Tests replace this function to try other screens."""
    screen = None
    if widget is not None:
        anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
        screen = anchor.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def text_size(widget: QWidget, columns: float, lines: float) -> QSize:
    """``columns`` average characters by ``lines`` lines of ``widget``'s font."""
    metrics = widget.fontMetrics()
    return QSize(round(columns * metrics.averageCharWidth()), round(lines * metrics.lineSpacing()))


def frame_margins(widget: QWidget) -> QMargins:
    """The window frame around ``widget``: measured once it shows, estimated before."""
    if widget.isVisible() and widget.isWindow():
        frame, inside = widget.frameGeometry(), widget.geometry()
        measured = QMargins(inside.left() - frame.left(), inside.top() - frame.top(),
                            frame.right() - inside.right(), frame.bottom() - inside.bottom())
        if measured.top() > 0 or measured.left() > 0:
            return measured
    line = widget.fontMetrics().height()
    return QMargins(line // 3, 2 * line, line // 3, line // 3)


def fit_to_screen(widget: QWidget, preferred: QSize | None = None) -> None:
    """Size ``widget`` as ``preferred`` (its size hint by default) but no larger than the
    available screen, and place it on that screen: a dialog over its parent's centre,
    a window where it was if that is on screen. Done now and again when it first shows
    (when the frame, the parent's place and the screen are known)."""
    if preferred is not None:
        widget.setProperty("netdesk_preferred_size", preferred)
    _fit(widget)
    if not widget.isVisible() and widget.property("netdesk_fit_pending") is None:
        widget.setProperty("netdesk_fit_pending", True)
        widget.installEventFilter(_FitOnShow(widget))


def _fit(widget: QWidget) -> None:
    if widget.isMaximized() or widget.isFullScreen():
        return
    area = available_geometry(widget)
    margins = frame_margins(widget)
    room = area.marginsRemoved(margins)
    preferred = widget.property("netdesk_preferred_size")
    if not isinstance(preferred, QSize) or not preferred.isValid():
        preferred = widget.sizeHint()
    widget.resize(preferred.boundedTo(room.size()))
    _place(widget, room, margins)


def _place(widget: QWidget, room: QRect, margins: QMargins) -> None:
    """Move ``widget`` so that its inside lies in ``room`` (its frame then on the screen)."""
    size = widget.size()
    half = QPoint(size.width() // 2, size.height() // 2)
    parent = widget.parentWidget()
    moved = widget.testAttribute(Qt.WidgetAttribute.WA_Moved) or widget.isVisible()
    if parent is not None and not moved:
        inside = parent.window().frameGeometry().center() - half
    elif moved:
        inside = widget.geometry().topLeft()
    else:
        inside = room.center() - half
    x = max(room.left(), min(inside.x(), room.right() + 1 - size.width()))
    y = max(room.top(), min(inside.y(), room.bottom() + 1 - size.height()))
    if not moved or QPoint(x, y) != widget.geometry().topLeft():
        widget.move(x - margins.left(), y - margins.top())


class _FitOnShow(QObject):
    """Fits the widget once more just before it first shows."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            _fit(watched)
            self.deleteLater()
        return False


def scroll_body(widget: QWidget) -> QWidget:
    """Fill ``widget`` with a frameless scroll area and return the widget inside it, for
    ``widget``'s contents: a long page then scrolls instead of growing the window."""
    area = QScrollArea(widget)
    area.setAccessibleName("Page contents")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    body = QWidget()
    body.setObjectName("scroll_body")
    area.setWidget(body)
    area.viewport().setAutoFillBackground(False)
    body.setAutoFillBackground(False)
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return body


def scroll_area(layout: QLayout) -> QScrollArea:
    """A frameless scroll area holding ``layout`` (its margins dropped: the dialog has its own),
    for the long middle of a dialog whose buttons stay in view below it."""
    area = QScrollArea()
    area.setAccessibleName("Dialog contents")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    body.setLayout(layout)
    area.setWidget(body)
    return area


def show_whole_placeholder(edit: QLineEdit) -> None:
    """Make ``edit`` at least wide enough for its whole placeholder text (and its clear button),
    so a narrow window does not cut it to "Filter peop…"."""
    style = edit.style()
    frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, edit)
    clear = icon + 10 if edit.isClearButtonEnabled() else 0  # the button and its margins
    margins = edit.textMargins()
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText())
                         + 2 * frame + 8 + margins.left() + margins.right() + clear)
