"""Edit → Undo takes back a whole import made through the wizard; Redo makes it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from netdesk.db.models import Person, database_proxy
from tests.formats.conftest import GOOD, table_dump


def _run_import(qtbot, window, kind, path):
    wizard = window.open_import(kind, path)
    while wizard.currentId() != wizard.RESULT:
        button = wizard.button(QWizard.WizardButton.NextButton)
        assert button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    return wizard


def test_undo_and_redo_a_vcard_import_through_the_window(qtbot, sample_window):
    window = sample_window
    priya = Person.get(first_name="Priya")
    before = table_dump(database_proxy)
    people_before = window.contact_tree.model.person_count()
    _run_import(qtbot, window, "vcard", GOOD / "google.vcf")
    after = table_dump(database_proxy)
    assert after != before
    assert Person.get_by_id(priya.id).phone == "+1 555 0101"  # merged
    assert window.contact_tree.model.person_count() == people_before + 1  # the reception
    assert window.undo_stack.count() == 1
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().startswith("&Undo Import of 1 person")

    added = Person.select().order_by(Person.id.desc()).first()
    window.select_person(added.id)  # someone the import added is on screen
    window.undo_action.trigger()
    assert table_dump(database_proxy) == before
    assert Person.get_by_id(priya.id).phone != "+1 555 0101"
    assert window.editor.person_id is None
    assert window.person_stack.currentWidget() is not window.editor
    qtbot.waitUntil(lambda: window.contact_tree.model.person_count() == people_before)
    assert "undone" in window.statusBar().currentMessage()

    window.redo_action.trigger()
    assert table_dump(database_proxy) == after
    qtbot.waitUntil(lambda: window.contact_tree.model.person_count() == people_before + 1)
    window.undo_action.trigger()
    assert table_dump(database_proxy) == before


def test_a_linkedin_import_into_an_empty_network_undoes_to_empty(qtbot, window):
    before = table_dump(database_proxy)
    _run_import(qtbot, window, "linkedin", GOOD / "linkedin_connections.csv")
    assert Person.select().count() == 6
    window.undo_stack.undo()
    assert table_dump(database_proxy) == before
    qtbot.waitUntil(lambda: window.person_stack.currentWidget() is window.welcome)
    window.undo_stack.redo()
    assert Person.select().count() == 6


def test_a_whole_database_load_is_not_put_on_the_undo_stack():
    from netdesk.formats.people_import import ImportSummary
    from netdesk.ui.transfer.import_command import is_undoable

    assert not is_undoable({"person": 12, "organization": 3})  # what a JSON load reports
    assert not is_undoable(ImportSummary())  # nothing written
