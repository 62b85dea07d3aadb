import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.core.question_bank import ensure_default_questions
from netdesk.core.templates import ensure_default_templates
from netdesk.db.models import (
    ALL_MODELS,
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    Organization,
    Person,
    PersonCareerField,
    Profile,
    Referral,
)
from netdesk.ui.interviews.debrief_wizard import (
    ADVICE,
    EVALUATION,
    KEEP_IN_TOUCH,
    SUGGESTED,
    THANK_YOU,
)


@pytest.fixture(autouse=True)
def never_block(monkeypatch, discard_answer):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Discard
                        if box.icon() == QMessageBox.Icon.Question
                        else pytest.fail(f"unexpected warning: {box.text()}"))


@pytest.fixture
def interview_id(db):
    ensure_default_questions()
    ensure_default_templates()
    Profile.create(name="Jordan Avery")
    ana = Person.create(first_name="Ana", last_name="Ruiz", email="ana@example.org",
                        organization=Organization.create(name="Acme Health"))
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana.id, career_field="Public health", mode="video",
        scheduled_at=datetime.datetime(2026, 11, 25, 10, 0),
        questions=[PlannedQuestion("How did you start?", "career_path", 3)])).id
    Interview.update(notes="She mentioned the APA.").where(Interview.id == interview_id).execute()
    return interview_id


@pytest.fixture
def make_wizard(qtbot):
    from netdesk.ui.interviews.debrief_wizard import DebriefWizard

    def make(interview_id):
        wizard = DebriefWizard(interview_id)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def click(qtbot, wizard, which=QWizard.WizardButton.NextButton):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def type_cell(qtbot, table, row, column, text):
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def test_debrief_end_to_end(qtbot, interview_id, make_wizard, events):
    wizard = make_wizard(interview_id)
    assert wizard.currentId() == EVALUATION
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.evaluation.occupation.group.button(4).click()
    assert wizard.evaluation.occupation.word.text() == "Interested"
    wizard.evaluation.organization.group.button(2).click()
    wizard.evaluation.keep_yes.click()
    click(qtbot, wizard)

    assert wizard.currentId() == ADVICE
    assert "She mentioned the APA." in wizard.advice_page.notes.toPlainText()
    qtbot.keyClicks(wizard.advice_page.advice, "Join the APA student chapter.")
    qtbot.keyClicks(wizard.advice_page.action_plan, "Sign up this week.")
    click(qtbot, wizard)

    assert wizard.currentId() == SUGGESTED
    page = wizard.suggested
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, page.table, 0, 0, "Kim")
    type_cell(qtbot, page.table, 0, 1, "Tran")
    type_cell(qtbot, page.table, 0, 2, "City Office")
    type_cell(qtbot, page.table, 0, 4, "bad email")
    click(qtbot, wizard)
    assert wizard.currentId() == SUGGESTED
    assert "Row 1" in page.problem.text() and "not an email" in page.problem.text()
    type_cell(qtbot, page.table, 0, 4, "kim@example.org")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, page.table, 1, 1, "Osei")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # a blank row is ignored
    click(qtbot, wizard)

    assert wizard.currentId() == THANK_YOU
    page = wizard.thank_you
    body = page.message.body.toPlainText()
    assert "Dear Ana," in body and "Join the APA student chapter." in body
    assert "Wednesday 25 November" in body and "Jordan Avery" in body
    assert page.message.mailto().startswith("mailto:ana@example.org?subject=Thank%20you")
    page.sent.click()
    page.sent_on.setDate(QDate(2026, 11, 26))
    click(qtbot, wizard)

    assert wizard.currentId() == KEEP_IN_TOUCH
    page = wizard.keep_in_touch
    assert "Kim Tran, Osei" in page.summary.text()
    page.when.setDate(QDate(2027, 2, 26))
    qtbot.keyClicks(page.note, "Tell her how the chapter went.")
    with qtbot.waitSignal(events.changed):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()

    interview = Interview.get_by_id(interview_id)
    assert (interview.status, interview.interest_occupation, interview.interest_organization,
            interview.keep_exploring) == ("done", 4, 2, True)
    assert interview.advice == "Join the APA student chapter."
    assert interview.action_plan == "Sign up this week."
    assert interview.thank_you_sent == datetime.date(2026, 11, 26)
    kinds = {i.kind: i for i in Interaction.select().where(Interaction.interview == interview_id)}
    assert set(kinds) == {"interview", "thank_you"}
    assert kinds["thank_you"].occurred_on == datetime.date(2026, 11, 26)
    keep = FollowUp.get((FollowUp.interview == interview_id)
                        & (FollowUp.kind == "keep_in_touch"))
    assert (keep.due_on, keep.note, keep.status) == (
        datetime.date(2027, 2, 26), "Tell her how the chapter went.", "open")
    ana = interview.person
    referred = [r.referred for r in Referral.select().where(Referral.referrer == ana)
                .order_by(Referral.id)]
    assert [p.full_name for p in referred] == ["Kim Tran", "Osei"]
    assert (referred[0].email, referred[0].organization.name, referred[0].relationship) == (
        "kim@example.org", "City Office", "referral")
    field = CareerField.get(CareerField.name == "Public health")
    assert PersonCareerField.select().where((PersonCareerField.person == referred[1])
                                            & (PersonCareerField.career_field == field)).exists()
    assert sorted(wizard.added_people) == sorted(p.id for p in referred)
    assert Person.get_by_id(ana.id).stage == "thanked"


