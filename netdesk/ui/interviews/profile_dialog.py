"""ProfileDialog: who you are (degree, interests, skills, what you seek) and your elevator pitch."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from netdesk.core.pitch import TARGET_SECONDS, draft_pitch, pitch_length
from netdesk.core.profile import (
    PREPARED_ANSWERS,
    ProfileForm,
    load_profile,
    save_profile,
    validate_profile,
)
from netdesk.ui.common.changes import publish
from netdesk.ui.common.forms import buddy_label, save_cancel_buttons, show_first_problem
from netdesk.ui.common.plain_messages import ask_yes
from netdesk.ui.common.plain_text import note_label, plain_label, problem_label
from netdesk.ui.common.screen import fit_to_screen, scroll_area, text_size
from netdesk.ui.common.theme import set_themed_style

_ANSWER_LABELS = {
    "answer_about_me": "&Tell me about yourself", "answer_why_organization":
    "Why this &organization?", "answer_why_role": "Why this ro&le?",
    "answer_why_field": "Why this &field?",
}
"""The prepared answers' labels with their mnemonics."""


class ProfileDialog(QDialog):
    """Edit the profile; the pitch editor shows words and spoken time against 30 seconds."""

    profile_saved = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("My profile & pitch")
        fit_to_screen(self, text_size(self, 90, 41))
        form = load_profile()
        self.name = self._line("Your name", form.name)
        self.email = self._line("Your email", form.email, "name@example.org")
        self.phone = self._line("Your phone", form.phone)
        self.degree = self._line("Degree", form.degree, "e.g. BA Geography")
        self.school = self._line("School", form.school, "e.g. Riverton University")
        self.interests = self._text("Interests", form.interests,
                                    "Fields, questions and causes that draw you")
        self.skills = self._text("Skills", form.skills, "What you are good at and bring")
        self.seeking = self._text("What I seek", form.seeking,
                                  "e.g. To learn what an epidemiologist's week looks like")
        self.pitch = QPlainTextEdit(form.pitch)
        self.pitch.setAccessibleName("Elevator pitch")
        self.pitch.setTabChangesFocus(True)
        self.pitch.setPlaceholderText(
            "Who you are, what you are exploring or seeking, and what you would like to learn "
            "— about 65 words, 30 seconds spoken.")
        self.pitch.textChanged.connect(self.update_length)
        self.length = plain_label()
        self.length.setWordWrap(True)
        self.length.setAccessibleName("Pitch length")
        self.meter = QProgressBar()
        self.meter.setRange(0, TARGET_SECONDS)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName("Spoken length against 30 seconds")
        self.draft_button = QPushButton("D&raft from my profile")
        self.draft_button.setToolTip("Write a first pitch from the fields above, to make your own")
        self.draft_button.clicked.connect(self.draft)
        self.problem = problem_label()
        self.answers = {name: self._text(question, getattr(form, name),
                                         "A few sentences you are ready to say")
                        for name, question in PREPARED_ANSWERS.items()}

        about = QGroupBox("About me")
        about_form = QFormLayout(about)
        for label, editor in (("&Name", self.name), ("&Email", self.email),
                              ("P&hone", self.phone), ("&Degree", self.degree),
                              ("&School", self.school), ("&Interests", self.interests),
                              ("S&kills", self.skills), ("&What I seek", self.seeking)):
            about_form.addRow(label, editor)
        pitch_box = QGroupBox("Elevator pitch")
        pitch_layout = QVBoxLayout(pitch_box)
        pitch_layout.addWidget(self.pitch, 1)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.draft_button)
        pitch_layout.addLayout(meter_row)
        pitch_layout.addWidget(self.length)
        answers_box = QGroupBox("Ready to answer")
        answers_form = QFormLayout(answers_box)
        answers_form.addRow(note_label(
            "They may ask you a question or two back. Answers prepared here print on every "
            "question sheet."))
        for name, label in _ANSWER_LABELS.items():
            answers_form.addRow(buddy_label(label, self.answers[name]), self.answers[name])
        content = QVBoxLayout()
        content.addWidget(about)
        content.addWidget(pitch_box, 1)
        content.addWidget(answers_box)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_area(content), 1)  # on a small screen the form scrolls
        layout.addWidget(self.problem)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.update_length()

    def _line(self, name: str, value: str, placeholder: str = "") -> QLineEdit:
        editor = QLineEdit(value)
        editor.setAccessibleName(name)
        editor.setPlaceholderText(placeholder)
        return editor

    def _text(self, name: str, value: str, placeholder: str) -> QPlainTextEdit:
        editor = QPlainTextEdit(value)
        editor.setAccessibleName(name)
        editor.setPlaceholderText(placeholder)
        editor.setTabChangesFocus(True)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
        return editor

    def form(self) -> ProfileForm:
        return ProfileForm(
            name=self.name.text(), email=self.email.text(), phone=self.phone.text(),
            degree=self.degree.text(), school=self.school.text(),
            interests=self.interests.toPlainText(), skills=self.skills.toPlainText(),
            seeking=self.seeking.toPlainText(), pitch=self.pitch.toPlainText(),
            **{name: editor.toPlainText() for name, editor in self.answers.items()},
        )

    def update_length(self) -> None:
        length = pitch_length(self.pitch.toPlainText())
        self.length.setText(length.summary())
        self.meter.setMaximum(max(TARGET_SECONDS, length.seconds))
        self.meter.setValue(length.seconds)
        self.meter.setFormat(f"{length.seconds} s of {TARGET_SECONDS} s")
        set_themed_style(self.length, "color: {error};" if length.over else "")

    def draft(self) -> None:
        if self.pitch.toPlainText().strip():
            if not ask_yes(self, "Replace your pitch?",
                           "Replace the pitch you wrote with a new draft?"):
                return
        form = self.form()
        self.pitch.setPlainText(draft_pitch(form.name, form.degree, form.school,
                                            form.interests, form.skills, form.seeking))
        self.pitch.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        problems = validate_profile(self.form())
        if show_first_problem(self, self.problem, problems):
            return
        publish(save_profile(self.form()), self)
        self.profile_saved.emit()
        self.accept()
