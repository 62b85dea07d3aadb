"""The main window's toolbar and menus: icons, short Undo/Redo, exclusive grouping, Save in File."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QToolButton


class _Named(QUndoCommand):
    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


def _button(window, action) -> QToolButton:
    return window.toolbar.widgetForAction(action)


def test_every_toolbar_action_has_an_icon(window):
    for action in window.toolbar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.text()
    assert not window.interview_actions.plan_action.icon().isNull()
    assert not window.sheet_actions.print_action.icon().isNull()


def test_undo_and_redo_buttons_keep_a_short_text(window):
    undo = _button(window, window.undo_action)
    width = undo.sizeHint().width()
    window.undo_stack.push(_Named("Record: Maria Okafor referred Priya Natarajan"))
    assert undo.text() == "Undo"
    assert undo.sizeHint().width() == width
    assert "Maria Okafor referred Priya Natarajan" in window.undo_action.toolTip()
    assert window.undo_action.text().startswith("&Undo Record")  # the menu says what
    window.undo_stack.undo()
    assert _button(window, window.redo_action).text() == "Redo"
    assert "Priya Natarajan" in window.redo_action.toolTip()


def test_group_by_is_one_exclusive_choice(window):
    actions = window.group_actions
    group = next(iter(actions.values())).actionGroup()
    assert group is not None and group.isExclusive()
    assert all(a.actionGroup() is group for a in actions.values())
    actions["stage"].trigger()
    assert window.contact_tree.model.grouping == "stage"
    assert [key for key, a in actions.items() if a.isChecked()] == ["stage"]
    actions["organization"].trigger()
    assert [key for key, a in actions.items() if a.isChecked()] == ["organization"]


def test_save_is_in_the_file_menu(window):
    assert window.save_action in window.file_menu.actions()
    assert window.save_action not in window.people_menu.actions()


def test_the_title_names_the_file_once(window, db_path):
    assert window.windowTitle() == f"{db_path.name} — netdesk"
    assert window.windowTitle().count("netdesk") == 1 + db_path.name.count("netdesk")
