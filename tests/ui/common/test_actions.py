"""ActionSpec / make_action: one way to declare an action, used by every window and feature."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from netdesk.ui.common.actions import ActionSpec, make_action

PACKAGE = Path(__file__).resolve().parents[3] / "netdesk"


def test_an_action_has_text_shortcut_tips_and_icon(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    action = make_action(widget, "&Plan Interview…", lambda: calls.append("plan"), "Ctrl+I",
                         "Plan an informational interview", QStyle.StandardPixmap.SP_FileIcon)
    assert action.text() == "&Plan Interview…"
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert action.statusTip() == action.toolTip() == "Plan an informational interview"
    assert not action.icon().isNull()
    action.trigger()
    assert calls == ["plan"]  # the slot is called with no arguments, not with checked=False


def test_without_a_tip_the_tooltip_is_the_plain_text(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    action = make_action(widget, "&Question Bank && Templates…", lambda: None)
    assert action.toolTip() == "Question Bank & Templates"
    assert action.shortcut().isEmpty()


def test_a_checkable_action_passes_its_state_and_a_widget_context_attaches_it(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    seen = []
    spec = ActionSpec("&Legend", seen.append, ["Ctrl+Shift+L", "F9"], checkable=True,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action = spec.create(widget)
    action.trigger()
    action.trigger()
    assert seen == [True, False]
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+Shift+L", "F9"]
    assert action in widget.actions()


def test_no_window_keeps_a_private_action_helper():
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "_action":
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not found, "use netdesk.ui.common.actions.make_action"
