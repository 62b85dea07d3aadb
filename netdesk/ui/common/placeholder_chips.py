"""Placeholder chips: one small button per template placeholder, laid out like words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from netdesk.core.templates import PLACEHOLDERS


class FlowLayout(QLayout):
    """Places widgets left to right and wraps them onto new lines like text."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._layout(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._layout(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _layout(self, rect: QRect, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        spacing = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line_height > 0:
                x = rect.x()
                y += line_height + spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class PlaceholderChips(QWidget):
    """Clickable chips for the placeholders; a click inserts ``{name}`` into the target editor."""

    placeholder_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._target: QLineEdit | QPlainTextEdit | None = None
        layout = FlowLayout(self)
        self.buttons: dict[str, QToolButton] = {}
        for name, hint in PLACEHOLDERS.items():
            button = QToolButton()
            button.setText(f"{{{name}}}")
            button.setToolTip(f"Insert {hint}")
            button.setAccessibleName(f"Insert placeholder {name}")
            button.setAutoRaise(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, n=name: self.insert(n))
            layout.addWidget(button)
            self.buttons[name] = button
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_target(self, editor: QLineEdit | QPlainTextEdit) -> None:
        self._target = editor

    def insert(self, name: str) -> None:
        text = f"{{{name}}}"
        if isinstance(self._target, QPlainTextEdit):
            self._target.insertPlainText(text)
            self._target.setFocus()
        elif isinstance(self._target, QLineEdit):
            self._target.insert(text)
            self._target.setFocus()
        self.placeholder_chosen.emit(name)
