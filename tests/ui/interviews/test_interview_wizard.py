import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from netdesk.core.question_bank import ensure_default_questions
from netdesk.core.templates import ensure_default_templates
from netdesk.db.models import (
    ALL_MODELS,
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    Profile,
    Question,
    Referral,
)
from netdesk.ui.interviews.interview_wizard import QUESTIONS, REACH_OUT, RESEARCH, SCHEDULE, WHOM

Yes = QMessageBox.StandardButton.Yes


@pytest.fixture
def network(db):
    ensure_default_questions()
    ensure_default_templates()
    Profile.create(name="Jordan Avery", degree="BA Geography", school="Riverton University",
                   email="jordan@example.org", pitch="I'm Jordan, exploring public health.")
    acme = Organization.create(name="Acme Health", website="https://acme.example",
                               culture_notes="Small teams.")
    sam = Person.create(first_name="Sam", last_name="Lee")
    ana = Person.create(first_name="Ana", last_name="Ruiz", job_title="Epidemiologist",
                        organization=acme, email="ana@example.org",
                        linkedin_url="https://www.linkedin.com/in/ana")
    Referral.create(referrer=sam, referred=ana)
    CareerField.create(name="Public health")
    return {"sam": sam.id, "ana": ana.id}


@pytest.fixture(autouse=True)
def never_block(monkeypatch, discard_answer):
    """Closing a wizard with changes asks first; tests that do not care discard."""
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Discard
                        if box.icon() == QMessageBox.Icon.Question
                        else pytest.fail(f"unexpected warning: {box.text()}"))


def snapshot():
    return {model.__name__: list(model.select().dicts()) for model in ALL_MODELS}


