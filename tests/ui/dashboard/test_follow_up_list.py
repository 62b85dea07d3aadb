"""People → All Follow-ups…: every open follow-up, upcoming too, with Done, Snooze and Drop."""

import datetime

import pytest
from PySide6.QtCore import Qt

from netdesk.core import followups
from netdesk.core.changes import Changes
from netdesk.core.follow_up_list import follow_up_rows
from netdesk.db.models import FollowUp, Person
from netdesk.ui.common.changes import publish
from netdesk.ui.dashboard.follow_up_list import LATE

TODAY = datetime.date.today()


def _day(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def network(db):
    ana = Person.create(first_name="Ana", last_name="Ruiz")
    bo = Person.create(first_name="Bo", last_name="Lin")
    ids = {
        "late": followups.create(ana.id, "reply_check", _day(-3), note="asked about the role"),
        "today": followups.create(bo.id, "thank_you", TODAY),
        "soon": followups.create(ana.id, "keep_in_touch", _day(3)),
        "later": followups.create(bo.id, "report_back", _day(20), note="the conference"),
        "closed": followups.create(bo.id, "reply_check", _day(-1)),
    }
    followups.drop(ids["closed"].id, TODAY)
    return {"ana": ana.id, "bo": bo.id, **{k: v.id for k, v in ids.items()}}


@pytest.fixture
def listing(network, make_window):
    window = make_window()
    assert window.follow_ups_action in window.people_menu.actions()
    window.follow_ups_action.trigger()
    (dialog,) = window.follow_ups_action.opened
    assert dialog.isVisible() and not dialog.isModal()
    return window, dialog


def _ids(dialog) -> list[int]:
    return [dialog.model.row_at(r).id for r in range(dialog.model.rowCount())]


def test_the_query_filters_by_when_and_words(network):
    assert [r.id for r in follow_up_rows(TODAY)] == [network[k] for k in
                                                    ("late", "today", "soon", "later")]
    assert [r.id for r in follow_up_rows(TODAY, when="overdue")] == [network["late"]]
    assert [r.id for r in follow_up_rows(TODAY, when="today")] == [network["today"]]
    assert [r.id for r in follow_up_rows(TODAY, when="week")] == [network["soon"]]
    assert [r.id for r in follow_up_rows(TODAY, when="later")] == [network["later"]]
    assert [r.id for r in follow_up_rows(TODAY, "conference")] == [network["later"]]
    assert [r.id for r in follow_up_rows(TODAY, "ruiz role")] == [network["late"]]
    assert [r.person_name for r in follow_up_rows(TODAY, sort="person")][:2] == ["Bo Lin"] * 2


def test_upcoming_as_well_as_due_and_overdue(listing, network, qtbot, qtmodeltester):
    _window, dialog = listing
    model = dialog.model
    qtmodeltester.check(model)
    assert _ids(dialog) == [network[k] for k in ("late", "today", "soon", "later")]
    assert model.index(0, 0).data().endswith("(3 days late)")
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color() == LATE
    assert model.index(1, 0).data().endswith("(today)")
    assert dialog.summary.text() == "4 open follow-ups"
    dialog.when.setCurrentIndex(dialog.when.findData("week"))
    assert _ids(dialog) == [network["soon"]]
    assert dialog.summary.text() == "1 follow-up of 4 matches"
    dialog.when.setCurrentIndex(0)
    qtbot.keyClicks(dialog.filter, "conference")
    qtbot.waitUntil(lambda: _ids(dialog) == [network["later"]])
    qtmodeltester.check(model)


def test_done_snooze_and_drop_from_the_list(listing, network, qtbot):
    window, dialog = listing
    dialog.select_follow_up(network["today"])
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(network["today"]).status == "done"
    qtbot.waitUntil(lambda: network["today"] not in _ids(dialog))
    # a thank-you done schedules the next keep-in-touch, which the list shows at once
    assert FollowUp.select().where(FollowUp.person == network["bo"],
                                   FollowUp.kind == "keep_in_touch").count() == 1
    assert dialog.model.rowCount() == 4
    window.dashboard.reload()
    assert window.dashboard.due_tree.topLevelItemCount() == 1  # only the late one now

    dialog.select_follow_up(network["late"])
    tomorrow = dialog.snooze_button.menu().actions()[0]
    assert tomorrow.text() == "&Tomorrow"
    tomorrow.trigger()
    assert FollowUp.get_by_id(network["late"]).due_on == _day(1)
    qtbot.waitUntil(lambda: dialog.model.index(0, 0).data() is not None
                    and "late" not in dialog.model.index(0, 0).data())

    dialog.select_follow_up(network["later"])
    qtbot.mouseClick(dialog.drop_button, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(network["later"]).status == "dropped"
    qtbot.waitUntil(lambda: network["later"] not in _ids(dialog))


def test_open_the_person_and_follow_changes_made_elsewhere(listing, network, qtbot):
    window, dialog = listing
    dialog.select_follow_up(network["soon"])
    qtbot.mouseClick(dialog.person_button, Qt.MouseButton.LeftButton)
    assert window.editor.person_id == network["ana"]
    added = followups.create(network["bo"], "keep_in_touch", _day(40))
    publish(Changes(follow_ups=frozenset({added.id})), None)
    qtbot.waitUntil(lambda: added.id in _ids(dialog))
    assert dialog.selected().id == network["soon"]  # the selection stays
    window.follow_ups_action.trigger()
    assert window.follow_ups_action.opened == [dialog]
