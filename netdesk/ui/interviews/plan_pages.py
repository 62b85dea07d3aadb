"""The pages of the Plan-an-interview wizard: whom, research, reach out, questions, when.

Each page reads and shows; nothing here writes. :class:`InterviewWizard` gathers them into
a plan and saves it on Finish.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from netdesk.core.checklists import MODE_LABELS, RESEARCH_CHECKLIST, day_of_checklist
from netdesk.core.interviews import NewPerson, referrer_of, schedule_note
from netdesk.core.people import is_web_url, normalise_name
from netdesk.core.pitch import pitch_length
from netdesk.core.profile import load_profile
from netdesk.core.templates import context, format_date
from netdesk.db.models import CareerField, Interview, Organization, Person, PersonCareerField
from netdesk.ui.common.plain_text import note_label, open_link, plain_label, problem_label, tooltip
from netdesk.ui.common.screen import scroll_body
from netdesk.ui.common.wizard import SentOnRow
from netdesk.ui.common.wording import date_field_format, plural
from netdesk.ui.interviews.message_editor import MessageEditor
from netdesk.ui.interviews.question_picker import QuestionPicker
from netdesk.ui.method.contact_hints import ContactHints
from netdesk.ui.method.method_settings import follow_up_rhythm, method_enabled
from netdesk.ui.method.outreach_hints import OutreachHints
from netdesk.ui.people.person_picker import PersonPicker

if TYPE_CHECKING:
    from netdesk.ui.interviews.interview_wizard import InterviewWizard

WHOM, RESEARCH, REACH_OUT, QUESTIONS, SCHEDULE = range(5)
PLACE_HINTS = {
    "in_person": "Address, building and room",
    "phone": "Phone number (who calls whom?)",
    "video": "Video link, e.g. https://meet.example/…",
}


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class WhomPage(QWizardPage):
    """Pick a person (or add one, with who referred them) and the career field to explore."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Whom will you interview?")
        self.setSubTitle("Pick someone from your network, or add a person you were referred to.")
        self.existing = QRadioButton("Someone &in my network")
        self.new = QRadioButton("&Someone new")
        self.existing.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.existing)
        group.addButton(self.new)
        self.picker = PersonPicker()
        self.picker.person_changed.connect(self._person_changed)
        self.first_name = QLineEdit()
        self.first_name.setAccessibleName("First name")
        self.last_name = QLineEdit()
        self.last_name.setAccessibleName("Last name")
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.org")
        self.email.setAccessibleName("Email")
        self.organization = QLineEdit()
        self.organization.setAccessibleName("Organization")
        self.job_title = QLineEdit()
        self.job_title.setAccessibleName("Job title")
        self.referrer = PersonPicker("Who referred you? Type their name…",
                                     none_text="Nobody: I found them myself")
        self.referrer.list.setFixedHeight(120)
        self.referral_note = QLineEdit()
        self.referral_note.setPlaceholderText("e.g. Met at the alumni evening; said to mention her")
        self.referral_note.setAccessibleName("Referral note")
        new_form = QFormLayout()
        names = QHBoxLayout()
        names.addWidget(self.first_name)
        names.addWidget(self.last_name)
        new_form.addRow(_buddy("Na&me (first, last)", self.first_name), names)
        new_form.addRow("&Email", self.email)
        new_form.addRow("&Organization", self.organization)
        new_form.addRow("&Job title", self.job_title)
        new_form.addRow(_buddy("&Referred by", self.referrer.filter), self.referrer)
        new_form.addRow("Referral &note", self.referral_note)
        new_layout = QVBoxLayout()
        new_layout.setContentsMargins(0, 0, 0, 0)
        new_layout.addLayout(new_form)
        new_layout.addStretch(1)
        new_widget = QWidget()
        new_widget.setLayout(new_layout)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.picker)
        self.stack.addWidget(new_widget)
        self.existing.toggled.connect(self._mode_changed)
        self.summary = note_label("")
        self.career_field = QComboBox()
        self.career_field.setEditable(True)
        self.career_field.setAccessibleName("Career field")
        self.career_field.lineEdit().setPlaceholderText("e.g. Public health")
        self.career_field.addItems([f.name for f in CareerField.select().order_by(
            CareerField.name)])
        self.career_field.setCurrentIndex(-1)
        self._auto_field = ""
        self.problem = problem_label()
        radios = QHBoxLayout()
        radios.addWidget(self.existing)
        radios.addWidget(self.new)
        radios.addStretch(1)
        field_row = QFormLayout()
        field_row.addRow("Career &field this conversation explores", self.career_field)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addLayout(radios)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.summary)
        layout.addLayout(field_row)
        layout.addWidget(self.problem)
        for editor in (self.first_name, self.last_name):
            editor.textChanged.connect(self.completeChanged)

    def _mode_changed(self) -> None:
        self.stack.setCurrentIndex(0 if self.existing.isChecked() else 1)
        (self.picker.filter if self.existing.isChecked() else self.first_name).setFocus()
        self._person_changed(self.picker.person_id())
        self.completeChanged.emit()

    def _person_changed(self, person_id) -> None:
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        if person is None or not self.existing.isChecked():
            self.summary.setText("")
            self.completeChanged.emit()
            return
        referrer = referrer_of(person.id)
        parts = [person.full_name]
        if person.job_title or person.organization_id:
            parts.append(", ".join(x for x in (
                person.job_title, person.organization.name if person.organization_id else "")
                if x))
        if referrer is not None:
            parts.append(f"referred by {referrer.full_name}")
        previous = Interview.select().where(Interview.person == person).count()
        if previous:
            parts.append(f"{plural(previous, 'interview')} already")
        self.summary.setText(" · ".join(parts))
        first_field = (CareerField.select().join(PersonCareerField)
                       .where(PersonCareerField.person == person).order_by(CareerField.name)
                       .first())
        if first_field is not None and self.career_field.currentText() in ("", self._auto_field):
            self.career_field.setCurrentText(first_field.name)
            self._auto_field = first_field.name
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        if self.existing.isChecked():
            return self.picker.person_id() is not None
        return bool(self.first_name.text().strip() or self.last_name.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        if self.new.isChecked():
            problem = self.new_person().problem()
            if problem:
                self.problem.setText(problem)
                (self.email if "email" in problem else self.first_name).setFocus()
                return False
        elif self.picker.person_id() is None:
            self.problem.setText("Choose the person you will interview.")
            return False
        self.problem.setText("")
        return True

    def person_id(self) -> int | None:
        return self.picker.person_id() if self.existing.isChecked() else None

    def new_person(self) -> NewPerson | None:
        if self.existing.isChecked():
            return None
        return NewPerson(self.first_name.text(), self.last_name.text(), self.email.text(),
                         self.organization.text(), self.job_title.text(),
                         self.referrer.person_id(), self.referral_note.text().strip())


class ResearchPage(QWizardPage):
    """The person's and the organization's research notes side by side, links, a checklist."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Research")
        self.setSubTitle("Learn about them and their organization first: it shapes your "
                         "message and your questions.")
        self.person_heading = plain_label()
        self.person_notes = QPlainTextEdit()
        self.person_notes.setAccessibleName("Research notes on the person")
        self.person_notes.setPlaceholderText("Their path, projects, talks, articles; what you "
                                             "have in common…")
        self.linkedin_button = QPushButton("Open Linked&In profile")
        self.linkedin_button.clicked.connect(lambda: open_link(self._linkedin))
        self.organization_heading = plain_label()
        self.organization_notes = QPlainTextEdit()
        self.organization_notes.setAccessibleName("Research notes on the organization")
        self.organization_notes.setPlaceholderText("What they do, culture, staff list, news…")
        self.website_button = QPushButton("Open &website")
        self.website_button.clicked.connect(lambda: open_link(self._website))
        self.checks: dict[str, QCheckBox] = {}
        checklist = QGroupBox("Before you reach out")
        checklist_layout = QVBoxLayout(checklist)
        for key, label in RESEARCH_CHECKLIST.items():
            box = QCheckBox(label)
            self.checks[key] = box
            checklist_layout.addWidget(box)
        person_box = QGroupBox("The person")
        person_layout = QVBoxLayout(person_box)
        person_layout.addWidget(self.person_heading)
        person_layout.addWidget(self.person_notes, 1)
        person_layout.addWidget(self.linkedin_button, 0, Qt.AlignmentFlag.AlignLeft)
        organization_box = QGroupBox("The organization")
        organization_layout = QVBoxLayout(organization_box)
        organization_layout.addWidget(self.organization_heading)
        organization_layout.addWidget(self.organization_notes, 1)
        organization_layout.addWidget(self.website_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(person_box, 1)
        side_by_side.addWidget(organization_box, 1)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addLayout(side_by_side, 1)
        self.contact_hints = ContactHints()
        layout.addWidget(self.contact_hints)
        layout.addWidget(checklist)
        self._linkedin = ""
        self._website = ""
        self._loaded_for: object = ()
        self._loaded_person_notes = ""
        self._loaded_organization_notes = ""

    def initializePage(self) -> None:  # noqa: N802
        whom: WhomPage = self.wizard().page(WHOM)
        key = (whom.person_id(), None if whom.person_id() else normalise_name(
            whom.organization.text()))
        self.contact_hints.show_for(whom.person_id() if method_enabled() else None,
                                    whom.career_field.currentText())
        if key == self._loaded_for:
            return
        self._loaded_for = key
        person = Person.get_or_none(Person.id == key[0]) if key[0] else None
        if person is not None:
            organization = person.organization if person.organization_id else None
            title = ", ".join(x for x in (person.job_title, organization.name
                                          if organization else "") if x)
            self.person_heading.setText(f"{person.full_name}" + (f" — {title}" if title else ""))
            self._loaded_person_notes = person.research_notes
            self._linkedin = person.linkedin_url
        else:
            name = " ".join(x for x in (whom.first_name.text().strip(),
                                        whom.last_name.text().strip()) if x)
            self.person_heading.setText(f"{name} (new)")
            self._loaded_person_notes = ""
            self._linkedin = ""
            organization = (Organization.get_or_none(Organization.name == key[1])
                            if key[1] else None)
        self.person_notes.setPlainText(self._loaded_person_notes)
        self.linkedin_button.setEnabled(is_web_url(self._linkedin))
        self.linkedin_button.setToolTip(tooltip(self._linkedin or "No LinkedIn address on file"))
        organization_name = organization.name if organization else (key[1] or "")
        self._website = organization.website if organization else ""
        self._loaded_organization_notes = organization.culture_notes if organization else ""
        self.organization_notes.setPlainText(self._loaded_organization_notes)
        self.organization_notes.setEnabled(bool(organization_name))
        self.organization_heading.setText(
            organization_name or "No organization set for this person.")
        self.website_button.setEnabled(is_web_url(self._website))
        self.website_button.setToolTip(tooltip(self._website or "No website on file"))

    def person_research_notes(self) -> str | None:
        text = self.person_notes.toPlainText()
        return text if text != self._loaded_person_notes else None

    def organization_research_notes(self) -> str | None:
        text = self.organization_notes.toPlainText()
        if not self.organization_notes.isEnabled() or text == self._loaded_organization_notes:
            return None
        return text

    def checked(self) -> set[str]:
        return {key for key, box in self.checks.items() if box.isChecked()}


class ReachOutPage(QWizardPage):
    """The outreach message from a template, the pitch beside it, and 'mark it sent'."""

    profile_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Reach out")
        self.setSubTitle("Say who you are, that you want to learn (not to ask for a job), and "
                         "why them. Keep it short.")
        self.message = MessageEditor("outreach", self._values)
        self.pitch = note_label("")
        self.pitch_summary = note_label("")
        self.insert_pitch = QPushButton("&Insert pitch into message")
        self.insert_pitch.clicked.connect(self._insert_pitch)
        self.edit_profile = QPushButton("Edit profile && &pitch…")
        self.edit_profile.clicked.connect(self.profile_requested)
        pitch_box = QGroupBox("Your elevator pitch")
        pitch_layout = QVBoxLayout(pitch_box)
        pitch_layout.addWidget(self.pitch)
        pitch_layout.addWidget(self.pitch_summary)
        pitch_buttons = QHBoxLayout()
        pitch_buttons.addWidget(self.insert_pitch)
        pitch_buttons.addWidget(self.edit_profile)
        pitch_buttons.addStretch(1)
        pitch_layout.addLayout(pitch_buttons)
        self.sent_row = SentOnRow("I have &sent it: log it and remind me to check for a reply")
        self.sent, self.sent_on = self.sent_row.sent, self.sent_row.sent_on
        self.sent.toggled.connect(self._update_reply_note)
        self.sent_on.dateChanged.connect(self._update_reply_note)
        self.reply_note = note_label("")
        self.hints = OutreachHints(self.message.body, self._connection_words)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addWidget(self.message, 1)
        layout.addWidget(self.hints)
        layout.addWidget(pitch_box)
        layout.addWidget(self.sent_row)
        layout.addWidget(self.reply_note)
        self._auto_text: str | None = None
        self._drafted_for: object = ()
        self.previously_sent: datetime.date | None = None

    def _values(self) -> dict[str, str]:
        wizard: InterviewWizard = self.wizard()
        whom: WhomPage = wizard.page(WHOM)
        values = context(whom.person_id(), career_field=whom.career_field.currentText().strip(),
                         referrer_id=None if whom.person_id() else whom.referrer.person_id())
        new = whom.new_person()
        if new is not None:
            values.update(person_first_name=new.first_name.strip() or new.last_name.strip(),
                          person_last_name=new.last_name.strip(),
                          person_name=" ".join(x for x in (new.first_name.strip(),
                                                           new.last_name.strip()) if x),
                          person_job_title=new.job_title.strip(),
                          organization=normalise_name(new.organization))
        return values

    def _connection_words(self) -> tuple[str, ...]:
        """What states the connection to this reader: who referred them, their organization."""
        values = self._values()
        return tuple(values.get(key, "") for key in ("referrer_name", "referrer_first_name",
                                                      "organization") if values.get(key))

    def initializePage(self) -> None:  # noqa: N802
        whom: WhomPage = self.wizard().page(WHOM)
        self.hints.setVisible(method_enabled())
        self.refresh_pitch()
        person = Person.get_or_none(Person.id == whom.person_id()) if whom.person_id() else None
        self.message.set_recipient(person.email if person else whom.email.text())
        key = (whom.person_id(), whom.first_name.text(), whom.last_name.text(),
               whom.career_field.currentText(), whom.referrer.person_id())
        if key == self._drafted_for:
            return
        self._drafted_for = key
        has_referrer = (referrer_of(person.id) is not None if person
                        else whom.referrer.person_id() is not None)
        self.message.choose_template("introduced" if has_referrer else "first contact")
        body = self.message.body.toPlainText()
        if not body.strip() or body == self._auto_text:
            self.message.redraft()
            self._auto_text = self.message.body.toPlainText()
        self.hints.refresh()

    def refresh_pitch(self) -> None:
        pitch = load_profile().pitch.strip()
        self.pitch.setText(pitch or "No elevator pitch yet. Write one in your profile: who you "
                                    "are, what you are exploring, what you hope to learn.")
        self.pitch_summary.setText(pitch_length(pitch).summary() if pitch else "")
        self.insert_pitch.setEnabled(bool(pitch))

    def _insert_pitch(self) -> None:
        pitch = load_profile().pitch.strip()
        if pitch:
            self.message.body.insertPlainText(pitch)
            self.message.focus_body()

    def _update_reply_note(self) -> None:
        lines = []
        if self.previously_sent:
            lines.append(f"Logged as sent on {format_date(self.previously_sent)}.")
        if self.sent.isChecked():
            values = self._values() if self.wizard() else {}
            checks = follow_up_rhythm().reply_checks(
                self.sent_on.date().toPython(), values.get("person_name") or "them",
                values.get("organization", ""))
            lines.extend(f"Due {format_date(due)} {due.year}: {note}" for due, note in checks)
        self.reply_note.setText(" ".join(lines))

    def set_previously_sent(self, when: datetime.date | None) -> None:
        self.previously_sent = when
        if when:
            self.sent.setText("Log another message &sent")
        self._update_reply_note()

    def sent_date(self) -> datetime.date | None:
        return self.sent_row.sent_date()


class QuestionsPage(QWizardPage):
    """Choose and order the questions within the time the person offered."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Questions")
        self.setSubTitle("Choose questions that will tell you whether this path or organization "
                         "is for you. Double-click a bank question to add it; drag to reorder.")
        self.picker = QuestionPicker()
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.problem)
        self.picker.changed.connect(lambda: self.problem.setText(""))

    def validatePage(self) -> bool:  # noqa: N802
        if not self.picker.questions():
            self.problem.setText("Choose at least one question: double-click one in the bank, "
                                 "write your own, or press “Suggest a balanced set”.")
            self.picker.bank.setFocus()
            return False
        return True


