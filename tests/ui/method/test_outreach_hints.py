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
