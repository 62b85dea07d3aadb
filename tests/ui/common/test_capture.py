"""Quick capture: Ctrl+Shift+P from anywhere, a name and a note, Enter saves, Esc closes."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netdesk.core.capture import parse_line
from netdesk.db.models import Interaction, Person

TODAY = datetime.date.today()


def _popup(window):
    (popup,) = window.quick_capture_action.popup
    return popup


def test_parse_line():
    assert parse_line(" Ana  María Ruiz , Acme  Health ").name == "Ana María Ruiz"
    captured = parse_line("Ana María Ruiz, Acme Health")
    assert (captured.first_name, captured.last_name, captured.organization) == \
        ("Ana María", "Ruiz", "Acme Health")
    assert (parse_line("Cher").first_name, parse_line("Cher").last_name) == ("Cher", "")


def test_capture_from_anywhere_enter_saves_and_the_tree_shows_them(window, qtbot, events):
    Person.create(first_name="Bo", last_name="Lin")
    window.contact_tree.reload()
    window.select_person(Person.get().id)
    editor_person = window.editor.person_id
    window.graph_panel.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    popup = _popup(window)
    assert popup.isVisible() and not popup.isModal()
    assert QApplication.activeModalWidget() is None
    qtbot.keyClicks(popup.name, "Ana Ruiz, Acme Health")
    qtbot.keyClick(popup.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(popup.note, "met at the career fair")
    with qtbot.waitSignal(events.changed) as published:
        qtbot.keyClick(popup.note, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert Person.select().count() == 2  # saved once
    ana = Person.get(Person.first_name == "Ana")
    assert (ana.last_name, ana.organization.name) == ("Ruiz", "Acme Health")
    note = Interaction.get(Interaction.person == ana.id)
    assert (note.kind, note.summary, note.occurred_on) == ("note", "met at the career fair",
                                                           TODAY)
    assert ana.id in published.args[0].people_added
    qtbot.waitUntil(lambda: window.contact_tree.model.person_count() == 2)
    assert window.editor.person_id == editor_person  # what was open stays open
    assert "Added Ana Ruiz" in window.statusBar().currentMessage()


def test_esc_closes_without_saving_and_a_missing_name_is_explained(window, qtbot):
    window.quick_capture_action.trigger()
    popup = _popup(window)
    qtbot.keyClick(popup.name, Qt.Key.Key_Return)
    assert popup.isVisible() and popup.problem.isVisible()
    assert "name" in popup.problem.text()
    qtbot.keyClicks(popup.name, "Someone")
    qtbot.keyClick(popup.name, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert not Person.select().exists()
    window.quick_capture_action.trigger()  # opens again, empty
    assert popup.isVisible() and popup.name.text() == ""
    popup.hide()
