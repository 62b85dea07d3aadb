"""DebriefWizard: after an interview — evaluate it, record advice, add the people they
suggested, thank them, and decide when to keep in touch. Written in one go on Finish."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from netdesk.core.changes import Changes
from netdesk.core.debrief import (
    Debrief,
    SuggestedPerson,
    default_keep_in_touch,
    record_debrief,
    validate_debrief,
)
from netdesk.core.interviews import PlanError, describe, questions_of
from netdesk.core.templates import context, format_date
from netdesk.db.models import Interview
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, scroll_body, text_size
from netdesk.ui.common.wizard import CommitWizard, SentOnRow
from netdesk.ui.common.wording import date_field_format
from netdesk.ui.interviews.message_editor import MessageEditor

EVALUATION, ADVICE, SUGGESTED, THANK_YOU, KEEP_IN_TOUCH = range(5)
RATING_WORDS = {1: "Not for me", 2: "Doubtful", 3: "Unsure", 4: "Interested",
                5: "Very interested"}
SUGGESTED_COLUMNS = [("first_name", "First name"), ("last_name", "Last name"),
                     ("organization", "Organization"), ("job_title", "Job title"),
                     ("email", "Email"), ("note", "Note")]


class RatingRow(QWidget):
    """Five radio buttons, 1 to 5, with a word for the chosen one."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value in range(1, 6):
            button = QRadioButton(str(value))
            button.setAccessibleName(f"{name}: {value} of 5, {RATING_WORDS[value]}")
            button.setToolTip(RATING_WORDS[value])
            self.group.addButton(button, value)
            layout.addWidget(button)
        self.word = plain_label("")
        self.word.setMinimumWidth(110)
        layout.addWidget(self.word)
        layout.addStretch(1)
        self.group.idToggled.connect(lambda _id, _on: self.word.setText(
            RATING_WORDS.get(self.value(), "") if self.value() else ""))

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int | None) -> None:
        if value in RATING_WORDS:
            self.group.button(value).setChecked(True)


class EvaluationPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("How do you feel now?")
        self.setSubTitle("Right after the conversation is the best time to be honest with "
                         "yourself.")
        self.occupation = RatingRow("Interest in this occupation")
        self.organization = RatingRow("Interest in this organization")
        self.keep_yes = QRadioButton("&Yes")
        self.keep_unsure = QRadioButton("Not &sure yet")
        self.keep_no = QRadioButton("N&o")
        self.keep = QButtonGroup(self)
        for button in (self.keep_yes, self.keep_unsure, self.keep_no):
            self.keep.addButton(button)
        keep_row = QHBoxLayout()
        for button in (self.keep_yes, self.keep_unsure, self.keep_no):
            keep_row.addWidget(button)
        keep_row.addStretch(1)
        self.problem = problem_label()
        self.about = note_label("")
        form = QFormLayout()
        occupation_label = QLabel("My interest in this o&ccupation")
        occupation_label.setBuddy(self.occupation.group.button(1))
        organization_label = QLabel("My interest in this o&rganization")
        organization_label.setBuddy(self.organization.group.button(1))
        form.addRow(occupation_label, self.occupation)
        form.addRow(organization_label, self.organization)
        form.addRow("Keep exploring this path?", keep_row)
        scale = note_label("1 = not for me · 3 = unsure · 5 = very interested. Only the occupation "
                      "is needed; skip the organization if it does not apply.")
        scale.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.occupation.group.idToggled.connect(lambda *_: self.completeChanged.emit())
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addWidget(self.about)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(scale)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        wizard: DebriefWizard = self.wizard()
        self.about.setText(f"Interview: {describe(wizard.interview)}")

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.occupation.value() is not None

    def keep_exploring(self) -> bool | None:
        if self.keep_yes.isChecked():
            return True
        if self.keep_no.isChecked():
            return False
        return None


class AdvicePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Advice and what you will do about it")
        self.setSubTitle("Write down the advice while it is fresh, and the first step you "
                         "will take. Telling them later how it went is the best follow-up.")
        self.advice = QPlainTextEdit()
        self.advice.setAccessibleName("Advice received")
        self.advice.setTabChangesFocus(True)
        self.advice.setPlaceholderText("e.g. Take the GIS for public health course; join the "
                                       "regional association's student night.")
        self.action_plan = QPlainTextEdit()
        self.action_plan.setAccessibleName("What I will do")
        self.action_plan.setTabChangesFocus(True)
        self.action_plan.setPlaceholderText("e.g. Enrol before 15 January; go to the March "
                                            "meeting and introduce myself.")
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName("My notes from the interview")
        form = QVBoxLayout()
        advice_label = QLabel("&Advice they gave")
        advice_label.setBuddy(self.advice)
        plan_label = QLabel("What I &will do about it")
        plan_label.setBuddy(self.action_plan)
        form.addWidget(advice_label)
        form.addWidget(self.advice, 1)
        form.addWidget(plan_label)
        form.addWidget(self.action_plan, 1)
        notes_box = QGroupBox("My notes from the interview")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes)
        layout = QHBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addLayout(form, 1)
        layout.addWidget(notes_box, 1)


class SuggestedPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("People they suggested")
        self.setSubTitle("Each one is added to your network, referred by your interviewee, "
                         "ready for you to contact.")
        self.table = QTableWidget(0, len(SUGGESTED_COLUMNS))
        self.table.setAccessibleName("People they suggested")
        self.table.setHorizontalHeaderLabels([label for _key, label in SUGGESTED_COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button = QPushButton("&Add a person")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_row)
        self.problem = problem_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.empty = note_label("Nobody yet. Did you ask “Who else should I talk to?” — if they "
                           "named someone, add them here.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

    def add_row(self, values: SuggestedPerson | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, (key, _label) in enumerate(SUGGESTED_COLUMNS):
            self.table.setItem(row, column, QTableWidgetItem(
                getattr(values, key) if isinstance(values, SuggestedPerson) else ""))
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.empty.setVisible(False)
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
        self.empty.setVisible(self.table.rowCount() == 0)

    def people(self) -> list[SuggestedPerson]:
        people = []
        for row in range(self.table.rowCount()):
            values = {key: (self.table.item(row, column).text()
                            if self.table.item(row, column) else "")
                      for column, (key, _label) in enumerate(SUGGESTED_COLUMNS)}
            people.append(SuggestedPerson(**values))
        return people

    def validatePage(self) -> bool:  # noqa: N802
        self.table.setCurrentCell(-1, -1)  # commit the cell being edited
        try:
            validate_debrief(Debrief(suggested=self.people()))
        except PlanError as error:
            self.problem.setText(str(error).replace("People they suggested, ", "").capitalize())
            return False
        self.problem.setText("")
        return True


class ThankYouPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Thank you")
        self.setSubTitle("Send a thank-you note within a day. Mention something specific you "
                         "learned.")
        self.message = MessageEditor("thank_you", self._values)
        self.sent_row = SentOnRow("I have &sent it")
        self.sent, self.sent_on = self.sent_row.sent, self.sent_row.sent_on
        self.reminder = note_label("")
        self.sent.toggled.connect(self._update_reminder)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addWidget(self.message, 1)
        layout.addWidget(self.sent_row)
        layout.addWidget(self.reminder)
        self._drafted_advice: str | None = None
        self._update_reminder()

    def _values(self) -> dict[str, str]:
        wizard: DebriefWizard = self.wizard()
        return context(interview_id=wizard.interview_id,
                       advice=wizard.advice_page.advice.toPlainText().strip())

    def initializePage(self) -> None:  # noqa: N802
        wizard: DebriefWizard = self.wizard()
        self.message.set_recipient(wizard.interview.person.email)
        advice = wizard.advice_page.advice.toPlainText()
        if self._drafted_advice != advice:
            self.message.redraft()
            self._drafted_advice = advice

    def _update_reminder(self) -> None:
        self.reminder.setText("" if self.sent.isChecked() else
                              "Not sent yet: a reminder to thank them will be set for tomorrow.")

    def sent_date(self) -> datetime.date | None:
        return self.sent_row.sent_date()


class KeepInTouchPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Keep in touch")
        self.setSubTitle("Tell them later how their advice helped, and how your exploration is "
                         "going. When should netdesk remind you?")
        self.remind = QCheckBox("&Remind me to keep in touch on")
        self.remind.setChecked(True)
        self.when = QDateEdit(QDate(default_keep_in_touch()))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(date_field_format(weekday=True))
        self.when.setAccessibleName("Keep in touch on")
        self.remind.toggled.connect(self.when.setEnabled)
        self.note = QLineEdit()
        self.note.setAccessibleName("What to tell them")
        self.note.setPlaceholderText("e.g. Tell her how the GIS course went")
        self.quick = QHBoxLayout()
        for label, days in (("In a month", 30), ("In 3 months", 90), ("In 6 months", 182)):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, d=days: self.when.setDate(
                QDate.currentDate().addDays(d)))
            self.quick.addWidget(button)
        self.quick.addStretch(1)
        self.summary = note_label("")
        grid = QGridLayout()
        grid.addWidget(self.remind, 0, 0)
        grid.addWidget(self.when, 0, 1)
        grid.addLayout(self.quick, 1, 1)
        what_label = QLabel("&What to tell them")
        what_label.setBuddy(self.note)
        grid.addWidget(what_label, 2, 0)
        grid.addWidget(self.note, 2, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        wizard: DebriefWizard = self.wizard()
        debrief = wizard.debrief()
        lines = [f"On Finish, netdesk records the debrief of {describe(wizard.interview)}:"]
        lines.append(f"• interest {debrief.interest_occupation or '–'}/5 in the occupation, "
                     f"{debrief.interest_organization or '–'}/5 in the organization")
        people = [s for s in debrief.suggested if not s.is_blank()]
        if people:
            names = ", ".join(" ".join(x for x in (p.first_name, p.last_name) if x)
                              for p in people)
            lines.append(f"• {len(people)} new {'person' if len(people) == 1 else 'people'} "
                         f"referred by {wizard.interview.person.full_name}: {names}")
        lines.append("• thank-you note sent on " + format_date(debrief.thank_you_sent_on)
                     if debrief.thank_you_sent_on else "• a reminder to send the thank-you note")
        self.summary.setText("\n".join(lines))

    def keep_in_touch_on(self) -> datetime.date | None:
        return self.when.date().toPython() if self.remind.isChecked() else None


class DebriefWizard(CommitWizard):
    """Debrief one interview; nothing is written until Finish, then all in one transaction."""

    debrief_saved = Signal(int)

    discard_title = "Discard this debrief?"
    discard_text = "Close without saving? Nothing you entered here will be kept."
    error_title = "Cannot save the debrief"

    def __init__(self, interview_id: int, parent=None):
        super().__init__(parent)
        self.interview_id = interview_id
        interview = Interview.get_or_none(Interview.id == interview_id)
        if interview is None:
            raise ValueError(f"There is no interview {interview_id}.")
        self.interview = interview
        self.added_people: list[int] = []
        self.setWindowTitle(f"Debrief: interview with {interview.person.full_name}")
        fit_to_screen(self, text_size(self, 122, 35))
        self.evaluation = EvaluationPage()
        self.advice_page = AdvicePage()
        self.suggested = SuggestedPage()
        self.thank_you = ThankYouPage()
        self.keep_in_touch = KeepInTouchPage()
        self.set_pages((self.evaluation, self.advice_page, self.suggested, self.thank_you,
                        self.keep_in_touch))
        self.saved.connect(lambda _changes: self.debrief_saved.emit(self.interview_id))
        self._load()
        self.remember_state()

    def _load(self) -> None:
        interview = self.interview
        self.evaluation.occupation.set_value(interview.interest_occupation)
        self.evaluation.organization.set_value(interview.interest_organization)
        if interview.keep_exploring is True:
            self.evaluation.keep_yes.setChecked(True)
        elif interview.keep_exploring is False:
            self.evaluation.keep_no.setChecked(True)
        self.advice_page.advice.setPlainText(interview.advice)
        self.advice_page.action_plan.setPlainText(interview.action_plan)
        notes = []
        for number, question in enumerate(questions_of(interview.id), 1):
            if question.notes.strip() or question.mark:
                mark = {"asked": " (asked)", "skipped": " (skipped)"}.get(question.mark, "")
                text = question.notes.strip()
                notes.append(f"{number}. {question.text}{mark}" + (f"\n{text}" if text else ""))
        if interview.notes.strip():
            notes.append(f"Other notes\n{interview.notes.strip()}")
        self.advice_page.notes.setPlainText("\n\n".join(notes) or "No notes were taken.")
        if interview.thank_you_sent:
            self.thank_you.sent.setChecked(True)
            self.thank_you.sent_on.setDate(QDate(interview.thank_you_sent))

    def debrief(self) -> Debrief:
        return Debrief(
            interest_occupation=self.evaluation.occupation.value(),
            interest_organization=self.evaluation.organization.value(),
            keep_exploring=self.evaluation.keep_exploring(),
            advice=self.advice_page.advice.toPlainText().strip(),
            action_plan=self.advice_page.action_plan.toPlainText().strip(),
            suggested=self.suggested.people(),
            thank_you_message=self.thank_you.message.body.toPlainText(),
            thank_you_sent_on=(self.thank_you.sent_date()
                               if self.thank_you.sent_date() != self.interview.thank_you_sent
                               else None),
            keep_in_touch_on=self.keep_in_touch.keep_in_touch_on(),
            keep_in_touch_note=self.keep_in_touch.note.text().strip(),
        )

    state = debrief

    def write(self) -> Changes:
        changes = record_debrief(self.interview_id, self.debrief())
        self.added_people = sorted(changes.people_added)
        return changes
