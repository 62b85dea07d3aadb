"""Keep-in-touch tiers, response labels and the weekly review, driven as a user: the rows
they show, what lands in the database, and the other views that follow."""

import datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton, QToolButton

from netdesk.core.followups import create
from netdesk.db.models import FollowUp, Interaction, Person
from netdesk.ui.method.method_settings import ENABLED_KEY
from netdesk.ui.method.tier_settings import LAST_REVIEW_KEY

TODAY = datetime.date.today()
AGO = lambda days: TODAY - datetime.timedelta(days=days)  # noqa: E731


@pytest.fixture(autouse=True)
def method_on():
    settings = QSettings()
    settings.setValue(ENABLED_KEY, True)
    for key in (LAST_REVIEW_KEY, "habit/weekly_goal"):
        settings.remove(key)
    settings.remove("method/tiers")
    yield
    for key in (ENABLED_KEY, LAST_REVIEW_KEY, "habit/weekly_goal"):
        settings.remove(key)
    settings.remove("method/tiers")


@pytest.fixture
def network(db):
    ada = Person.create(first_name="Ada", last_name="Cold", tier="A")
    Interaction.create(person=ada, kind="meeting", occurred_on=AGO(90))
    bea = Person.create(first_name="Bea", last_name="Due", tier="B")
    Interaction.create(person=bea, kind="message_sent", occurred_on=AGO(120))
    Interaction.create(person=bea, kind="reply", occurred_on=AGO(119))
    cy = Person.create(first_name="Cy", last_name="Fine", tier="C")
    Interaction.create(person=cy, kind="meeting", occurred_on=AGO(3))
    create(cy.id, "reply_check", AGO(1))
    return ada.id, bea.id, cy.id


def _row_texts(tree, column):
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def _tree_index(window, person_id):
    window.contact_tree.view.expandAll()
    return window.contact_tree.model.index_of_person(person_id)


def test_the_tree_marks_people_with_words_icon_and_tooltip(network, window, qtbot):
    ada, bea, cy = network
    model = window.contact_tree.model
    assert _tree_index(window, ada).data() == "Ada Cold · Going cold"
    assert _tree_index(window, bea).data() == "Bea Due · Due for a catch-up"
    assert _tree_index(window, cy).data() == "Cy Fine"
    tip = _tree_index(window, bea).data(Qt.ItemDataRole.ToolTipRole)
    assert "Due for a catch-up: 119 days" in tip and "Responds: Quick helper" in tip
    assert _tree_index(window, ada).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.marks.mark(ada) == "cold"
    qtmodeltester = pytest.importorskip("pytestqt.modeltest").ModelTester
    qtmodeltester(None).check(model)

    # Logging anything on the timeline resets the clock, and the row follows.
    from netdesk.core import timeline
    from netdesk.ui.common.changes import publish

    publish(timeline.log(ada, "note", TODAY, "Saw her post", TODAY).changes)
    assert _tree_index(window, ada).data() == "Ada Cold"


def test_marks_only_while_the_method_is_on(network, window):
    QSettings().setValue(ENABLED_KEY, False)
    window.contact_tree.reload()
    assert _tree_index(window, network[0]).data() == "Ada Cold"


def test_the_editor_sets_the_tier_and_the_response_label(network, window, qtbot):
    ada, bea, cy = network
    window.select_person(cy)
    panel = window.editor.keep_in_touch
    qtbot.waitUntil(panel.isVisible)
    assert panel.tier.currentData() == "C"
    assert "3 days since the last contact" in panel.clock.text()
    panel.tier.setCurrentIndex(panel.tier.findData("A"))
    panel.tier.activated.emit(panel.tier.currentIndex())
    assert Person.get_by_id(cy).tier == "A"

    window.select_person(bea)
    assert panel.response.currentText() == "From replies: Quick helper"
    panel.response.setCurrentIndex(panel.response.findData("slow"))
    panel.response.activated.emit(panel.response.currentIndex())
    assert Person.get_by_id(bea).response_label == "slow"
    assert panel.response.currentText() == "Slow but helpful (set by you)"
    tip = _tree_index(window, bea).data(Qt.ItemDataRole.ToolTipRole)
    assert "Responds: Slow but helpful (set by you)" in tip


