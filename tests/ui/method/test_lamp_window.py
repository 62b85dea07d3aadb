"""The LAMP list driven as a user: the menu entry in the method mode, a timed pass with
suggestions, scores edited in the table, the ranking and this week's five, who can
introduce me, an introduction request drafted, recorded and marked introduced (a referral
in the database, on the timelines and in the graph)."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QSpinBox

from netdesk.core.lamp import add_organization
from netdesk.core.timeline import entries
from netdesk.db.models import Introduction, LampEntry, Organization, Person, Profile, Referral
from netdesk.ui.common.wording import short_date
from netdesk.ui.method.introduction_dialog import IntroductionDialog
from netdesk.ui.method.lamp_model import COLUMNS, FOCUS_TEXT
from netdesk.ui.method.lamp_window import LampWindow, countdown_text
from netdesk.ui.method.method_settings import ENABLED_KEY
from netdesk.ui.method.who_can_introduce import WhoCanIntroduceDialog

TODAY = datetime.date.today()
COLUMN = {key: i for i, key in enumerate(COLUMNS)}


@pytest.fixture
def method_on():
    QSettings().setValue(ENABLED_KEY, True)
    yield
    QSettings().remove(ENABLED_KEY)


@pytest.fixture
def network(db):
    """Me → Sam (friend) → Ben (referred, at Acme); Ben → Cy (referred, at Brightline)."""
    Profile.create(name="Jordan Avery", degree="BA Geography", school="Riverton University",
                   email="jordan@example.org", seeking="analyst roles in public health")
    acme = Organization.create(name="Acme Health")
    bright = Organization.create(name="Brightline")
    Organization.create(name="Acme Labs")
    sam = Person.create(first_name="Sam", last_name="Lee", relationship="friend",
                        email="sam@example.org")
    ben = Person.create(first_name="Ben", last_name="Ray", relationship="referral",
                        organization=acme, job_title="Data Analyst", email="ben@example.org")
    cy = Person.create(first_name="Cy", last_name="Ode", relationship="referral",
                       organization=bright, job_title="Head of Research")
    Referral.create(referrer=sam, referred=ben)
    Referral.create(referrer=ben, referred=cy)
    return {"sam": sam.id, "ben": ben.id, "cy": cy.id, "acme": acme.id, "bright": bright.id}


def table_rows(lamp: LampWindow) -> list[tuple[str, ...]]:
    """Every row as shown: (rank, focus, organization, pass, advocacy, motivation, posting)."""
    model = lamp.model
    return [tuple(model.index(r, c).data() for c in range(7)) for r in range(model.rowCount())]


def open_lamp(window, qtbot) -> LampWindow:
    window.people_menu.aboutToShow.emit()
    action = next(a for a in window.people_menu.actions() if a.text() == "&LAMP List…")
    assert action.isVisible()
    action.trigger()
    lamp = window.findChild(LampWindow)
    qtbot.waitUntil(lamp.isVisible)
    return lamp


def edit_cell(qtbot, lamp: LampWindow, row: int, key: str, value) -> None:
    """Double-click the cell, choose ``value`` in its editor, press Enter."""
    table = lamp.table
    rect = table.visualRect(lamp.model.index(row, COLUMN[key]))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    kind = QComboBox if key == "advocacy" else QSpinBox
    editors = []
    qtbot.waitUntil(lambda: editors.extend(e for e in table.viewport().findChildren(kind)
                                           if e.isVisible()) or bool(editors))
    editor = editors[0]
    if isinstance(editor, QSpinBox):
        editor.selectAll()
        qtbot.keyClicks(editor, str(value))
    else:
        editor.setCurrentIndex(value)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)  # queued


def test_the_menu_entry_shows_in_the_method_mode_only(window, qtbot):
    window.people_menu.aboutToShow.emit()
    action = next(a for a in window.people_menu.actions() if a.text() == "&LAMP List…")
    assert not action.isVisible()
    QSettings().setValue(ENABLED_KEY, True)
    try:
        window.people_menu.aboutToShow.emit()
        assert action.isVisible() and action.isEnabled()
    finally:
        QSettings().remove(ENABLED_KEY)


def test_build_score_rank_and_introduce(network, method_on, window, qtbot, qtmodeltester):
    lamp = open_lamp(window, qtbot)
    assert table_rows(lamp) == []
    assert lamp.progress.text() == "0 of 40 organizations"

    # A timed pass: the countdown shows, names are suggested, new ones are created.
    qtbot.mouseClick(lamp.start_button, Qt.MouseButton.LeftButton)
    assert lamp.timer.isActive()
    assert lamp.countdown.text() == "10:00 left for dream employers"
    qtbot.keyClicks(lamp.name, "acme")
    assert lamp._suggested.stringList() == ["Acme Health", "Acme Labs"]
    lamp.name.clear()
    qtbot.keyClicks(lamp.name, "Acme Health")
    qtbot.keyClick(lamp.name, Qt.Key.Key_Return)
    for name in ("Brightline", "Nova Clinics"):
        qtbot.keyClicks(lamp.name, name)
        qtbot.mouseClick(lamp.add_button, Qt.MouseButton.LeftButton)
    assert Organization.get_or_none(Organization.name == "Nova Clinics") is not None
    assert lamp.selected_row().name == "Nova Clinics"  # the one just added is selected
    qtbot.keyClicks(lamp.name, "acme health")
    qtbot.keyClick(lamp.name, Qt.Key.Key_Return)
    assert lamp.problem.isVisibleTo(lamp) and "already on your LAMP list" in lamp.problem.text()
    lamp.remaining = 1
    lamp.tick()
    assert not lamp.timer.isActive() and lamp.current_pass() == "alumni"
    assert lamp.countdown.text() == "Time is up for dream employers. Next: alumni employers."
    for name in ("Delta Care", "Echo Works", "Fern Trust"):
        qtbot.keyClicks(lamp.name, name)
        qtbot.keyClick(lamp.name, Qt.Key.Key_Return)
    assert lamp.progress.text() == "6 of 40 organizations"
    assert [r[2:5] for r in table_rows(lamp)] == [
        ("Acme Health", "Dream", "Yes"),  # Ben: two steps through Sam
        ("Brightline", "Dream", "No"),  # Cy: three steps
        ("Nova Clinics", "Dream", "No"),
        ("Delta Care", "Alumni", "No"),
        ("Echo Works", "Alumni", "No"),
        ("Fern Trust", "Alumni", "No"),
    ]
    qtmodeltester.check(lamp.model)

    # Scores edited in the table move the rows; the top five are marked in words and icon.
    edit_cell(qtbot, lamp, 5, "motivation", 3)  # Fern Trust
    assert LampEntry.get(LampEntry.organization == Organization.get(name="Fern Trust")
                         ).motivation == 3
    assert table_rows(lamp)[0][2] == "Fern Trust"
    assert lamp.selected_row().name == "Fern Trust"  # the selection follows the row
    row = next(i for i, r in enumerate(table_rows(lamp)) if r[2] == "Echo Works")
    edit_cell(qtbot, lamp, row, "posting", 3)
    row = next(i for i, r in enumerate(table_rows(lamp)) if r[2] == "Brightline")
    edit_cell(qtbot, lamp, row, "advocacy", 1)  # the user knows better: yes
    assert LampEntry.get(LampEntry.organization == network["bright"]).advocacy_override is True
    rows = table_rows(lamp)
    assert [(r[0], r[2], r[4], r[5], r[6]) for r in rows] == [
        ("1", "Fern Trust", "No", "3", "1"),
        ("2", "Echo Works", "No", "0", "3"),
        ("3", "Acme Health", "Yes", "0", "1"),
        ("4", "Brightline", "Yes (set by you)", "0", "1"),
        ("5", "Nova Clinics", "No", "0", "1"),
        ("6", "Delta Care", "No", "0", "1"),
    ]
    assert [r[1] for r in rows] == [FOCUS_TEXT] * 5 + [""]
    model = lamp.model
    assert all(model.index(r, COLUMN["focus"]).data(Qt.ItemDataRole.DecorationRole)
               is not None for r in range(5))
    assert model.index(5, COLUMN["focus"]).data(Qt.ItemDataRole.DecorationRole) is None
    assert "Computed from your network: no" in model.index(3, COLUMN["advocacy"]).data(
        Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(lamp.model)

    # Who can introduce me at Brightline: Cy, through Ben.
    lamp.select_entry(LampEntry.get(LampEntry.organization == network["bright"]).id)
    qtbot.mouseClick(lamp.introduce_button, Qt.MouseButton.LeftButton)
    who = lamp.findChild(WhoCanIntroduceDialog)
    qtbot.waitUntil(who.isVisible)
    item = who.people.topLevelItem(0)
    assert [item.text(c) for c in range(3)] == ["Cy Ode", "Head of Research",
                                                "Through Ben Ray (3 steps)"]
    assert who.path.text() == "Ask Ben Ray to introduce you (Sam Lee → Ben Ray → Cy Ode)."
    assert who.ask_button.isEnabled()
    qtbot.mouseClick(who.ask_button, Qt.MouseButton.LeftButton)
    ask = who.findChild(IntroductionDialog)
    qtbot.waitUntil(ask.isVisible)
    assert ask.to.text() == "Ben Ray <ben@example.org>"
    assert ask.subject.text() == "Could you introduce me to Cy Ode?"
    body = ask.body.toPlainText()
    assert body.startswith("Hi Ben,") and "A note you can forward" in body
    assert "I am Jordan Avery, BA Geography from Riverton University." in body
    assert ask.mailto().startswith("mailto:ben@example.org?subject=Could%20you")
    qtbot.mouseClick(ask.record_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible()
    intro = Introduction.get()
    assert (intro.introducer_id, intro.target_id, intro.status, intro.asked_on) == (
        network["ben"], network["cy"], "asked", TODAY)
    assert who.people.topLevelItem(0).text(3) == f"Asked on {short_date(TODAY)}"
    who.close()

    # Listed in the LAMP window; marked introduced → the referral is recorded.
    requests = lamp.requests
    assert requests.topLevelItemCount() == 1
    item = requests.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == ["Ben Ray", "Cy Ode", "Brightline", "Asked"]
    assert not lamp.introduced_button.isEnabled()
    qtbot.mouseClick(requests.viewport(), Qt.MouseButton.LeftButton,
                     pos=requests.visualItemRect(item).center())
    assert lamp.introduced_button.isEnabled()
    # Ben already referred Cy in this network; take it away so the introduction records it.
    Referral.delete().where(Referral.referred == network["cy"]).execute()
    qtbot.mouseClick(lamp.introduced_button, Qt.MouseButton.LeftButton)
    referral = Referral.get((Referral.referrer == network["ben"])
                            & (Referral.referred == network["cy"]))
    assert Introduction.get().status == "introduced" and Introduction.get().referral_id == \
        referral.id
    item = requests.topLevelItem(0)
    assert item.text(3) == "Introduced"
    assert item.text(4) == f"asked {short_date(TODAY)}, introduced {short_date(TODAY)}"
    assert [e.summary for e in entries(network["cy"])] == ["Introduced by Ben Ray"]
    assert {e.summary for e in entries(network["ben"])} == {
        "Asked for an introduction to Cy Ode", "Introduced me to Cy Ode"}

    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view
    qtbot.waitUntil(lambda: view.graph is not None and not view._dirty, timeout=3000)
    assert referral.id in {e.id for e in view.graph.referrals}
    assert referral.id in view.drawing.edges


def test_open_the_organization_from_a_row(network, method_on, window, qtbot):
    from netdesk.ui.people.organization_editor import OrganizationEditor

    add_organization("Acme Health", "posting")
    lamp = open_lamp(window, qtbot)
    lamp.select_entry(LampEntry.get().id)
    qtbot.mouseClick(lamp.open_button, Qt.MouseButton.LeftButton)
    editor = lamp.findChild(OrganizationEditor)
    qtbot.waitUntil(editor.isVisible)
    assert editor.name.text() == "Acme Health"
    editor.reject()


def test_the_top_five_with_many_organizations(db, qtbot, qtmodeltester):
    for i in range(300):
        add_organization(f"Org {i:03}", "trending")
    lamp = LampWindow()
    qtbot.addWidget(lamp)
    assert lamp.model.rowCount() == 300
    assert [lamp.model.index(r, 1).data() for r in range(7)] == [FOCUS_TEXT] * 5 + ["", ""]
    assert lamp.progress.text() == "300 organizations (aim: 40)"
    qtmodeltester.check(lamp.model)


def test_countdown_text():
    assert countdown_text(600) == "10:00" and countdown_text(61) == "1:01"


def test_whom_to_contact_hints_on_the_research_page(network, qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Discard)
    from netdesk.ui.interviews.interview_wizard import RESEARCH, InterviewWizard
    from tests.ui.interviews.test_interview_wizard import choose_person, click_next

    def research_page():
        wizard = InterviewWizard(parent=window)
        qtbot.addWidget(wizard)
        wizard.show()
        choose_person(qtbot, wizard, "ode")
        click_next(qtbot, wizard)
        assert wizard.currentId() == RESEARCH
        return wizard

    wizard = research_page()
    assert not wizard.research.contact_hints.isVisibleTo(wizard.research)
    wizard.hide()
    QSettings().setValue(ENABLED_KEY, True)
    try:
        wizard = research_page()
        hints = wizard.research.contact_hints
        assert hints.isVisibleTo(wizard.research)
        assert [row.accessibleName() for row in hints.rows.values()] == [
            "To research: Find out whether they work in the field you want",
            "To research: Did they study at Riverton University? Check their profile",
            "Yes: 2 levels above the role you want (director or head)",
            "To research: Were they promoted from within? Look at their career history",
        ]
        assert all(". " in row.text() for row in hints.rows.values())  # each says why
    finally:
        wizard.hide()  # not left open for the next test to close (and ask about)
        QSettings().remove(ENABLED_KEY)


def _save_method_switch(window, qtbot, on: bool) -> None:
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog

    window.habit.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    page = dialog.tabs.widget(dialog.tabs.count() - 1)
    dialog.tabs.setCurrentWidget(page)
    if page.enabled.isChecked() != on:
        qtbot.keyClick(page.enabled, Qt.Key.Key_Space)
    assert page.enabled.isChecked() == on
    dialog.accept()
    dialog.deleteLater()


def test_the_method_actions_follow_the_switch_once_preferences_are_saved(db, window, qtbot):
    from netdesk.ui.method.weekly_review import WeeklyReview

    lamp, review = window.lamp_action, window.weekly_review_action
    assert not (lamp.isVisible() or lamp.isEnabled() or review.isVisible()
                or review.isEnabled())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert getattr(window, "lamp_window", None) is None  # off: the shortcut does nothing
    try:
        _save_method_switch(window, qtbot, True)  # no menu opened, no window switch
        assert lamp.isVisible() and lamp.isEnabled()
        assert review.isVisible() and review.isEnabled()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: getattr(window, "lamp_window", None) is not None
                        and window.lamp_window.isVisible())
        window.lamp_window.close()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: window.findChild(WeeklyReview) is not None)
        window.findChild(WeeklyReview).reject()

        _save_method_switch(window, qtbot, False)
        assert not (lamp.isVisible() or lamp.isEnabled() or review.isVisible()
                    or review.isEnabled())
        assert lamp.shortcut().toString() == "Ctrl+Alt+L"  # kept for when it comes back
    finally:
        QSettings().remove(ENABLED_KEY)


def test_a_merge_in_the_catalog_moves_the_entry_and_undo_brings_it_back(
        network, method_on, window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from netdesk.core import lamp as core_lamp
    from netdesk.ui.people.catalog_dialog import CatalogDialog
    from netdesk.ui.people.catalog_merge import MergeDialog
    from tests.ui.people.test_catalog_dialog import _click_row

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Yes)
    labs = core_lamp.add_organization("Acme Labs", "trending").id
    core_lamp.set_scores(labs, motivation=3, posting=2)
    lamp = open_lamp(window, qtbot)
    assert table_rows(lamp) == [("1", "This week", "Acme Labs", "Trending", "No", "3", "2")]

    next(a for a in window.people_menu.actions()
         if a.text() == "Organizations && &Career Fields…").trigger()
    catalog = window.findChild(CatalogDialog)
    page = catalog.current_page()
    _click_row(qtbot, page, "Acme Labs")
    qtbot.mouseClick(catalog.merge_button, Qt.MouseButton.LeftButton)
    merge = catalog.findChild(MergeDialog)
    qtbot.keyClicks(merge.filter, "acme h")
    _click_row(qtbot, merge, "Acme Health")
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    entry = LampEntry.get()
    assert (entry.organization_id, entry.motivation, entry.posting) == (network["acme"], 3, 2)
    # Its scores and pass come along; advocacy, computed, is now Ben's at Acme Health.
    assert table_rows(lamp) == [("1", "This week", "Acme Health", "Trending", "Yes", "3", "2")]

    qtbot.keyClick(catalog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo
    assert table_rows(lamp) == [("1", "This week", "Acme Labs", "Trending", "No", "3", "2")]
    entry = LampEntry.get()
    assert (entry.organization.name, entry.id) == ("Acme Labs", labs)
    catalog.close()
    lamp.close()
