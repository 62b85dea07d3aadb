"""InterviewWizard: plan an informational interview — whom, research, reach out, questions, when.

Nothing is written until Finish (or "Save for later", or "Save and print"),
and then everything is written in one transaction, so Cancel on any page
leaves the database as it was. The pages live in :mod:`plan_pages`.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWizard

from netdesk.core.changes import Changes
from netdesk.core.checklists import parse_research_checklist
from netdesk.core.interviews import (
    InterviewPlan,
    PlannedQuestion,
    outreach_sent_on,
    questions_of,
    save_plan,
)
from netdesk.db.models import Interview
from netdesk.db.zones import as_instant, local_wall
from netdesk.ui.common.plain_messages import ask_yes
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.wizard import CommitWizard
from netdesk.ui.interviews.plan_pages import (
    QUESTIONS,
    REACH_OUT,
    RESEARCH,
    SCHEDULE,
    WHOM,
    QuestionsPage,
    ReachOutPage,
    ResearchPage,
    SchedulePage,
    WhomPage,
)
from netdesk.ui.method.method_settings import follow_up_rhythm

__all__ = ["InterviewWizard", "QUESTIONS", "REACH_OUT", "RESEARCH", "SCHEDULE", "WHOM"]


class InterviewWizard(CommitWizard):
    """Plan an informational interview; reopen one still in planning with ``interview_id``."""

    interview_saved = Signal(int)
    print_sheet_requested = Signal(int)
    """The user asked to print the question sheet of this (saved) interview."""

    discard_title = "Discard this plan?"
    discard_text = "Close the wizard without saving? Nothing you entered here will be kept."
    error_title = "Cannot save the plan"

    def __init__(self, interview_id: int | None = None, person_id: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.interview_id = interview_id
        interview = Interview.get_or_none(Interview.id == interview_id) if interview_id else None
        if interview_id and interview is None:
            raise ValueError(f"There is no interview {interview_id}.")
        self.setWindowTitle("Edit interview plan" if interview else "Plan an interview")
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "Save for &later")
        self.button(QWizard.WizardButton.CustomButton1).setToolTip(
            "Save what you have so far and close; reopen it to carry on")
        self.customButtonClicked.connect(self._custom_button)
        fit_to_screen(self, text_size(self, 130, 40))
        self.whom = WhomPage()
        self.research = ResearchPage()
        self.reach_out = ReachOutPage()
        self.questions = QuestionsPage()
        self.schedule = SchedulePage()
        self.set_pages((self.whom, self.research, self.reach_out, self.questions,
                        self.schedule))
        self.reach_out.profile_requested.connect(self.edit_profile)
        self.schedule.print_requested.connect(self.save_and_print)
        self.questions.picker.offered.valueChanged.connect(self._sync_duration)
        self.schedule.duration.valueChanged.connect(self._sync_duration)
        self.saved.connect(lambda _changes: self.interview_saved.emit(self.interview_id))
        if interview is not None:
            self._load(interview)
        elif person_id is not None:
            self.whom.picker.set_person(person_id)
        self.remember_state()

    # Loading -------------------------------------------------------------------------------

    def _load(self, interview: Interview) -> None:
        self.whom.picker.set_person(interview.person_id)
        if interview.career_field_id:
            self.whom.career_field.setCurrentText(interview.career_field.name)
            self.whom._auto_field = ""
        for key in parse_research_checklist(interview.research_checklist):
            self.research.checks[key].setChecked(True)
        if interview.outreach_message:
            self.reach_out.message.body.setPlainText(interview.outreach_message)
            self.reach_out._drafted_for = (interview.person_id, "", "",
                                           self.whom.career_field.currentText(), None)
        self.reach_out.set_previously_sent(outreach_sent_on(interview.id))
        self._show_questions(interview.id)
        self.schedule.duration.setValue(interview.duration_minutes)
        self.schedule.mode.setCurrentIndex(self.schedule.mode.findData(interview.mode))
        self.schedule.place.setText(interview.place)
        if interview.starts_at is not None:
            self.schedule.set_when(local_wall(interview.start), loaded=True)
            self.schedule.agreed.setChecked(True)

    def _show_questions(self, interview_id: int) -> None:
        self.questions.picker.set_questions([
            PlannedQuestion(q.text, q.category, q.minutes, q.question_id, q.id)
            for q in questions_of(interview_id)])

    def _sync_duration(self, value: int) -> None:
        for spin in (self.questions.picker.offered, self.schedule.duration):
            if spin.value() != value:
                spin.setValue(value)

    # The plan ------------------------------------------------------------------------------

    def plan(self) -> InterviewPlan:
        """What the pages hold now, as a plan (nothing is written)."""
        return InterviewPlan(
            person_id=self.whom.person_id(),
            new_person=self.whom.new_person(),
            career_field=self.whom.career_field.currentText().strip(),
            research_checklist=self.research.checked(),
            person_research_notes=self.research.person_research_notes(),
            organization_notes=self.research.organization_research_notes(),
            outreach_message=self.reach_out.message.body.toPlainText(),
            outreach_sent_on=self.reach_out.sent_date(),
            questions=self.questions.picker.questions(),
            scheduled_at=self.schedule.scheduled_at(),
            duration_minutes=self.schedule.duration.value(),
            mode=self.schedule.mode.currentData(),
            place=self.schedule.place.text(),
            follow_ups=follow_up_rhythm(),
        )

    state = plan

    def write(self, draft: bool = False) -> Changes:
        changes = save_plan(self.interview_id, self.plan(), draft=draft)
        self.interview_id = changes.id
        return changes

    def written(self, changes: Changes) -> None:
        """Show the plan as saved: outreach logged, questions with their rows, the person."""
        self.reach_out.sent.setChecked(False)
        self.reach_out.set_previously_sent(outreach_sent_on(self.interview_id))
        self._show_questions(self.interview_id)
        self.research._loaded_for = ()
        if self.whom.new.isChecked():
            self.whom.existing.setChecked(True)
            self.whom.picker.set_person(Interview.get_by_id(self.interview_id).person_id)

    def confirm_date(self) -> bool:
        """Ask before saving a date in the past; True to go on."""
        when = self.schedule.scheduled_at()
        if when is None or as_instant(when) >= datetime.datetime.now(datetime.UTC):
            return True
        if not ask_yes(
                self, "Date in the past",
                f"{when:%A %d %B %Y at %H:%M} is in the past.\n\n"
                "Keep this date (for an interview that already happened)?", default_no=True):
            self.schedule.when.setFocus()
            return False
        return True

    # Buttons -------------------------------------------------------------------------------

    def save_for_later(self) -> bool:
        if not self.whom.isComplete() or not self.whom.validatePage():
            self.restart()
            return False
        if not self.confirm_date():
            return False
        return self.save_and_close(draft=True)

    def save_and_print(self) -> bool:
        if not self.questions.validatePage() or not self.confirm_date():
            return False
        if not self.save():
            return False
        self.print_sheet_requested.emit(self.interview_id)
        return True

    def _custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.save_for_later()

    def edit_profile(self) -> None:
        from netdesk.ui.interviews.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self)
        dialog.profile_saved.connect(self.reach_out.refresh_pitch)
        dialog.open()
        self._profile_dialog = dialog