def test_the_dashboard_card_lists_people_to_catch_up_with(network, window, qtbot):
    window.tabs.setCurrentWidget(window.dashboard)
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.filled)
    dashboard.reload()
    card = dashboard.touch_card
    assert card.isVisible()
    assert card.summary.text() == "Going cold: 1. Due for a catch-up: 1."
    rows = [card.people.item(i).text() for i in range(card.people.count())]
    assert rows[0].startswith("Ada Cold · Going cold · 90 days")
    assert rows[1].startswith("Bea Due · Due for a catch-up · 119 days")  # the reply
    assert card.last_review.text() == "No weekly review yet."


def test_the_weekly_review_step_by_step(network, window, qtbot):
    ada, bea, cy = network
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: window.dashboard.filled)
    window.dashboard.reload()
    qtbot.mouseClick(window.dashboard.touch_card.review_button, Qt.MouseButton.LeftButton)
    review = window.dashboard.touch_card.review
    qtbot.waitUntil(review.isVisible)
    assert review.timer_label.text() == "15:00 left"

    # 1. Follow-ups due: done from here.
    assert review.title.text() == "Follow-ups due"
    assert _row_texts(review.due_tree, 1) == ["Cy Fine"]
    done = review.due_tree.itemWidget(review.due_tree.topLevelItem(0), 3).findChild(
        QToolButton, "done")
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.due_tree.topLevelItemCount() == 0)
    assert FollowUp.get(FollowUp.person == cy).status == "done"
    assert review.due_empty.isVisibleTo(review)

    # 2. People going cold: log a catch-up with one, plan one with the other.
    qtbot.mouseClick(review.next, Qt.MouseButton.LeftButton)
    assert review.title.text() == "People going cold"
    assert _row_texts(review.cold_tree, 1) == ["Ada Cold", "Bea Due"]
    assert _row_texts(review.cold_tree, 0) == ["Going cold", "Due for a catch-up"]
    buttons = review.cold_tree.itemWidget(review.cold_tree.topLevelItem(0), 4)
    qtbot.mouseClick(buttons.findChild(QPushButton, "log_catch_up"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row_texts(review.cold_tree, 1) == ["Bea Due"])
    assert Interaction.select().where(Interaction.person == ada,
                                      Interaction.occurred_on == TODAY).count() == 1
    assert _tree_index(window, ada).data() == "Ada Cold"  # the tree followed
    buttons = review.cold_tree.itemWidget(review.cold_tree.topLevelItem(0), 4)
    qtbot.mouseClick(buttons.findChild(QPushButton, "plan_catch_up"), Qt.MouseButton.LeftButton)
    planned = FollowUp.get(FollowUp.person == bea, FollowUp.kind == "keep_in_touch")
    assert planned.due_on == TODAY + datetime.timedelta(days=7)

    # 3. The LAMP top 5: not built yet.
    qtbot.mouseClick(review.next, Qt.MouseButton.LeftButton)
    assert review.hint.text() == "Build your LAMP list."
    assert review.lamp_empty.isVisibleTo(review)

    # 4. The habit chart.
    qtbot.mouseClick(review.next, Qt.MouseButton.LeftButton)
    assert review.habit_chart.isVisibleTo(review) and len(review.habit_chart.weeks()) == 12

    # 5. Next week's goal, then finish.
    qtbot.mouseClick(review.next, Qt.MouseButton.LeftButton)
    assert not review.next.isEnabled()
    assert review.last_done.text() == "This is your first weekly review."
    review.goal.selectAll()
    qtbot.keyClicks(review.goal, "9")
    qtbot.mouseClick(review.finish, Qt.MouseButton.LeftButton)
    assert not review.isVisible()
    assert QSettings().value(LAST_REVIEW_KEY) == TODAY.isoformat()
    assert int(QSettings().value("habit/weekly_goal")) == 9
    qtbot.waitUntil(lambda: window.dashboard.touch_card.last_review.text().startswith(
        "Last weekly review:"))


def test_the_review_is_in_the_people_menu_while_the_method_is_on(network, window, qtbot):
    action = window.weekly_review_action
    assert action in window.people_menu.actions() and action.isVisible()
    QSettings().setValue(ENABLED_KEY, False)
    from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

    preferences_notifier().changed.emit()
    assert not action.isVisible()


def test_the_timer_counts_down_and_says_when_time_is_up(network, window, qtbot):
    from netdesk.ui.method.weekly_review import WeeklyReview

    review = WeeklyReview(window)
    qtbot.addWidget(review)
    review._tick()
    assert review.timer_label.text() == "14:59 left"
    review.seconds_left = 1
    review._tick()
    assert review.timer_label.text() == "Time is up: finish when you are ready"
    review.reject()


def test_tier_intervals_on_the_method_page(network, window, qtbot):
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog
    from netdesk.ui.method.tier_settings import tier_intervals

    window.habit.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    page = dialog.tabs.widget(dialog.tabs.count() - 1)
    dialog.tabs.setCurrentWidget(page)
    box = page.tiers
    assert box.intervals() == {"A": (30, 60), "B": (90, 180), "C": (180, 365)}
    box.ideal["A"].selectAll()
    qtbot.keyClicks(box.ideal["A"], "100")  # past the maximum: the maximum follows
    qtbot.keyClick(box.ideal["A"], Qt.Key.Key_Return)
    assert box.maximum["A"].value() == 100
    box.maximum["A"].selectAll()
    qtbot.keyClicks(box.maximum["A"], "120")
    dialog.accept()
    assert tier_intervals()["A"] == (100, 120)
    assert _tree_index(window, network[0]).data() == "Ada Cold"  # 90 days: within ideal


def _method_page(window):
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog

    window.habit.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    page = dialog.tabs.widget(dialog.tabs.count() - 1)
    dialog.tabs.setCurrentWidget(page)
    return dialog, page


def test_a_tag_given_its_own_intervals_on_the_method_page(network, window, qtbot):
    from netdesk.ui.method.tier_settings import tag_intervals

    mia = Person.create(first_name="Mia", last_name="Mentor", tags="mentor, friend")
    Interaction.create(person=mia, kind="meeting", occurred_on=AGO(40))
    window.contact_tree.reload()
    assert _tree_index(window, mia.id).data() == "Mia Mentor"  # no tier, no tag intervals

    dialog, page = _method_page(window)
    box = page.tiers
    qtbot.mouseClick(box.add_tag, Qt.MouseButton.LeftButton)
    row = box.tag_rows[0]
    assert dialog.focusWidget() is row.tag  # typing goes to the new tag
    qtbot.keyClicks(row.tag, "Mentor")
    row.ideal.selectAll()
    qtbot.keyClicks(row.ideal, "30")
    row.maximum.selectAll()
    qtbot.keyClicks(row.maximum, "45")
    # The same tag twice is named as it is typed, and not kept.
    qtbot.mouseClick(box.add_tag, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box.tag_rows[1].tag, "mentor")
    assert "given twice" in box.tag_problem.text() and not box.tag_problem.isHidden()
    qtbot.mouseClick(box.tag_rows[1].remove, Qt.MouseButton.LeftButton)
    assert box.tag_problem.isHidden() and len(box.tag_rows) == 1
    dialog.accept()
    assert tag_intervals() == {"Mentor": (30, 45)}

    # The tree, the editor and the dashboard follow at once.
    assert _tree_index(window, mia.id).data() == "Mia Mentor · Due for a catch-up"
    assert "Tag “Mentor”: ideally every 30 days, at most 45" in _tree_index(
        window, mia.id).data(Qt.ItemDataRole.ToolTipRole)
    window.select_person(mia.id)
    panel = window.editor.keep_in_touch
    qtbot.waitUntil(panel.isVisible)
    assert panel.tier.currentData() == ""
    assert panel.clock.text().startswith("Due for a catch-up: 40 days since the last contact "
                                         "(Tag “Mentor”")
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: window.dashboard.filled)
    window.dashboard.reload()
    rows = [window.dashboard.touch_card.people.item(i).text()
            for i in range(window.dashboard.touch_card.people.count())]
    assert "Mia Mentor · Due for a catch-up · 40 days (Tag “Mentor”)" in rows

    # A tier set in the editor wins over the tag.
    panel.tier.setCurrentIndex(panel.tier.findData("C"))
    panel.tier.activated.emit(panel.tier.currentIndex())
    assert _tree_index(window, mia.id).data() == "Mia Mentor"

    # Shown again, the page holds the tag; removing it and saving forgets it.
    dialog, page = _method_page(window)
    assert [(r.tag.text(), r.ideal.value(), r.maximum.value())
            for r in page.tiers.tag_rows] == [("Mentor", 30, 45)]
    qtbot.mouseClick(page.tiers.tag_rows[0].remove, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert tag_intervals() == {}
