"""Actions declared once: text, shortcut, status tip, tooltip and icon make one QAction.

The QAction is created once and shared by menus, toolbars and context menus
(calibre's ``action_spec`` idea). ``make_action`` is the one helper; windows
and features no longer keep a private ``_action`` of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str
Icon = QIcon | QStyle.StandardPixmap | str
WIDGET_CONTEXTS = (Qt.ShortcutContext.WidgetShortcut,
                   Qt.ShortcutContext.WidgetWithChildrenShortcut)


@dataclass(frozen=True)
class ActionSpec:
    """What an action shows and does, before it exists.

    ``shortcut`` is one key sequence (a string, a QKeySequence or a standard
    key, whose first binding is used) or a list of them. ``tip`` is the status
    tip and, when given, the tooltip; otherwise the tooltip is the text without
    ``&`` and ``…``. ``icon`` is a QIcon, a standard pixmap of the style, or an
    icon theme name. A checkable action calls ``slot(checked)`` when toggled; any
    other calls ``slot()`` with no arguments when triggered. ``context`` narrows
    where the shortcut works; a widget context adds the action to ``parent``.
    """

    text: str
    slot: Callable
    shortcut: Shortcut | list[Shortcut] | None = None
    tip: str = ""
    icon: Icon | None = None
    checkable: bool = False
    context: Qt.ShortcutContext | None = None

    def create(self, parent: QObject) -> QAction:
        action = QAction(self.text, parent)
        shortcuts = self.shortcut if isinstance(self.shortcut, list) else [self.shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts if s is not None])
        if self.context is not None:
            action.setShortcutContext(self.context)
        action.setStatusTip(self.tip)
        action.setToolTip(self.tip or self.text.replace("&&", "\0").replace("&", "")
                          .replace("\0", "&").replace("…", ""))
        if self.icon is not None:
            action.setIcon(_icon(self.icon, parent))
        action.setCheckable(self.checkable)
        slot = self.slot
        if self.checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        if self.context in WIDGET_CONTEXTS and isinstance(parent, QWidget):
            parent.addAction(action)
        return action


def make_action(parent: QObject, text: str, slot: Callable,
                shortcut: Shortcut | list[Shortcut] | None = None, tip: str = "",
                icon: Icon | None = None, *, checkable: bool = False,
                context: Qt.ShortcutContext | None = None) -> QAction:
    """``ActionSpec(...).create(parent)`` in one call."""
    return ActionSpec(text, slot, shortcut, tip, icon, checkable, context).create(parent)


def _icon(icon: Icon, parent: QObject) -> QIcon:
    if isinstance(icon, QIcon):
        return icon
    if isinstance(icon, QStyle.StandardPixmap):
        style = parent.style() if isinstance(parent, QWidget) else QApplication.style()
        return style.standardIcon(icon)
    return QIcon.fromTheme(icon)
