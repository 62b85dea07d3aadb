"""Plan-an-interview wizard pages, interview window, debrief wizard, bank, profile, picker."""

from netdesk.core.interviews import interviews_awaiting_debrief, open_interviews
from netdesk.db.models import Person
from netdesk.ui.interviews.bank_dialog import BankDialog
from netdesk.ui.interviews.debrief_wizard import DebriefWizard
from netdesk.ui.interviews.interview_picker import InterviewPicker
from netdesk.ui.interviews.interview_window import InterviewWindow
from netdesk.ui.interviews.interview_wizard import InterviewWizard
from netdesk.ui.interviews.profile_dialog import ProfileDialog

PLAN_PAGES = ["whom", "research", "reach-out", "questions", "schedule"]
DEBRIEF_PAGES = ["evaluation", "advice", "suggested", "thank-you", "keep-in-touch"]


def _clean(wizard):
    """Mark the wizard unchanged, so the runner's close() does not ask to discard."""
    wizard._initial = wizard.plan() if hasattr(wizard, "plan") else wizard.debrief()
    return wizard


def _plan_at(window, page: int, person_id: int, offered: int = 30):
    wizard = InterviewWizard(person_id=person_id, parent=window)
    wizard.show()
    for index in range(page):
        if index == 3:
            wizard.questions.picker.suggest()
            wizard.questions.picker.offered.setValue(offered)
        wizard.next()
    if page == 3:
        wizard.questions.picker.suggest()
        wizard.questions.picker.offered.setValue(offered)
    if page == 4:
        wizard.schedule.agreed.setChecked(True)
    return _clean(wizard)


def _debrief_at(window, page: int, interview_id: int):
    from netdesk.core.debrief import SuggestedPerson

    wizard = DebriefWizard(interview_id, parent=window)
    wizard.evaluation.occupation.set_value(4)
    wizard.evaluation.organization.set_value(3)
    wizard.evaluation.keep_yes.setChecked(True)
    wizard.advice_page.advice.setPlainText("Take the GIS for public health course.")
    wizard.suggested.add_row(SuggestedPerson("Kim", "Tran", "City Health Office", "Analyst",
                                             "kim@example.org", "Works on the flu dashboard"))
    wizard.show()
    for _ in range(page):
        wizard.next()
    return _clean(wizard)


def shots(window):
    fatima = Person.get(Person.first_name == "Fatima").id
    for index, name in enumerate(PLAN_PAGES):
        yield f"interview-plan-{index + 1}-{name}", _plan_at(window, index, fatima)
    yield "interview-plan-4-questions-over-time", _plan_at(window, 3, fatima, offered=20)
    new = InterviewWizard(parent=window)
    new.whom.new.setChecked(True)
    yield "interview-plan-1-whom-new-person", _clean(new)

    upcoming = next(i for i in open_interviews() if i.scheduled_at is not None)
    run = InterviewWindow(upcoming.id)
    run.resize(760, 820)
    run.cards[0].notes.setPlainText("Started in a county lab; moved to epidemiology after a "
                                    "master's part-time.")
    run._pending = {}
    run.cards[0]._show_mark("asked")
    run.cards[1]._show_mark("skipped")
    run.clock = lambda: 1000.0 + 9 * 60
    run._elapsed_before = 0.0
    run._started_at = 1000.0
    run.update_timer()
    yield "interview-window", run
    run._pending = {}

    passed = interviews_awaiting_debrief()[0]
    for index, name in enumerate(DEBRIEF_PAGES):
        yield f"debrief-{index + 1}-{name}", _debrief_at(window, index, passed.id)

    bank = BankDialog(window)
    yield "question-bank", bank
    bank = BankDialog(window, tab="templates")
    yield "templates", bank
    yield "profile-and-pitch", ProfileDialog(window)
    yield "interview-picker", InterviewPicker("open", window)
