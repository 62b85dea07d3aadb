from PySide6.QtCore import Qt

from netdesk.db.models import Person


def test_type_then_down_or_return(qtbot, db):
    from netdesk.ui.people.person_picker import PersonPicker

    ana = Person.create(first_name="Ana", last_name="Ruiz")
    Person.create(first_name="Bo", last_name="Lin")
    picker = PersonPicker()
    qtbot.addWidget(picker)
    picker.show()
    assert picker.list.count() == 2 and picker.person_id() is None
    with qtbot.waitSignal(picker.person_changed) as blocker:
        qtbot.keyClicks(picker.filter, "ru")
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert blocker.args == [ana.id]
    picker.filter.clear()
    qtbot.keyClicks(picker.filter, "nobody")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.list.item(0).text() == "Nobody matches."
    assert picker.person_id() == ana.id  # a search with no match keeps the choice
    picker.set_person(None)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert picker.focusWidget() is picker.list and picker.person_id() is not None


def test_none_choice(qtbot, db):
    from netdesk.ui.people.person_picker import PersonPicker

    ana = Person.create(first_name="Ana")
    picker = PersonPicker(none_text="Nobody")
    qtbot.addWidget(picker)
    picker.set_person(ana.id)
    assert picker.person_id() == ana.id
    picker.list.setCurrentRow(0)
    assert picker.person_id() is None
