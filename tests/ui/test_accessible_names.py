"""Accessibility: every control a keyboard can reach has a name a screen reader can say.

Walks the main window and every dialog and wizard it opens (tests/ui/every_dialog.py),
each tab and wizard page included, and fails on a focusable widget that has no
accessible name, no label pointing at it (a buddy) and no text of its own.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)

from tests.ui.every_dialog import DIALOGS, close, open_dialog


def _own_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "") or widget.toolTip()
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QTabBar):
        return widget.tabText(0) if widget.count() else ""
    if isinstance(widget, QTabWidget):  # a screen reader says the tab shown
        return widget.tabText(widget.currentIndex()) if widget.count() else ""
    return ""


def _inside_a_control(widget: QWidget) -> bool:
    """Parts Qt builds inside a named control (a combo box's line edit, a spin box's, a
    calendar's buttons, a scroll area's viewport): the control carries the name."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QCalendarWidget | QMenu):
            return True
        if type(parent).__module__.startswith("netdesk.ui.graph"):
            return True  # the graph's keyboard walk and names are its own piece of work
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def unnamed_controls(top: QWidget) -> list[str]:
    """The focusable widgets in ``top`` with no accessible name, buddy label or text."""
    widgets = [top, *top.findChildren(QWidget)]
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in widgets:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.isWindow() \
                and widget is not top:
            continue
        if _inside_a_control(widget) or isinstance(widget, QLabel) or widget.isHidden():
            continue
        if widget.accessibleName() or id(widget) in buddies or _own_text(widget):
            continue
        found.append(f"{type(widget).__name__} {widget.objectName() or ''} in "
                     f"{type(widget.parentWidget()).__name__}".replace("  ", " "))
    return found


def test_every_control_of_the_main_window_has_a_name(sample_window):
    assert not unnamed_controls(sample_window)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_control_of_a_dialog_has_a_name(sample_window, name):
    dialog = open_dialog(sample_window, name)
    try:
        assert not unnamed_controls(dialog), name
    finally:
        close(dialog)


def test_the_walk_finds_an_unnamed_control(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    named, buddied, unnamed = QLineEdit(), QLineEdit(), QLineEdit()
    named.setAccessibleName("Named")
    label = QLabel("&Buddied")
    label.setBuddy(buddied)
    for widget in (named, label, buddied, unnamed):
        layout.addWidget(widget)
    assert unnamed_controls(box) == ["QLineEdit in QWidget"]
