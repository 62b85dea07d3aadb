"""Interviews → All Interviews…: the list, its filter and sort, and what it opens."""

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netdesk.core.changes import Changes
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.db.models import Organization, Person
from netdesk.ui.common.changes import publish
from netdesk.ui.interviews.interview_list import COLUMNS

NOW = datetime.datetime.now()


@pytest.fixture
def network(db):
    acme = Organization.create(name="Acme Health")
    ana = Person.create(first_name="Ana", last_name="Ruiz", organization=acme)
    bo = Person.create(first_name="Bo", last_name="Lin")

    def plan(person, when):
        return save_plan(None, InterviewPlan(person_id=person.id, scheduled_at=when,
                                             questions=[PlannedQuestion("Q?")])).id

    return {"ana": ana.id, "bo": bo.id,
            "past": plan(ana, NOW - datetime.timedelta(days=2)),
            "ahead": plan(bo, NOW + datetime.timedelta(days=2)),
            "plan": plan(bo, None)}


@pytest.fixture
def listing(network, make_window, qtbot):
    window = make_window()
    action = window.interview_actions.list_action
    assert action in window.interviews_menu.actions()
    action.trigger()
    dialog = window.interview_actions._list
    assert dialog.isVisible() and not dialog.isModal()
    return window, dialog


def _column(dialog, key):
    model = dialog.model
    column = [k for k, _ in COLUMNS].index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_every_interview_listed_filtered_and_sorted(listing, network, qtbot, qtmodeltester):
    _window, dialog = listing
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert sorted(_column(dialog, "standing")) == ["Awaiting a debrief", "Planning",
                                                   "Scheduled"]
    assert dialog.summary.text() == "3 interviews"
    qtbot.keyClicks(dialog.filter, "acme")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert _column(dialog, "person") == ["Ana Ruiz"]
    assert dialog.summary.text() == "1 interview of 3 matches"
    qtmodeltester.check(model)
    dialog.filter.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    dialog.standing.setCurrentIndex(dialog.standing.findData("scheduled"))
    assert _column(dialog, "person") == ["Bo Lin"]
    dialog.standing.setCurrentIndex(0)
    header = dialog.table.horizontalHeader()
    person = [k for k, _ in COLUMNS].index("person")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, person))
    first = _column(dialog, "person")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, person))
    second = _column(dialog, "person")
    assert {tuple(first), tuple(second)} == {("Bo Lin", "Bo Lin", "Ana Ruiz"),
                                             ("Ana Ruiz", "Bo Lin", "Bo Lin")}
    qtmodeltester.check(model)


def _section_centre(header, section):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                  header.height() // 2)


def test_open_debrief_and_print_from_the_list(listing, network, qtbot):
    window, dialog = listing
    dialog.standing.setCurrentIndex(dialog.standing.findData("awaiting"))
    assert dialog.selected_id() == network["past"]
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    opened = window.interview_actions._open[network["past"]]
    qtbot.addWidget(opened)
    assert opened.isVisible()
    qtbot.mouseClick(dialog.debrief_button, Qt.MouseButton.LeftButton)
    from netdesk.ui.interviews.debrief_wizard import DebriefWizard

    wizard = [w for w in window.findChildren(DebriefWizard) if w.isVisible()][-1]
    assert wizard.interview_id == network["past"]
    wizard.hide()
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    with qtbot.waitSignal(window.interview_actions.print_sheet_requested) as asked:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked.args == [network["past"]]
    (preview,) = [d for d in window.findChildren(QPrintPreviewDialog) if d.isVisible()]
    assert "Ana Ruiz" in preview.windowTitle()
    preview.close()


def test_the_list_follows_published_changes(listing, network, qtbot):
    window, dialog = listing
    dialog.select_interview(network["ahead"])
    new = save_plan(None, InterviewPlan(person_id=network["ana"],
                                        scheduled_at=NOW + datetime.timedelta(days=9),
                                        questions=[PlannedQuestion("Q?")]))
    publish(new, None)
    new = new.id
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4)
    assert dialog.selected_id() == network["ahead"]  # the selection stays
    Person.delete_by_id(network["bo"])
    publish(Changes(people_removed=frozenset({network["bo"]})), None)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    window.interview_actions.list_action.trigger()  # raised, not a second one
    assert window.interview_actions._list is dialog
    QApplication.processEvents()