@pytest.fixture
def make_wizard(qtbot):
    from netdesk.ui.interviews.interview_wizard import InterviewWizard

    def make(**kwargs):
        wizard = InterviewWizard(**kwargs)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def click_next(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def choose_person(qtbot, wizard, text):
    page = wizard.whom
    qtbot.keyClicks(page.picker.filter, text)
    qtbot.waitUntil(lambda: page.picker.list.count() == 1
                    and page.picker.list.item(0).data(Qt.ItemDataRole.UserRole) is not None)
    rect = page.picker.list.visualItemRect(page.picker.list.item(0))
    qtbot.mouseClick(page.picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_plan_end_to_end(qtbot, network, make_wizard, monkeypatch, events):
    wizard = make_wizard()
    assert wizard.currentId() == WHOM
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose_person(qtbot, wizard, "ruiz")
    assert wizard.whom.career_field.currentText() == ""
    assert "referred by Sam Lee" in wizard.whom.summary.text()
    qtbot.keyClicks(wizard.whom.career_field.lineEdit(), "Public health")
    click_next(qtbot, wizard)

    assert wizard.currentId() == RESEARCH
    page = wizard.research
    assert page.organization_notes.toPlainText() == "Small teams."
    assert page.linkedin_button.isEnabled() and page.website_button.isEnabled()
    qtbot.keyClicks(page.person_notes, "Led the flu campaign.")
    page.checks["bio"].click()
    page.checks["why_them"].click()
    click_next(qtbot, wizard)

    assert wizard.currentId() == REACH_OUT
    page = wizard.reach_out
    body = page.message.body.toPlainText()
    assert "Dear Ana," in body and "Sam Lee mentioned" in body
    assert "Jordan Avery" in body and "work in public health" in body
    assert page.message.subject.text() == "Sam Lee suggested I get in touch"
    assert page.message.mailto().startswith("mailto:ana@example.org?subject=Sam%20Lee")
    assert "exploring public health" in page.pitch.text()
    qtbot.mouseClick(page.message.copy_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text().startswith("Subject: Sam Lee suggested")
    page.sent.click()
    page.sent_on.setDate(QDate(2026, 11, 27))
    assert "2 December 2026" in page.reply_note.text()
    click_next(qtbot, wizard)

    assert wizard.currentId() == QUESTIONS
    picker = wizard.questions.picker
    click_next(qtbot, wizard)  # an empty list is refused
    assert wizard.currentId() == QUESTIONS
    assert "at least one question" in wizard.questions.problem.text()
    qtbot.mouseClick(picker.suggest_button, Qt.MouseButton.LeftButton)
    suggested = [q.text for q in picker.questions()]
    assert len(suggested) >= 4
    assert not picker.budget_state().over
    picker.chosen.setCurrentItem(picker.chosen.topLevelItem(1))
    qtbot.mouseClick(picker.up_button, Qt.MouseButton.LeftButton)
    suggested[0], suggested[1] = suggested[1], suggested[0]
    qtbot.keyClicks(picker.new_text, "What would you do differently?")
    qtbot.keyClick(picker.new_text, Qt.Key.Key_Return)
    suggested.append("What would you do differently?")
    assert [q.text for q in picker.questions()] == suggested
    click_next(qtbot, wizard)

    assert wizard.currentId() == SCHEDULE
    page = wizard.schedule
    assert page.duration.value() == 30
    page.agreed.click()
    when = datetime.datetime.now().replace(second=0, microsecond=0) + datetime.timedelta(days=3)
    page.set_when(when)
    page.mode.setCurrentIndex(page.mode.findData("phone"))
    assert "Charge the phone" in page.checklist_text.text()
    qtbot.keyClicks(page.place, "+1 555 0100")
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()

    interview = Interview.get()
    assert interview.person_id == network["ana"]
    assert interview.career_field.name == "Public health"
    assert (interview.status, interview.mode, interview.place, interview.duration_minutes) == (
        "scheduled", "phone", "+1 555 0100", 30)
    assert interview.scheduled_at == when
    assert interview.research_checklist == "bio,why_them"
    assert interview.outreach_message == body
    rows = list(InterviewQuestion.select().where(InterviewQuestion.interview == interview)
                .order_by(InterviewQuestion.position))
    assert [r.text for r in rows] == suggested
    assert [r.position for r in rows] == list(range(len(suggested)))
    assert Question.get(Question.text == "What would you do differently?").category == "own"
    sent = Interaction.get(Interaction.interview == interview)
    assert (sent.kind, sent.occurred_on) == ("message_sent", datetime.date(2026, 11, 27))
    reply_check = FollowUp.get(FollowUp.interview == interview)
    assert reply_check.kind == "reply_check" and reply_check.due_on == datetime.date(2026, 12, 2)
    assert reply_check.status == "done"  # a date is agreed, so the reply came
    ana = Person.get_by_id(network["ana"])
    assert ana.research_notes == "Led the flu campaign."
    assert ana.stage == "meeting_set"


@pytest.mark.parametrize("page_id", [WHOM, RESEARCH, REACH_OUT, QUESTIONS, SCHEDULE])
def test_cancel_at_any_page_writes_nothing(qtbot, network, make_wizard, discard_answer,
                                           page_id):
    before = snapshot()
    wizard = make_wizard(person_id=network["ana"])
    for _ in range(page_id):
        if wizard.currentId() == RESEARCH:
            qtbot.keyClicks(wizard.research.person_notes, "typed")
        if wizard.currentId() == REACH_OUT:
            wizard.reach_out.sent.click()
        if wizard.currentId() == QUESTIONS:
            wizard.questions.picker.suggest()
        click_next(qtbot, wizard)
    assert wizard.currentId() == page_id
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    assert snapshot() == before
    assert discard_answer.asked == (["Discard this plan?"] if page_id > RESEARCH else [])


def test_cancel_can_be_taken_back(qtbot, network, make_wizard, discard_answer):
    discard_answer.value = False
    wizard = make_wizard(person_id=network["ana"])
    click_next(qtbot, wizard)
    qtbot.keyClicks(wizard.research.person_notes, "typed")
    wizard.reject()
    assert wizard.isVisible()
    assert discard_answer.asked == ["Discard this plan?"]
    discard_answer.value = True  # close it now: a wizard asking while it is torn down crashes
    wizard.reject()
    assert not wizard.isVisible()


def test_new_person_with_referrer_and_save_for_later(qtbot, network, make_wizard, events):
    wizard = make_wizard()
    wizard.whom.new.click()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.whom.first_name, "Kim")
    qtbot.keyClicks(wizard.whom.last_name, "Tran")
    qtbot.keyClicks(wizard.whom.email, "not an email")
    qtbot.keyClicks(wizard.whom.organization, "City Office")
    qtbot.keyClicks(wizard.whom.referrer.filter, "Sam")
    qtbot.waitUntil(lambda: wizard.whom.referrer.list.count() == 2)  # nobody, Sam
    assert wizard.whom.referrer.person_id() is None
    wizard.whom.referrer.list.setCurrentRow(1)
    click_next(qtbot, wizard)
    assert wizard.currentId() == WHOM
    assert "not an email" in wizard.whom.problem.text()
    wizard.whom.email.clear()
    qtbot.keyClicks(wizard.whom.email, "kim@example.org")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.currentId() == REACH_OUT
    body = wizard.reach_out.message.body.toPlainText()
    assert "Dear Kim," in body and "Sam Lee mentioned" in body
    assert "City Office" in body
    assert wizard.reach_out.message.recipient == "kim@example.org"
    with qtbot.waitSignal(events.changed):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1),
                         Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    kim = Person.get(Person.first_name == "Kim")
    assert (kim.organization.name, kim.relationship, kim.email) == (
        "City Office", "referral", "kim@example.org")
    assert Referral.get(Referral.referred == kim).referrer_id == network["sam"]
    interview = Interview.get(Interview.person == kim)
    assert interview.status == "planning"
    assert "Dear Kim," in interview.outreach_message
    assert InterviewQuestion.select().count() == 0


def test_reopen_a_plan_and_finish_it(qtbot, network, make_wizard, monkeypatch):
    from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan

    interview_id = save_plan(None, InterviewPlan(
        person_id=network["ana"], career_field="Public health", research_checklist={"bio"},
        outreach_message="Dear Ana, hello.", outreach_sent_on=datetime.date(2026, 11, 20),
        questions=[PlannedQuestion("First?", "career_path", 3),
                   PlannedQuestion("Second?", "advice", 2)], mode="in_person")).id
    InterviewQuestion.update(notes="kept").where(InterviewQuestion.text == "Second?").execute()
    wizard = make_wizard(interview_id=interview_id)
    assert wizard.windowTitle() == "Edit interview plan"
    assert not wizard.is_dirty()
    assert wizard.whom.picker.person_id() == network["ana"]
    assert wizard.research.checks["bio"].isChecked()
    assert wizard.reach_out.message.body.toPlainText() == "Dear Ana, hello."
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.reach_out.message.body.toPlainText() == "Dear Ana, hello."  # not redrafted
    assert "Logged as sent on Friday 20 November" in wizard.reach_out.reply_note.text()
    click_next(qtbot, wizard)
    picker = wizard.questions.picker
    assert [q.text for q in picker.questions()] == ["First?", "Second?"]
    picker.chosen.setCurrentItem(picker.chosen.topLevelItem(0))
    qtbot.mouseClick(picker.remove_button, Qt.MouseButton.LeftButton)
    click_next(qtbot, wizard)
    # A date in the past asks first; "No" keeps the wizard open.
    answers = iter([QMessageBox.StandardButton.No, Yes])
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", lambda box: next(answers))
    wizard.schedule.agreed.click()
    wizard.schedule.set_when(datetime.datetime(2026, 1, 5, 9, 0))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible()
    assert Interview.get_by_id(interview_id).scheduled_at is None
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    interview = Interview.get_by_id(interview_id)
    assert interview.scheduled_at == datetime.datetime(2026, 1, 5, 9, 0)
    rows = list(InterviewQuestion.select().where(InterviewQuestion.interview == interview_id))
    assert [(r.text, r.notes, r.position) for r in rows] == [("Second?", "kept", 0)]
    assert Interview.select().count() == 1
    assert Interaction.select().count() == 1


def test_save_and_print_emits_the_interview_id(qtbot, network, make_wizard):
    wizard = make_wizard(person_id=network["ana"])
    for _ in range(3):
        click_next(qtbot, wizard)
    wizard.questions.picker.suggest()
    click_next(qtbot, wizard)
    with qtbot.waitSignal(wizard.print_sheet_requested) as blocker:
        qtbot.mouseClick(wizard.schedule.print_button, Qt.MouseButton.LeftButton)
    interview_id = blocker.args[0]
    assert Interview.get_by_id(interview_id).person_id == network["ana"]
    assert wizard.isVisible() and not wizard.is_dirty()
    wizard.schedule.mode.setCurrentIndex(wizard.schedule.mode.findData("in_person"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert Interview.select().count() == 1
    assert Interview.get_by_id(interview_id).mode == "in_person"
    assert InterviewQuestion.select().count() == len(wizard.questions.picker.questions())


def test_pitch_can_be_edited_from_reach_out(qtbot, network, make_wizard):
    wizard = make_wizard(person_id=network["ana"])
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.mouseClick(wizard.reach_out.edit_profile, Qt.MouseButton.LeftButton)
    dialog = wizard._profile_dialog
    dialog.pitch.setPlainText("A brand new pitch.")
    dialog.save()
    assert wizard.reach_out.pitch.text() == "A brand new pitch."
    qtbot.mouseClick(wizard.reach_out.insert_pitch, Qt.MouseButton.LeftButton)
    assert "A brand new pitch." in wizard.reach_out.message.body.toPlainText()


def test_unknown_interview(qtbot, network):
    from netdesk.ui.interviews.interview_wizard import InterviewWizard

    with pytest.raises(ValueError):
        InterviewWizard(interview_id=999)


def test_questions_can_be_adjusted_for_this_interview(qtbot, network):
    from netdesk.ui.interviews.question_picker import QuestionPicker

    picker = QuestionPicker()
    qtbot.addWidget(picker)
    picker.show()
    item = picker.bank_items()[0]
    picker.add_from_bank([item])
    assert picker.bank_items()[0].isDisabled()  # already chosen: greyed out
    assert picker.add_from_bank([item]) == 0  # never twice
    chosen = picker.chosen.topLevelItem(0)
    chosen.setText(2, "7")
    assert picker.questions()[0].minutes == 7
    assert picker.budget_state().total == 7
    chosen.setText(2, "lots")
    assert chosen.text(2) == "7"
    chosen.setText(1, "My own wording?")
    chosen.setText(1, "   ")
    assert picker.questions()[0].text == "My own wording?"
    qtbot.keyClicks(picker.filter, "zzzz")
    assert all(i.isHidden() for i in picker.bank_items())


def test_editing_a_question_in_place_counts_as_a_change(qtbot, network, make_wizard):
    from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan

    interview_id = save_plan(None, InterviewPlan(
        person_id=network["ana"], questions=[PlannedQuestion("First?", "career_path", 3)])).id
    wizard = make_wizard(interview_id=interview_id)
    assert not wizard.is_dirty()
    wizard.questions.picker.chosen.topLevelItem(0).setText(2, "6")
    assert wizard.is_dirty()
    wizard.save()
    assert InterviewQuestion.get().minutes == 6


def _planned(network, when):
    from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan

    return save_plan(None, InterviewPlan(person_id=network["ana"], scheduled_at=when,
                                         questions=[PlannedQuestion("First?")])).id


def test_a_time_that_does_not_exist_is_named_as_it_is_entered_and_refused(
        qtbot, network, make_wizard, monkeypatch):
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")
    interview_id = _planned(network, datetime.datetime(2026, 3, 20, 10, 0))
    warnings = []
    monkeypatch.setattr("netdesk.ui.common.wizard.warn",
                        lambda _parent, _title, text, *_: warnings.append(text))
    wizard = make_wizard(interview_id=interview_id)
    page = wizard.schedule
    assert page.when_note.isHidden()
    page.set_when(datetime.datetime(2026, 3, 29, 2, 30))
    assert not page.when_note.isHidden()
    assert "does not exist in Europe/Berlin" in page.when_note.text()
    assert "Choose 03:30" in page.when_note.text()
    assert not wizard.save()
    assert warnings and "Schedule: 02:30 on Sun 29 Mar 2026 does not exist" in warnings[0]
    assert Interview.get_by_id(interview_id).scheduled_at == datetime.datetime(2026, 3, 20, 10)
    page.set_when(datetime.datetime(2026, 10, 25, 2, 30))
    assert "happens twice" in page.when_note.text() and "02:30 CEST" in page.when_note.text()
    assert wizard.save()
    assert Interview.get_by_id(interview_id).starts_at == datetime.datetime(
        2026, 10, 25, 0, 30, tzinfo=datetime.UTC)
    page.set_when(datetime.datetime(2026, 10, 26, 9, 0))
    assert page.when_note.isHidden()


def test_a_plan_reopened_in_another_zone_shows_local_time_and_keeps_the_moment(
        qtbot, network, make_wizard, monkeypatch):
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")
    interview_id = _planned(network, datetime.datetime(2026, 12, 2, 15, 0))
    second = _planned(network, datetime.datetime(2026, 10, 25, 2, 30, fold=1))
    monkeypatch.setenv("NETDESK_TZ", "America/New_York")
    wizard = make_wizard(interview_id=interview_id)
    assert wizard.schedule.wall_time() == datetime.datetime(2026, 12, 2, 9, 0)
    assert not wizard.is_dirty()
    assert wizard.save()
    interview = Interview.get_by_id(interview_id)
    assert interview.starts_at == datetime.datetime(2026, 12, 2, 14, 0, tzinfo=datetime.UTC)
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")
    wizard = make_wizard(interview_id=second)  # the second 02:30 stays the second
    assert "second time" in wizard.schedule.when_note.text()
    assert wizard.save()
    assert Interview.get_by_id(second).starts_at == datetime.datetime(
        2026, 10, 25, 1, 30, tzinfo=datetime.UTC)
