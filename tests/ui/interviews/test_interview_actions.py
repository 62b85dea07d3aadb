import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from netdesk.core.debrief import Debrief, record_debrief
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.db.models import Person


@pytest.fixture(autouse=True)
def never_block(monkeypatch, discard_answer):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)


@pytest.fixture
def network(db):
    ana = Person.create(first_name="Ana", last_name="Ruiz")
    bo = Person.create(first_name="Bo", last_name="Lin")

    def plan(person, when, **kw):
        return save_plan(None, InterviewPlan(person_id=person.id, scheduled_at=when,
                                             questions=[PlannedQuestion("Q?")], **kw)).id

    past = plan(ana, datetime.datetime.now() - datetime.timedelta(days=2))
    ahead = plan(bo, datetime.datetime.now() + datetime.timedelta(days=2))
    debriefed = plan(bo, datetime.datetime.now() - datetime.timedelta(days=20))
    record_debrief(debriefed, Debrief(interest_occupation=4))
    return {"ana": ana.id, "bo": bo.id, "past": past, "ahead": ahead, "debriefed": debriefed}


@pytest.fixture
def actions(qtbot, network):
    from netdesk.ui.interviews.interview_actions import InterviewActions

    host = QWidget()
    qtbot.addWidget(host)
    return InterviewActions(host, current_person=lambda: network["ana"])


def test_every_action_has_text_tip_and_the_frequent_ones_a_shortcut(actions):
    listed = [a for a in actions.menu_actions() if a is not None]
    assert actions.plan_with_person_action not in listed
    for action in [*listed, actions.plan_with_person_action]:
        assert action.text() and action.statusTip()
    assert actions.plan_action.shortcut().toString() == "Ctrl+I"
    assert actions.open_action.shortcut().toString() == "Ctrl+Shift+I"
    assert actions.debrief_action.shortcut().toString() == "Ctrl+Shift+D"


def test_plan_with_this_person(qtbot, actions, network):
    actions.plan_with_person_action.trigger()
    wizard = actions._dialogs[-1]
    qtbot.addWidget(wizard)
    assert wizard.whom.picker.person_id() == network["ana"]


def test_open_interview_through_the_picker(qtbot, actions, network):
    actions.open_action.trigger()
    picker = actions._dialogs[-1]
    qtbot.addWidget(picker)
    groups = [picker.tree.topLevelItem(i).text(0) for i in range(picker.tree.topLevelItemCount())]
    assert groups == ["Awaiting a debrief (1)", "Coming up and in planning (1)", "Done (1)"]
    item = next(i for i in picker.items()
                if i.data(0, Qt.ItemDataRole.UserRole) == network["ahead"])
    picker.tree.setCurrentItem(item)
    qtbot.mouseClick(picker.open_button, Qt.MouseButton.LeftButton)
    window = actions._open[network["ahead"]]
    qtbot.addWidget(window)
    assert window.isVisible() and window.interview_id == network["ahead"]
    assert actions.open_interview(network["ahead"]) is window  # one window per interview
    with qtbot.waitSignal(actions.print_sheet_requested) as blocker:
        window.print_button.click()
    assert blocker.args == [network["ahead"]]


def test_picker_filter_and_debrief(qtbot, actions, network):
    actions.debrief_action.trigger()
    picker = actions._dialogs[-1]
    qtbot.addWidget(picker)
    assert picker.open_button.text() == "&Debrief…"
    qtbot.keyClicks(picker.filter, "lin")
    visible = [i for i in picker.items() if not i.isHidden()]
    assert {i.data(0, Qt.ItemDataRole.UserRole) for i in visible} == {network["ahead"],
                                                                      network["debriefed"]}
    picker.filter.clear()
    picker.choose(picker.items()[0])
    wizard = actions._dialogs[-1]
    qtbot.addWidget(wizard)
    assert wizard.interview_id == network["past"]


def test_offer_debriefs_shows_the_banner(qtbot, actions, network):
    banner = actions.offer_debriefs()
    assert banner is actions.banner and not banner.isHidden()
    assert "Ana Ruiz" in banner.text.text() and "waiting for a debrief" in banner.text.text()
    qtbot.mouseClick(banner.debrief_button, Qt.MouseButton.LeftButton)
    wizard = actions._dialogs[-1]
    qtbot.addWidget(wizard)
    assert wizard.interview_id == network["past"]
    record_debrief(network["past"], Debrief(interest_occupation=2))
    assert actions.offer_debriefs() is None and banner.isHidden()


def test_the_banner_counts_several_and_later_puts_it_off(qtbot, actions, network):
    save_plan(None, InterviewPlan(person_id=network["bo"], questions=[PlannedQuestion("Q?")],
                                  scheduled_at=datetime.datetime.now()
                                  - datetime.timedelta(days=1)))
    banner = actions.offer_debriefs()
    assert banner.text.text() == "2 interviews are waiting for a debrief."
    qtbot.mouseClick(banner.debrief_button, Qt.MouseButton.LeftButton)
    picker = actions._dialogs[-1]
    qtbot.addWidget(picker)
    assert picker.windowTitle() == "Debrief an interview"
    picker.reject()
    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden() and actions.offer_debriefs() is None
    save_plan(None, InterviewPlan(person_id=network["ana"], questions=[PlannedQuestion("Q?")],
                                  scheduled_at=datetime.datetime.now()
                                  - datetime.timedelta(hours=3)))
    assert actions.offer_debriefs() is banner  # another one is over: back again
    assert banner.text.text().startswith("3 interviews")


def test_bank_and_profile_open(qtbot, actions):
    actions.bank_action.trigger()
    qtbot.addWidget(actions._dialogs[-1])
    assert actions._dialogs[-1].windowTitle() == "Question bank & templates"
    actions.profile_action.trigger()
    qtbot.addWidget(actions._dialogs[-1])
    assert actions._dialogs[-1].windowTitle() == "My profile & pitch"


def test_empty_picker(qtbot, db):
    from netdesk.ui.interviews.interview_picker import InterviewPicker

    picker = InterviewPicker()
    qtbot.addWidget(picker)
    assert not picker.empty.isHidden() and not picker.open_button.isEnabled()
