"""What the main window leaves for after its first paint: a watch for a quiet moment in the
user's clicks and keys, the toolbar's icons drawn once the window shows, and the validators
loaded in a later turn."""

from __future__ import annotations

import weakref

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from netdesk.ui.common.theme import ThemedIcons

QUIET_BEFORE_MS = 400
"""After the first paint, the parts of the window no click needs at once wait for this long
without a click or a key (from when the tree's rows show)."""


class QuietWatch(QObject):
    """How long ago the user last clicked or pressed a key (in any window of the program),
    while the start-up is finishing; :meth:`wait_ms` is how much longer to wait for a quiet
    moment of :data:`QUIET_BEFORE_MS`."""

    _INPUT = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
              QEvent.Type.KeyPress, QEvent.Type.Wheel)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._app = QApplication.instance()
        self._app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() in self._INPUT:
            self._clock.restart()
        return False

    def restart(self) -> None:
        self._clock.restart()

    def wait_ms(self) -> int:
        return max(0, QUIET_BEFORE_MS - self._clock.elapsed())

    def stop(self) -> None:
        self._app.removeEventFilter(self)


class IconsAfterPaint(ThemedIcons):
    """The window's icons, drawn once the window has painted (drawing the first one loads
    the icon font, which would hold the first frame back); until then a blank of the same
    size keeps the toolbar from moving when they come."""

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self._drawn = False
        side = owner.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize, None, owner)
        blank = QPixmap(side, side)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank = QIcon(blank)

    def set_icon(self, action, name: str) -> None:
        if self._drawn:
            super().set_icon(action, name)
        else:
            self._actions.append((weakref.ref(action), name))
            action.setIcon(self._blank)

    def draw(self) -> None:
        if not self._drawn:
            self._drawn = True
            self.refresh()

    def refresh(self, *_args) -> None:
        if self._drawn:
            super().refresh()


def load_validators() -> None:
    from netdesk.core.contact_values import load_validators

    load_validators()
