"""The mouse wheel scrolls the page; it never changes a combo box, spin box or date field
that the pointer merely passes over.

Scrolling a long form used to change "How I know them" or "Stage" under the
pointer (and the editor autosaved it). With the guard installed on the
application, such a widget takes wheel turns only once it has keyboard focus
(clicked or tabbed into); otherwise the turn goes on to the scroll area around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)
"""Widgets whose value the wheel changes (QAbstractSpinBox covers QSpinBox, QDateEdit…)."""

_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish


class WheelGuard(QObject):
    """An application event filter: see :func:`install_wheel_guard`."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == _WHEEL:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                event.ignore()  # handled here, not accepted: Qt passes it to the parent
                return True
        elif kind == _POLISH and isinstance(watched, GUARDED):
            _no_wheel_focus(watched)
        return False


def _no_wheel_focus(widget: QWidget) -> None:
    """A wheel turn would otherwise give the widget focus, and the next turn its value."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


_guard: WheelGuard | None = None


def install_wheel_guard(app: QApplication | None = None) -> WheelGuard:
    """Guard every combo box, spin box and date field of the application (once)."""
    global _guard
    app = app or QApplication.instance()
    if _guard is None or _guard.parent() is not app:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
        for widget in app.allWidgets():
            if isinstance(widget, GUARDED):
                _no_wheel_focus(widget)
    return _guard
