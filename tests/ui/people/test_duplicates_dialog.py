"""People → Find Duplicates…: driven as a user; the tree shows one person, undo brings two."""

from PySide6.QtCore import Qt

from netdesk.db.models import Interview, Person
from tests.ui.tree import tree_names


def _open(window, qtbot):
    action = window.find_duplicates_action
    assert action in window.people_menu.actions()
    action.trigger()
    dialog = window.duplicates_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_merge_a_pair_then_undo_and_redo(make_window, db, qtbot):
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    twin = Person.create(first_name="Ada", last_name="Lovelace", email="ADA@example.org",
                         job_title="Programmer")
    Person.create(first_name="Grace", last_name="Hopper")
    Interview.create(person=twin)
    window = make_window()
    assert tree_names(window).count("Ada Lovelace") == 2
    dialog = _open(window, qtbot)
    assert dialog.list.topLevelItemCount() == 1
    assert dialog.list.topLevelItem(0).text(0) == "Sure"
    fields = [dialog.details.topLevelItem(i).text(0)
              for i in range(dialog.details.topLevelItemCount())]
    assert "Job title" in fields
    qtbot.mouseClick(dialog.keep_second, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in Person.select().where(Person.first_name == "Ada")] == [twin.id]
    assert Interview.get().person_id == twin.id
    assert tree_names(window).count("Ada Lovelace") == 1
    assert dialog.list.topLevelItemCount() == 0
    window.undo_action.trigger()
    assert {p.id for p in Person.select().where(Person.first_name == "Ada")} == {ada.id, twin.id}
    assert tree_names(window).count("Ada Lovelace") == 2
    assert Interview.get().person_id == twin.id
    window.redo_action.trigger()
    assert tree_names(window).count("Ada Lovelace") == 1
    dialog.close()