class SchedulePage(QWizardPage):
    """Date, time, duration, mode and place; the day-of checklist for that mode."""

    print_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Schedule")
        self.setSubTitle("When they have agreed, set the date. Leave it open while you wait "
                         "for a reply.")
        self.agreed = QCheckBox("A &date and time are agreed")
        self.when = QDateTimeEdit()
        # A plain wall-clock time: netdesk, not Qt, decides what it means in the user's zone.
        self.when.setTimeZone(QTimeZone.utc())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(date_field_format(weekday=True, time=True))
        self.when.setAccessibleName("Date and time")
        self._loaded: datetime.datetime | None = None
        self.set_when(datetime.datetime.combine(QDate.currentDate().addDays(7).toPython(),
                                                datetime.time(10, 0)))
        self.when.setEnabled(False)
        self.agreed.toggled.connect(self.when.setEnabled)
        self.when_note = note_label("")
        self.when_note.setAccessibleName("About this time")
        self.when_note.hide()
        self.when.dateTimeChanged.connect(self._update_when_note)
        self.agreed.toggled.connect(self._update_when_note)
        self.duration = QSpinBox()
        self.duration.setRange(5, 240)
        self.duration.setSingleStep(5)
        self.duration.setValue(30)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Duration")
        self.mode = QComboBox()
        self.mode.setAccessibleName("Mode")
        for key, label in MODE_LABELS.items():
            self.mode.addItem(label, key)
        self.mode.setCurrentIndex(self.mode.findData("video"))
        self.place = QLineEdit()
        self.place.setAccessibleName("Place or link")
        self.open_place = QPushButton("Open link")
        self.open_place.clicked.connect(lambda: open_link(self.place.text()))
        self.place.textChanged.connect(
            lambda text: self.open_place.setEnabled(is_web_url(text.strip())))
        self.open_place.setEnabled(False)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.checklist = QGroupBox()
        self.checklist_text = note_label("")
        checklist_layout = QVBoxLayout(self.checklist)
        checklist_layout.addWidget(self.checklist_text)
        checklist_layout.addStretch(1)
        for widget, width in ((self.when, 260), (self.duration, 110), (self.mode, 200)):
            widget.setMaximumWidth(width)
        self.print_button = QPushButton("Save and &print question sheet…")
        self.print_button.setToolTip("Save the plan, then print the questions with room for "
                                     "notes and this checklist")
        self.print_button.clicked.connect(self.print_requested)
        form = QFormLayout()
        form.addRow(self.agreed)
        form.addRow("&When", self.when)
        form.addRow("", self.when_note)
        form.addRow("D&uration", self.duration)
        form.addRow("&Mode", self.mode)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.open_place)
        place_label = QLabel("Pl&ace or link")
        place_label.setBuddy(self.place)
        form.addRow(place_label, place_row)
        layout = QVBoxLayout(scroll_body(self))  # a long page scrolls
        layout.addLayout(form)
        layout.addWidget(self.checklist, 1)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignRight)
        self._mode_changed()

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.place.setPlaceholderText(PLACE_HINTS.get(mode, ""))
        self.checklist.setTitle(f"On the day ({MODE_LABELS.get(mode, mode).lower()})")
        self.checklist_text.setText("\n".join(f"☐  {item}" for item in day_of_checklist(mode)))

    def set_when(self, wall: datetime.datetime, loaded: bool = False) -> None:
        """Show the wall-clock time ``wall`` (naive, in the user's zone); ``loaded`` when it
        is the stored time, whose ``fold`` (which of a repeated hour) is then kept."""
        self._loaded = wall if loaded else self._loaded
        self.when.setDateTime(QDateTime(QDate(wall.year, wall.month, wall.day),
                                        QTime(wall.hour, wall.minute), QTimeZone.utc()))

    def wall_time(self) -> datetime.datetime:
        value = self.when.dateTime()
        wall = datetime.datetime.combine(value.date().toPython(),
                                         value.time().toPython().replace(second=0, microsecond=0))
        if self._loaded is not None and wall == self._loaded:
            wall = wall.replace(fold=self._loaded.fold)
        return wall

    def scheduled_at(self) -> datetime.datetime | None:
        if not self.agreed.isChecked():
            return None
        return self.wall_time()

    def _update_when_note(self) -> None:
        note = schedule_note(self.scheduled_at())
        self.when_note.setText(note)
        self.when_note.setVisible(bool(note))

    def validatePage(self) -> bool:  # noqa: N802
        return self.wizard().confirm_date()
