"""People → Record a no: the thread closes kindly and the next people can be opened."""

import datetime

import pytest
from PySide6.QtCore import Qt

from netdesk.db.models import CareerField, FollowUp, Interaction, Person, PersonCareerField
from netdesk.ui.people.decline_dialog import DeclineDialog

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def people(db):
    field = CareerField.create(name="Public health")
    rosa = Person.create(first_name="Rosa", stage="contacted")
    kwame = Person.create(first_name="Kwame")
    for p in (rosa, kwame):
        PersonCareerField.create(person=p, career_field=field)
    FollowUp.create(person=rosa, kind="reply_check", due_on=TODAY)
    return rosa, kwame


def test_record_a_no_and_open_a_suggestion(qtbot, people, events):
    rosa, kwame = people
    dialog = DeclineDialog(rosa.id, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.note, "Busy this term")
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert Person.get_by_id(rosa.id).stage == "declined"
    assert FollowUp.get().status == "dropped"
    assert Interaction.get().summary == "Said no: Busy this term"
    assert "1 open follow-up closed" in dialog.summary.text()
    assert dialog.pages.currentIndex() == 1
    assert dialog.suggestions.count() == 1
    item = dialog.suggestions.item(0)
    with qtbot.waitSignal(dialog.open_person_requested) as opened:
        qtbot.mouseClick(dialog.suggestions.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.suggestions.visualItemRect(item).center())
    assert opened.args == [kwame.id]


def test_no_reply(qtbot, people, events):
    rosa, _ = people
    dialog = DeclineDialog(rosa.id, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.no_reply.click()
    dialog.record_button.click()
    assert Interaction.get().summary == "No reply after the follow-up"


def test_nobody_to_suggest_says_what_to_do(qtbot, db, events):
    alone = Person.create(first_name="Alone")
    dialog = DeclineDialog(alone.id, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.record_button.click()
    assert "referral" in dialog.next_caption.text()
    assert not dialog.suggestions.isVisible()
