"""The person's timeline: newest first, an entry in two keystrokes, follow-ups done/snooze/drop."""

import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from netdesk.core.changes import Changes
from netdesk.db.models import FollowUp, Interaction, Interview, Person
from netdesk.ui.people.timeline import TimelineModel, TimelineWidget

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def ada(db):
    person = Person.create(first_name="Ada", last_name="Lovelace", stage="to_contact")
    Interaction.create(person=person, kind="note", occurred_on=datetime.date(2026, 10, 1),
                       summary="Met at the fair")
    Interaction.create(person=person, kind="reply", occurred_on=datetime.date(2026, 11, 2),
                       summary="Said hello back")
    return person


@pytest.fixture
def widget(qtbot, ada, events):
    w = TimelineWidget(ada.id, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.resize(600, 600)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_model_lists_newest_first_and_passes_the_model_tester(qtmodeltester, ada, qapp):
    model = TimelineModel()
    model.set_person(ada.id)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "2 Nov 2026"
    assert model.index(0, 1).data() == "Reply"
    assert model.index(1, 2).data() == "Met at the fair"
    Interaction.create(person=ada, kind="meeting", occurred_on=datetime.date(2026, 11, 20))
    model.reload()
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Meeting"


def test_two_keystrokes_log_a_message_sent_today(qtbot, widget, ada):
    widget.view.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert widget.entry_line.hasFocus()
    qtbot.keyClick(widget.entry_line, Qt.Key.Key_Return)
    entry = Interaction.select().order_by(Interaction.id.desc()).get()
    assert (entry.kind, entry.occurred_on, entry.summary) == ("message_sent", TODAY, "")
    # Sending a message sets a reply check by the rules and moves the stage on.
    check = FollowUp.get(FollowUp.person == ada)
    assert (check.kind, check.due_on) == ("reply_check", datetime.date(2026, 11, 30))
    assert Person.get_by_id(ada.id).stage == "contacted"
    assert widget.model.index(0, 0).data() == "25 Nov 2026"
    assert "Reply check set" in widget.entry_message.text()
    assert widget.follow_up_tree.topLevelItemCount() == 1


def test_kind_chosen_with_the_arrow_keys_and_text_typed(qtbot, widget, ada):
    widget.focus_entry()
    qtbot.keyClick(widget.entry_line, Qt.Key.Key_Down)  # message sent -> reply
    qtbot.keyClicks(widget.entry_line, "Happy to talk next week")
    qtbot.keyClick(widget.entry_line, Qt.Key.Key_Return)
    entry = Interaction.select().order_by(Interaction.id.desc()).get()
    assert (entry.kind, entry.summary) == ("reply", "Happy to talk next week")
    assert widget.entry_line.text() == ""


def test_a_reply_closes_the_open_reply_check(qtbot, widget, ada):
    check = FollowUp.create(person=ada, kind="reply_check", due_on=TODAY)
    widget.kind_combo.setCurrentIndex(widget.kind_combo.findData("reply"))
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(check.id).status == "done"


def test_a_date_in_the_future_is_refused(qtbot, widget, ada):
    widget.date_edit.setMaximumDate(QDate(2030, 1, 1))  # as if the calendar allowed it
    widget.date_edit.setDate(QDate(2026, 12, 1))
    qtbot.keyClicks(widget.entry_line, "Will meet")
    qtbot.keyClick(widget.entry_line, Qt.Key.Key_Return)
    assert "Date" in widget.entry_message.text() and "future" in widget.entry_message.text()
    assert Interaction.select().count() == 2
    assert widget.entry_line.text() == "Will meet"


def test_choosing_a_no_asks_for_the_decline_dialog(qtbot, widget, ada):
    widget.kind_combo.setCurrentIndex(widget.kind_combo.findData("declined"))
    with qtbot.waitSignal(widget.decline_requested) as asked:
        qtbot.keyClick(widget.entry_line, Qt.Key.Key_Return)
    assert asked.args == [ada.id]
    assert Interaction.select().count() == 2


def test_delete_an_entry_after_confirming(qtbot, widget, ada, monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    widget.view.setCurrentIndex(widget.model.index(0, 0))
    widget.view.setFocus()
    widget.delete_action.trigger()
    assert [i.summary for i in Interaction.select()] == ["Met at the fair"]
    assert widget.model.rowCount() == 1


def test_delete_can_be_declined(qtbot, widget, monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.No)
    widget.view.setCurrentIndex(widget.model.index(0, 0))
    widget.delete_action.trigger()
    assert Interaction.select().count() == 2


def test_follow_ups_done_snooze_and_drop(qtbot, widget, ada):
    a = FollowUp.create(person=ada, kind="thank_you", due_on=TODAY)
    b = FollowUp.create(person=ada, kind="report_back", due_on=TODAY + datetime.timedelta(2))
    widget.set_person(ada.id)
    tree = widget.follow_up_tree
    assert tree.topLevelItemCount() == 2
    assert tree.topLevelItem(0).text(0) == "25 Nov 2026 (today)"
    done = tree.itemWidget(tree.topLevelItem(0), 2).findChild(QToolButton, "done")
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(a.id).status == "done"
    # A thank-you done schedules the next keep-in-touch, and logs the thank-you.
    assert [r.kind for r in FollowUp.select().where(FollowUp.status == "open")
            .order_by(FollowUp.due_on)] == ["report_back", "keep_in_touch"]
    assert widget.model.index(0, 1).data() == "Thank-you"
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2)
    snooze = tree.itemWidget(tree.topLevelItem(0), 2).findChild(QToolButton, "snooze")
    [a for a in snooze.menu().actions() if "3 days" in a.text()][0].trigger()
    assert FollowUp.get_by_id(b.id).due_on == TODAY + datetime.timedelta(days=5)
    drop = tree.itemWidget(tree.topLevelItem(0), 2).findChild(QToolButton, "drop")
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(b.id).status == "dropped"


def test_pick_a_snooze_date(qtbot, widget, ada):
    row = FollowUp.create(person=ada, kind="report_back", due_on=TODAY)
    dialog = widget.actions.pick_snooze_date(row.id)
    dialog.date_edit.setDate(QDate(2027, 1, 4))
    dialog.accept()
    assert FollowUp.get_by_id(row.id).due_on == datetime.date(2027, 1, 4)


def test_add_a_follow_up_and_refuse_one_before_its_interview(qtbot, widget, ada):
    Interview.create(person=ada, status="scheduled",
                     scheduled_at=datetime.datetime(2026, 12, 10, 14))
    widget.set_person(ada.id)
    assert widget.new_interview.count() == 2
    widget.new_kind.setCurrentIndex(widget.new_kind.findData("thank_you"))
    widget.new_interview.setCurrentIndex(1)
    assert widget.new_date.date() == QDate(2026, 12, 11)  # the rule: a day after
    widget.new_date.setDate(QDate(2026, 12, 1))
    qtbot.mouseClick(widget.new_button, Qt.MouseButton.LeftButton)
    assert widget.follow_up_message.text().startswith("Due date:")
    assert FollowUp.select().count() == 0
    widget.new_date.setDate(QDate(2026, 12, 11))
    qtbot.mouseClick(widget.new_button, Qt.MouseButton.LeftButton)
    row = FollowUp.get()
    assert (row.kind, row.due_on, row.interview_id) == (
        "thank_you", datetime.date(2026, 12, 11), Interview.get().id)
    assert not widget.follow_up_message.isVisible()


def test_no_person_disables_the_entry(qtbot, events, db):
    w = TimelineWidget(None, today=lambda: TODAY)
    qtbot.addWidget(w)
    assert not w.entry_line.isEnabled() and not w.add_entry_action.isEnabled()
    assert w.model.rowCount() == 0


def test_switching_person_and_reloading_on_changes(qtbot, widget, ada, events):
    other = Person.create(first_name="Bob")
    widget.set_person(other.id)
    assert widget.model.rowCount() == 0 and widget.empty_label.isVisible()
    Interaction.create(person=other, kind="meeting", occurred_on=TODAY)
    events.publish(Changes.of_person(other.id, {"timeline"}))
    assert widget.model.rowCount() == 1
