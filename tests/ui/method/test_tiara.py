"""TIARA: in the method mode the plan wizard suggests Trends, Insights, Advice, Resources and
Assignments in that order, and the sheet prints them so with the prepared answers."""

import pytest
from PySide6.QtCore import QSettings, Qt

from netdesk.core.interview_plan import TIARA_ORDER
from netdesk.core.sheet import interview_sheet
from netdesk.db.models import Interview, InterviewQuestion, Profile
from netdesk.ui.interviews.interview_wizard import QUESTIONS
from netdesk.ui.method.method_settings import ENABLED_KEY
from tests.ui.interviews.test_interview_wizard import (  # noqa: F401
    click_next,
    make_wizard,
    network,
)
from tests.ui.method.test_outreach_hints import discard_on_close  # noqa: F401


@pytest.fixture
def method_on():
    QSettings().setValue(ENABLED_KEY, True)
    yield
    QSettings().remove(ENABLED_KEY)


def test_tiara_set_in_order_with_prepared_answers_on_the_sheet(
        qtbot, network, method_on, make_wizard):  # noqa: F811
    wizard = make_wizard(person_id=network["ana"])
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.mouseClick(wizard.reach_out.edit_profile, Qt.MouseButton.LeftButton)
    profile = wizard._profile_dialog
    qtbot.keyClicks(profile.answers["answer_about_me"], "Geographer turned health analyst.")
    qtbot.keyClicks(profile.answers["answer_why_field"], "Maps <b>save</b> lives.")
    profile.save()
    assert Profile.get().answer_why_field == "Maps <b>save</b> lives."
    click_next(qtbot, wizard)
    assert wizard.currentId() == QUESTIONS

    picker = wizard.questions.picker
    assert picker.tiara_button.isVisibleTo(wizard)
    qtbot.mouseClick(picker.tiara_button, Qt.MouseButton.LeftButton)
    steps = [q.category for q in picker.questions()]
    assert list(dict.fromkeys(steps)) == list(TIARA_ORDER)
    assert steps == sorted(steps, key=TIARA_ORDER.index)
    qtbot.mouseClick(wizard.button(wizard.WizardButton.CustomButton1),
                     Qt.MouseButton.LeftButton)  # Save for later

    interview = Interview.get()
    rows = InterviewQuestion.select().where(InterviewQuestion.interview == interview)\
        .order_by(InterviewQuestion.position)
    assert [r.category for r in rows] == steps
    sheet = interview_sheet(interview.id)
    html = sheet.html
    headings = [html.index(f">{label}<") for label in
                ("Trends", "Insights", "Advice", "Resources", "Assignments")]
    assert headings == sorted(headings)
    assert "READY TO ANSWER" in html and "Geographer turned health analyst." in html
    assert "Maps &lt;b&gt;save&lt;/b&gt; lives." in html
    assert "Why this organization?" not in html  # only the answers prepared


def test_the_tiara_button_waits_for_the_method(qtbot, network, make_wizard):  # noqa: F811
    QSettings().remove(ENABLED_KEY)
    wizard = make_wizard(person_id=network["ana"])
    assert not wizard.questions.picker.tiara_button.isVisibleTo(wizard)
