"""Plain text by construction: the rules that keep user text from ever rendering as HTML.

Static rules read the source of netdesk/ (ruff's TID251 bans the same calls,
see pyproject.toml); the runtime ones build the window and every dialog over
names written in markup.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from netdesk.db.models import Person
from tests.safe_display import HTML_NAME, HTML_TEXT, fill_every_text_field, html_leaks
from tests.ui.every_dialog import DIALOGS, close, open_dialog

PACKAGE = Path(__file__).resolve().parents[3] / "netdesk"
STATIC_MESSAGES = {"question", "warning", "information", "critical", "about"}
LINK_NAME = '<a href="file:///etc/passwd">Ann</a>'


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text("utf-8"))


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _uses(predicate) -> list[str]:
    found = []
    for name, tree in _sources():
        for node in ast.walk(tree):
            if predicate(name, node):
                found.append(f"{name}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_message_box_is_shown_by_qt_static_helpers():
    """QMessageBox.question and friends guess rich text; plain_messages never does."""

    def static_call(name, node):
        return (name != "netdesk/ui/common/plain_messages.py" and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute) and node.func.attr in STATIC_MESSAGES
                and _dotted(node.func.value).endswith("QMessageBox"))

    assert not _uses(static_call)


def test_no_text_is_set_to_rich_or_guessed_format():
    def rich(name, node):
        return isinstance(node, ast.Attribute) and _dotted(node) in (
            "Qt.TextFormat.RichText", "Qt.TextFormat.AutoText", "Qt.TextFormat.MarkdownText",
            "Qt.RichText", "Qt.AutoText")

    def live_links(name, node):
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("setOpenExternalLinks", "setOpenLinks")

    assert not _uses(rich) + _uses(live_links)


def test_links_open_only_through_open_link():
    """open_link refuses every scheme but http, https and mailto; the backup folder is ours."""
    allowed = {"netdesk/ui/common/plain_text.py", "netdesk/ui/backup/backup_actions.py"}

    def open_url(name, node):
        return name not in allowed and isinstance(node, ast.Attribute) \
            and node.attr == "openUrl"

    assert not _uses(open_url)


def test_the_static_rule_sees_a_direct_call():
    tree = ast.parse("from PySide6.QtWidgets import QMessageBox\n"
                     "QMessageBox.question(None, 'Delete', name)\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr in STATIC_MESSAGES]
    assert calls and _dotted(calls[0].func.value) == "QMessageBox"


@pytest.mark.parametrize("name", [HTML_NAME, LINK_NAME])
def test_delete_confirmation_shows_the_name_as_typed(make_window, db, monkeypatch, name):
    person = Person.create(first_name=name, last_name="Lee")
    window = make_window()
    window.select_person(person.id)
    shown = []

    def answer(box):
        shown.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", answer)
    window.delete_action.trigger()
    assert shown, "Delete Person asks first"
    text_format, text = shown[0]
    assert text_format == Qt.TextFormat.PlainText
    assert f"{name} Lee" in text
    assert Person.get_or_none(Person.id == person.id) is not None


@pytest.mark.parametrize("dialog_name", sorted(DIALOGS))
def test_every_dialog_shows_user_text_as_typed(make_window, db, dialog_name):
    fill_every_text_field(HTML_TEXT)
    window = make_window()
    dialog = open_dialog(window, dialog_name)
    for _ in range(3):
        QApplication.processEvents()
    try:
        assert not html_leaks(dialog, HTML_TEXT), dialog_name
    finally:
        close(dialog)
