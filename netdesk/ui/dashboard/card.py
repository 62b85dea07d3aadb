"""Card: one dashboard section, a framed panel with a title, a count and its content;
EmptyState: what a section shows while it has nothing, a sentence and at most one button."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from netdesk.ui.common.theme import Spacing, scaled_font

RADIUS = 6.0


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class Card(QWidget):
    """A section of the dashboard: the title and a count on one line, the content below.

    The card paints its own background and border from the palette (the base colour on
    the window colour, a mid-tone border), so it follows light and dark alike.
    ``content`` is the layout to fill.
    """

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.title_label = _plain(title)
        self.title_label.setFont(scaled_font(self.font(), "subheading", bold=True))
        self.title_label.setWordWrap(True)
        self.count_label = _plain()
        self.count_label.setObjectName("cardCount")
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.setSpacing(Spacing.MEDIUM)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.count_label)
        self.content = QVBoxLayout()
        self.content.setSpacing(Spacing.MEDIUM)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Spacing.LARGE, Spacing.MEDIUM + 2, Spacing.LARGE, Spacing.LARGE)
        layout.setSpacing(Spacing.MEDIUM)
        layout.addLayout(header)
        layout.addLayout(self.content)
        self.setAccessibleName(title)

    def title(self) -> str:
        return self.title_label.text()

    def setTitle(self, title: str) -> None:  # noqa: N802 - as QGroupBox has it
        self.title_label.setText(title)
        self.setAccessibleName(title)

    def count(self) -> str:
        return self.count_label.text()

    def set_count(self, text: str) -> None:
        """The count beside the title ("3", "2 of 5"); empty hides it."""
        self.count_label.setText(text)
        self.count_label.setVisible(bool(text))

    def paintEvent(self, _event) -> None:  # noqa: N802
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(border, 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5),
                                RADIUS, RADIUS)
        painter.end()


class EmptyState(QWidget):
    """A sentence saying what will appear in a section, and one button to start it off.

    ``acted`` is emitted when the button is clicked (there is none without
    ``button_text``).
    """

    acted = Signal()

    def __init__(self, text: str, button_text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.label = _plain(text)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, Spacing.SMALL, 0, Spacing.SMALL)
        layout.setSpacing(Spacing.MEDIUM)
        layout.addWidget(self.label)
        self.button: QPushButton | None = None
        if button_text:
            self.button = QPushButton(button_text)
            self.button.setAutoDefault(False)
            self.button.clicked.connect(self.acted)
            row = QHBoxLayout()
            row.addWidget(self.button)
            row.addStretch(1)
            layout.addLayout(row)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLabel has it
        self.label.setText(text)
