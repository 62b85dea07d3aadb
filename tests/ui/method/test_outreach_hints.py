"""The outreach checker: turned on in Preferences → Method, live on the reach-out page."""

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from netdesk.ui.interviews.interview_wizard import REACH_OUT
from netdesk.ui.method.method_settings import ENABLED_KEY, method_enabled
from tests.ui.interviews.test_interview_wizard import choose_person, click_next, network  # noqa: F401


@pytest.fixture(autouse=True)
def method_off():
    QSettings().remove(ENABLED_KEY)
    yield
    QSettings().remove(ENABLED_KEY)


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Discard)




def _open_preferences(qtbot, window):
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog

    window.habit.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _reach_out(qtbot, window):
    from netdesk.ui.interviews.interview_wizard import InterviewWizard

    wizard = InterviewWizard(parent=window)
    qtbot.addWidget(wizard)
    wizard.show()
    choose_person(qtbot, wizard, "ruiz")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.currentId() == REACH_OUT
    return wizard.reach_out


def test_the_checker_is_off_until_the_method_is_turned_on(qtbot, network, window):  # noqa: F811
    page = _reach_out(qtbot, window)
    assert not page.hints.isVisibleTo(page)
    page.wizard().reject()

    dialog = _open_preferences(qtbot, window)
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "&Method"
    page_widget = dialog.tabs.currentWidget()
    qtbot.waitUntil(page_widget.enabled.isVisible)
    box = page_widget.enabled
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert method_enabled()

    page = _reach_out(qtbot, window)
    assert page.hints.isVisibleTo(page)
    drafted = page.hints.to_improve()
    assert "End with a question" not in drafted  # the template asks to meet

    page.message.body.clear()
    qtbot.keyClicks(page.message.body, "I am looking for a job and I saw you are hiring. "
                                       "Send me any openings.")
    improve = page.hints.to_improve()
    assert any(h.startswith("Sounds like a job request: “job”, “hiring”, “openings”")
               for h in improve)
    assert "End with a question" in improve
    row = page.hints.rows["insight"]
    assert row.text().startswith("!") and "vouch for you" in row.text()
    assert row.accessibleName().startswith("To improve: ")

    page.message.body.clear()
    qtbot.keyClicks(page.message.body, "Sam Lee suggested I write to you. Could you tell me "
                                       "how you moved into epidemiology?")
    assert page.hints.to_improve() == []
    assert page.hints.rows["question"].text().startswith("✓")


def test_3b7_sets_two_checks_around_days_off_and_a_reply_closes_both(
        qtbot, network, window):  # noqa: F811
    import datetime

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QWizard

    from netdesk.core.timeline import log
    from netdesk.db.models import FollowUp

    dialog = _open_preferences(qtbot, window)
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    method = dialog.tabs.currentWidget()
    qtbot.waitUntil(method.enabled.isVisible)
    box = method.enabled
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.keyClicks(method.days_off, "2026-12-25, Boxing day")
    assert "“Boxing day” is not a date" in method.days_off_problem.text()
    method.days_off.clear()
    qtbot.keyClicks(method.days_off, "2026-12-25")
    assert method.days_off_problem.isHidden()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)

    page = _reach_out(qtbot, window)
    page.sent.click()
    page.sent_on.setDate(QDate(2026, 12, 22))  # a Tuesday
    assert ("Due Monday 28 December 2026: No reply from Ana Ruiz yet? Write today to a "
            "second person at Acme Health (3B7).") in page.reply_note.text()
    assert "Due Friday 1 January 2027: Still no reply?" in page.reply_note.text()
    wizard = page.wizard()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1),
                     Qt.MouseButton.LeftButton)

    checks = list(FollowUp.select().order_by(FollowUp.due_on))
    assert [(c.kind, c.due_on, c.status) for c in checks] == [
        ("reply_check", datetime.date(2026, 12, 28), "open"),  # 25 Dec is a day off
        ("reply_check", datetime.date(2027, 1, 1), "open")]
    assert "second person at Acme Health" in checks[0].note
    assert "one short, friendly follow-up" in checks[1].note

    log(network["ana"], "reply", datetime.date(2026, 12, 23), "Happy to talk",
        datetime.date(2026, 12, 23))
    assert {c.status for c in FollowUp.select()} == {"done"}
