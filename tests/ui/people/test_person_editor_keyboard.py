"""The person editor from the keyboard and the mouse wheel: Tab goes field to field, and the
wheel over a combo box the user is not in changes (and saves) nothing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from netdesk.db.models import Person


def _open(window, person):
    window.select_person(person.id)
    assert window.editor.person_id == person.id
    return window.editor


def _focus(qtbot, window, widget):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _wheel(widget, steps: int = -1) -> None:
    """One notch of the wheel (down when negative) over the middle of ``widget``."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_tab_from_organization_goes_to_department_then_email(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    _focus(qtbot, window, editor.organization)
    qtbot.keyClick(editor.organization, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.department
    qtbot.keyClick(editor.department, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "ada@example.org")
    assert editor.email.text() == "ada@example.org"
    assert editor.organization.text() == ""


def test_tab_from_linkedin_goes_to_how_i_know_them(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    _focus(qtbot, window, editor.linkedin_url)
    qtbot.keyClick(editor.linkedin_url, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.relationship


def test_the_buttons_beside_fields_are_still_there_by_mouse_and_shortcut(qtbot, window, db,
                                                                        monkeypatch):
    ada = Person.create(first_name="Ada", linkedin_url="https://www.linkedin.com/in/ada")
    editor = _open(window, ada)
    opened = []
    monkeypatch.setattr("netdesk.ui.people.person_fields.open_link", opened.append)
    for button in (editor.edit_organization, editor.open_linkedin):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus and button.isEnabled()
    qtbot.mouseClick(editor.open_linkedin, Qt.MouseButton.LeftButton)
    assert not editor.open_linkedin_action.shortcut().isEmpty()
    editor.open_linkedin_action.trigger()
    assert opened == ["https://www.linkedin.com/in/ada"] * 2
    assert window.edit_organization_action.shortcut().toString() == "Ctrl+Shift+O"


def test_the_wheel_over_an_unfocused_combo_changes_and_saves_nothing(qtbot, window, db):
    ada = Person.create(first_name="Ada", relationship="friend", stage="contacted")
    editor = _open(window, ada)
    _focus(qtbot, window, editor.notes)
    for combo in (editor.relationship, editor.stage):
        before = combo.currentIndex()
        _wheel(combo)
        _wheel(combo, +1)
        _wheel(combo)
        assert combo.currentIndex() == before
    assert not editor.is_dirty() and not editor._timer.isActive()
    editor.save_now()
    stored = Person.get_by_id(ada.id)
    assert (stored.relationship, stored.stage) == ("friend", "contacted")


def test_the_wheel_still_works_in_the_combo_the_user_is_in(qtbot, window, db):
    ada = Person.create(first_name="Ada", stage="contacted")
    editor = _open(window, ada)
    _focus(qtbot, window, editor.stage)
    before = editor.stage.currentIndex()
    _wheel(editor.stage)
    assert editor.stage.currentIndex() == before + 1