def test_debrief_without_thank_you_or_reminder(qtbot, interview_id, make_wizard):
    wizard = make_wizard(interview_id)
    wizard.evaluation.occupation.group.button(2).click()
    wizard.evaluation.keep_no.click()
    for _ in range(4):
        click(qtbot, wizard)
    assert wizard.currentId() == KEEP_IN_TOUCH
    assert "reminder to send the thank-you note" in wizard.keep_in_touch.summary.text()
    wizard.keep_in_touch.remind.click()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    interview = Interview.get_by_id(interview_id)
    assert interview.keep_exploring is False and interview.thank_you_sent is None
    follow_ups = [f.kind for f in FollowUp.select().where(FollowUp.interview == interview_id)
                  .where(FollowUp.status == "open")]
    assert follow_ups == ["thank_you"]


@pytest.mark.parametrize("page_id", [EVALUATION, ADVICE, SUGGESTED, THANK_YOU, KEEP_IN_TOUCH])
def test_cancel_writes_nothing(qtbot, interview_id, make_wizard, page_id):
    before = {model.__name__: list(model.select().dicts()) for model in ALL_MODELS}
    wizard = make_wizard(interview_id)
    wizard.evaluation.occupation.group.button(5).click()
    for _ in range(page_id):
        if wizard.currentId() == SUGGESTED:
            wizard.suggested.add_row()
            type_cell(qtbot, wizard.suggested.table, 0, 0, "Kim")
        click(qtbot, wizard)
    assert wizard.currentId() == page_id
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible()
    after = {model.__name__: list(model.select().dicts()) for model in ALL_MODELS}
    assert after == before


def test_reopened_debrief_shows_what_was_saved(qtbot, interview_id, make_wizard):
    from netdesk.core.debrief import Debrief, record_debrief

    record_debrief(interview_id, Debrief(interest_occupation=3, interest_organization=5,
                                         keep_exploring=True, advice="Read the report.",
                                         thank_you_sent_on=datetime.date(2026, 11, 26)))
    wizard = make_wizard(interview_id)
    assert wizard.evaluation.occupation.value() == 3
    assert wizard.evaluation.organization.value() == 5
    assert wizard.evaluation.keep_yes.isChecked()
    assert wizard.advice_page.advice.toPlainText() == "Read the report."
    assert wizard.thank_you.sent.isChecked()
    assert wizard.debrief().thank_you_sent_on is None  # not logged twice
