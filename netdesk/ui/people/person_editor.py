"""PersonEditor: every field of one person, checked as typed and saved as the user types."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.people import (
    RELATIONSHIP_LABELS,
    STAGE_LABELS,
    PersonForm,
    changed_fields,
    save_person,
    validate,
)
from netdesk.db.models import Organization, Person, Referral
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_text import open_link, plain_label, tooltip
from netdesk.ui.common.theme import set_themed_style

AUTOSAVE_DELAY_MS = 700


class PersonEditor(QWidget):
    """Edits one person; a new person is inserted by the first save that validates.

    Saves run ``AUTOSAVE_DELAY_MS`` after the last keystroke (or at once with
    :meth:`save_now`), each in one transaction, so a crash loses at most that
    much typing. Invalid fields are marked where they are and block the save.
    """

    person_saved = Signal(int)
    edit_organization_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.person_id: int | None = None
        self._saved_form = PersonForm()
        self._loading = False
        self._errors: dict[str, QLabel] = {}
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._build()
        self._show_form(self._saved_form)
        self._organization_names = QStringListModel(self)
        completer = QCompleter(self._organization_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization.setCompleter(completer)
        self._organization_names_stale = True  # loaded when the editor is first used
        publisher().changed.connect(self.apply_changes)

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = plain_label()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = plain_label()
        self.subheading.setWordWrap(True)
        self.subheading.setForegroundRole(self.subheading.foregroundRole())

        self.first_name = self._line("First name")
        self.last_name = self._line("Last name")
        self.job_title = self._line("Job title", "e.g. Research coordinator")
        self.organization = self._line("Organization", "Type to pick one or name a new one")
        self.edit_organization = QPushButton("Edit…")
        self.edit_organization.setToolTip("Edit this organization: sector, website, culture")
        self.edit_organization.clicked.connect(
            lambda: self.edit_organization_requested.emit(self.organization.text().strip())
        )
        self.email = self._line("Email", "name@example.org")
        self.phone = self._line("Phone")
        self.linkedin_url = self._line("LinkedIn", "https://www.linkedin.com/in/…")
        self.open_linkedin = QPushButton("Open")
        self.open_linkedin.setToolTip("Open the profile in your web browser")
        self.open_linkedin.clicked.connect(lambda: open_link(self.linkedin_url.text()))
        self.relationship = self._combo("How I know them", RELATIONSHIP_LABELS)
        self.source = self._line("Where we met", "e.g. Career fair, Stats 301")
        self.stage = self._combo("Stage", STAGE_LABELS)
        self.career_fields = self._line("Career fields", "Comma-separated, e.g. Public health")
        self.tags = self._line("Tags", "Comma-separated")
        self.referred_by = plain_label()
        self.referred_by.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = QHBoxLayout()
        names.addWidget(self._checked("first_name", self.first_name), 1)
        names.addWidget(self._checked("last_name", self.last_name), 1)
        form.addRow(_buddy_label("&Name", self.first_name), names)
        form.addRow("Job &title", self.job_title)
        organization_row = QHBoxLayout()
        organization_row.addWidget(self.organization, 1)
        organization_row.addWidget(self.edit_organization)
        form.addRow(_buddy_label("&Organization", self.organization), organization_row)
        form.addRow("&Email", self._checked("email", self.email))
        form.addRow("&Phone", self._checked("phone", self.phone))
        linkedin_row = QHBoxLayout()
        linkedin_row.addWidget(self._checked("linkedin_url", self.linkedin_url), 1)
        linkedin_row.addWidget(self.open_linkedin, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_buddy_label("&LinkedIn", self.linkedin_url), linkedin_row)
        form.addRow("How I &know them", self.relationship)
        form.addRow("&Where we met", self.source)
        form.addRow("&Stage", self.stage)
        form.addRow("Career &fields", self.career_fields)
        form.addRow("T&ags", self.tags)
        form.addRow("Referred by", self.referred_by)

        self.notes = self._text("Notes", "What you know about them, what you talked about…")
        self.research_notes = self._text(
            "Research notes", "Their bio, their organization, why you want to talk to them…"
        )
        notes_split = QSplitter(Qt.Orientation.Horizontal)
        for title, editor in (("Notes", self.notes), ("Research notes", self.research_notes)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(plain_label(title))
            box_layout.addWidget(editor)
            notes_split.addWidget(box)

        self.save_state = plain_label()
        self.save_state.setAccessibleName("Save state")
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save now (changes also save as you type)")
        self.save_button.clicked.connect(self.save_now)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.subheading)
        body_layout.addSpacing(6)
        body_layout.addLayout(form)
        body_layout.addWidget(notes_split)
        self.extra_layout = QVBoxLayout()  # for the timeline and other per-person panels
        body_layout.addLayout(self.extra_layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        footer = QHBoxLayout()
        footer.addWidget(self.save_state, 1)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder or name)
        line.textEdited.connect(self._edited)
        return line

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setAccessibleName(name)
        editor.setPlaceholderText(placeholder)
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(90)
        editor.setMaximumHeight(180)
        editor.textChanged.connect(self._edited)
        return editor

    def _combo(self, name: str, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for key, label in labels.items():
            combo.addItem(label, key)
        combo.activated.connect(self._edited)
        return combo

    def _checked(self, field: str, widget: QWidget) -> QWidget:
        """``widget`` with a message line under it for that field's problem."""
        error = plain_label()
        error.setObjectName(f"{field}_error")
        error.setWordWrap(True)
        set_themed_style(error, "color: {error};")
        error.hide()
        self._errors[field] = error
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        return box

    # Reading and writing ---------------------------------------------------------------------

    def form(self) -> PersonForm:
        return PersonForm(
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            job_title=self.job_title.text(), organization=self.organization.text(),
            email=self.email.text(), phone=self.phone.text(),
            linkedin_url=self.linkedin_url.text(),
            relationship=self.relationship.currentData(), source=self.source.text(),
            stage=self.stage.currentData(),
            career_fields=[f.strip() for f in self.career_fields.text().split(",") if f.strip()],
            tags=self.tags.text(), notes=self.notes.toPlainText(),
            research_notes=self.research_notes.toPlainText(),
        )

    def load_person(self, person_id: int | None) -> None:
        """Show ``person_id`` (None: an empty form for a new person), saving pending edits first."""
        if person_id is not None and person_id == self.person_id and not self.is_dirty():
            return
        self.save_now()
        if self._organization_names_stale:
            self.reload_organization_names()
        person = Person.get_or_none(Person.id == person_id) if person_id else None
        self.person_id = person.id if person else None
        self._saved_form = PersonForm.from_person(person) if person else PersonForm()
        self._show_form(self._saved_form)
        self._show_referrers()
        self._show_problems({})
        self._update_heading()
        self.save_state.setText("" if person else "New person: saved once it has a name.")

    def new_person(self) -> None:
        self.load_person(None)
        self.first_name.setFocus()

    def is_dirty(self) -> bool:
        return self.form() != self._saved_form

    def save_now(self) -> bool:
        """Save pending edits if they validate; return False when something blocks the save."""
        self._timer.stop()
        if not self.is_dirty():
            return True
        form = self.form()
        problems = validate(form)
        self._show_problems(problems)
        if problems:
            field, message = next(iter(problems.items()))
            self.save_state.setText(f"Not saved: {message}")
            self.status_message.emit(f"Not saved: {message}")
            return False
        edited = changed_fields(self._saved_form, form)
        changes = save_person(self.person_id, form, only=edited)
        self.person_id = changes.id
        self._saved_form = form
        self._update_heading()
        self.save_state.setText("All changes saved.")
        publish(changes, self)
        self.person_saved.emit(self.person_id)
        return True

    def apply_changes(self, changes: Changes, initiator=None) -> None:
        """Show what was written elsewhere to the person on screen, keeping the user's edits.

        Fields the user has not touched take the stored value at once; a field the user
        is editing keeps what they typed, and the next save writes only that field.
        """
        if changes.organizations or changes.everything:
            self._organization_names_changed()
        if initiator is self or self.person_id is None or not changes.touches_person(
                self.person_id):
            return
        person = Person.get_or_none(Person.id == self.person_id)
        if person is None:
            self.person_id = None
            return
        stored = PersonForm.from_person(person)
        shown = self.form()
        edited = changed_fields(self._saved_form, shown)
        merged = PersonForm(**{
            name: getattr(shown if name in edited else stored, name)
            for name in PersonForm.__dataclass_fields__})
        self._saved_form = stored
        self._show_form(merged)
        self._show_referrers()
        self._update_heading()

    def _organization_names_changed(self) -> None:
        self._organization_names_stale = True
        if self.isVisible():
            self.reload_organization_names()

    def reload_organization_names(self) -> None:
        self._organization_names_stale = False
        names = [n for (n,) in Organization.select(Organization.name)
                 .order_by(Organization.name).tuples()]
        self._organization_names.setStringList(names)

    # Helpers ---------------------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        problems = validate(self.form())
        self._show_problems(problems)
        if self.is_dirty():
            self.save_state.setText(
                "Not saved yet: correct the marked field." if problems else "Editing…")
            self._timer.start()

    def _show_form(self, form: PersonForm) -> None:
        self._loading = True
        try:
            for name in ("first_name", "last_name", "job_title", "organization", "email",
                         "phone", "linkedin_url", "source", "tags"):
                getattr(self, name).setText(getattr(form, name))
            self.career_fields.setText(", ".join(form.career_fields))
            self.relationship.setCurrentIndex(self.relationship.findData(form.relationship))
            self.stage.setCurrentIndex(self.stage.findData(form.stage))
            self.notes.setPlainText(form.notes)
            self.research_notes.setPlainText(form.research_notes)
        finally:
            self._loading = False

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field, label in self._errors.items():
            message = problems.get(field, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = getattr(self, field)
            widget.setProperty("invalid", bool(message))
            set_themed_style(widget, "border: 1px solid {error};" if message else "")
            widget.setToolTip(tooltip(message))

    def _show_referrers(self) -> None:
        if self.person_id is None:
            self.referred_by.setText("—")
            return
        names = [
            r.referrer.full_name
            for r in Referral.select(Referral, Person).join(Person, on=Referral.referrer)
            .where(Referral.referred == self.person_id)
        ]
        self.referred_by.setText(", ".join(names) if names else "Someone I know directly")

    def _update_heading(self) -> None:
        form = self._saved_form if self.person_id else self.form()
        name = " ".join(p for p in (form.first_name.strip(), form.last_name.strip()) if p)
        self.heading.setText(name or "New person")
        self.subheading.setText(" · ".join(
            x for x in (form.job_title.strip(), " ".join(form.organization.split())) if x))


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``buddy`` (for rows that hold a layout)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
