"""The wheel guard: combo boxes, spin boxes and date fields take wheel turns only with focus."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.common.wheel_guard import install_wheel_guard


def _wheel(widget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _value(widget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.dateTime()


def _make(kind):
    if kind is QComboBox:
        widget = QComboBox()
        widget.addItems(["one", "two", "three"])
        widget.setCurrentIndex(1)
    elif kind is QSpinBox:
        widget = QSpinBox()
        widget.setValue(5)
    else:
        widget = kind()
        widget.setDate(datetime.date(2026, 5, 4))
    return widget


@pytest.fixture
def form(qtbot):
    install_wheel_guard()
    page = QWidget()
    layout = QVBoxLayout(page)
    qtbot.addWidget(page)
    return page, layout


@pytest.mark.parametrize("kind", [QComboBox, QSpinBox, QDateEdit, QDateTimeEdit])
def test_the_wheel_does_not_change_an_unfocused_field(qtbot, form, kind):
    page, layout = form
    widget = _make(kind)
    layout.addWidget(widget)
    page.show()
    before = _value(widget)
    _wheel(widget)
    assert _value(widget) == before
    assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus  # a turn does not take focus


@pytest.mark.parametrize("kind", [QComboBox, QSpinBox, QDateEdit])
def test_the_wheel_changes_the_field_the_user_is_in(qtbot, form, kind):
    page, layout = form
    widget = _make(kind)
    layout.addWidget(widget)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    before = _value(widget)
    _wheel(widget)
    assert _value(widget) != before


def test_installing_twice_is_one_guard(qapp):
    assert install_wheel_guard() is install_wheel_guard(qapp)
