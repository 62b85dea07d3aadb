"""PersonFields: the widgets of the person form, how they are laid out, read and shown."""

from __future__ import annotations

import dataclasses
from dataclasses import fields as dataclass_fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
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

from netdesk.core.limits import LINE_CHARS, LIST_CHARS, max_chars
from netdesk.core.people import FIELD_LABELS, RELATIONSHIP_LABELS, STAGE_LABELS, PersonForm
from netdesk.core.vocabulary import SHARING_LABELS
from netdesk.db.models import Person, Referral
from netdesk.ui.common.plain_text import open_link, plain_label, tooltip
from netdesk.ui.common.save_state import SaveState
from netdesk.ui.common.sharing_edit import SharingEdit
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.people.contact_edits import LabelCombo, PhoneEdit, label_text
from netdesk.ui.people.person_header import PersonHeader
from netdesk.ui.people.person_more_fields import (
    align_labels,
    build_more_details,
    show_entries,
    shown_entries,
    summary,
)
from netdesk.ui.people.referrer_edit import ReferrerEdit

COMMITTED_ON_FINISH = frozenset({"organization", "career_fields"})
"""Fields that create records (an organization, career fields): saved once the user is done
with the field (picked a suggestion, left the field, saved or left the person), never per
pause in typing, so "Harbor" on the way to "Harbor Labs" is not an organization of its own."""

# How many characters each single-line field holds (Qt's default, 32,767, would cut a long
# paste without a word); reaching one is said under the field.
MAX_LENGTHS = {
    **{name: max_chars("person", name) for name in (
        "first_name", "last_name", "job_title", "email", "phone", "linkedin_url", "source",
        "tags", "name_prefix", "middle_name", "name_suffix", "nickname", "department",
        "record_source", "consent_date")},
    "organization": max_chars("organization", "name"),
    "career_fields": LIST_CHARS,  # a list on one line, like tags
    "referred_by": LINE_CHARS,  # a name to search for
}
_ALL_FIELDS = frozenset(f.name for f in dataclass_fields(PersonForm) if f.name != "version")


class PersonFields(QWidget):
    """The fields of one person: built, laid out, read into a form and shown from one.

    The base of :class:`~netdesk.ui.people.person_editor.PersonEditor`, which holds the
    state these methods use and decides when to save.
    """

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = PersonHeader()
        self.heading = self.header.heading
        self.subheading = self.header.subheading

        self.first_name = self._line("first_name")
        self.last_name = self._line("last_name")
        self.job_title = self._line("job_title", "e.g. Research coordinator")
        self.organization = self._line("organization", "Type to pick one or name a new one")
        self.organization.editingFinished.connect(lambda: self._commit("organization"))
        self.edit_organization = QPushButton("Edit…")
        self.edit_organization.setToolTip(
            "Edit this organization: sector, website, culture (People → Edit Organization, "
            "Ctrl+Shift+O)")
        self.edit_organization.clicked.connect(
            lambda: self.edit_organization_requested.emit(self.organization.text().strip())
        )
        self.department = self._line("department", "e.g. Research and development")
        self.email = self._line("email", "name@example.org")
        self.email_label = LabelCombo("Email label")
        self.email_label.edited.connect(self._edited)
        self.phone = self._line("phone", "e.g. +1 555 0100 ext. 12", PhoneEdit)
        self.phone_label = LabelCombo("Phone label")
        self.phone_label.edited.connect(self._edited)
        self.linkedin_url = self._line("linkedin_url", "https://www.linkedin.com/in/…")
        self.open_linkedin_action = QAction("Open LinkedIn Profile", self)
        self.open_linkedin_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.open_linkedin_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_linkedin_action.setStatusTip("Open the profile in your web browser")
        self.open_linkedin_action.triggered.connect(lambda: open_link(self.linkedin_url.text()))
        self.addAction(self.open_linkedin_action)
        self.open_linkedin = QPushButton("Open")
        self.open_linkedin.setToolTip("Open the profile in your web browser (Ctrl+Shift+U)")
        self.open_linkedin.clicked.connect(self.open_linkedin_action.trigger)
        # Reached by mouse, menu and shortcut: Tab goes from field to field.
        for button in (self.edit_organization, self.open_linkedin):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.relationship = self._combo("How I know them", RELATIONSHIP_LABELS)
        self.source = self._line("source", "e.g. Career fair, Stats 301")
        self.stage = self._combo("Stage", STAGE_LABELS)
        self.career_fields = self._line("career_fields", "Comma-separated, e.g. Public health")
        self.career_fields.editingFinished.connect(lambda: self._commit("career_fields"))
        self.tags = self._line("tags", "Comma-separated")
        self.referred_by = ReferrerEdit()
        self._limit("referred_by", self.referred_by)
        self.referred_by.person_picked.connect(lambda _id: self._autosave())
        self.referred_by.textEdited.connect(self._edited)
        self.referred_by.editingFinished.connect(self._edited)
        self.also_referred_by = plain_label()
        self.also_referred_by.setWordWrap(True)
        self.also_referred_by.hide()

        self.conflicts_layout = QVBoxLayout()
        self.conflicts_layout.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = QHBoxLayout()
        names.addWidget(self._checked("first_name", self.first_name), 1)
        names.addWidget(self._checked("last_name", self.last_name), 1)
        form.addRow(_buddy_label("&Name", self.first_name), names)
        form.addRow(_buddy_label("Job &title", self.job_title),
                    self._checked("job_title", self.job_title))
        organization_row = QHBoxLayout()
        organization_row.addWidget(self._checked("organization", self.organization), 1)
        organization_row.addWidget(self.edit_organization, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_buddy_label("&Organization", self.organization), organization_row)
        form.addRow(_buddy_label("Depart&ment", self.department),
                    self._checked("department", self.department))
        for field, title, line, label in (("email", "&Email", self.email, self.email_label),
                                          ("phone", "&Phone", self.phone, self.phone_label)):
            row = QHBoxLayout()
            row.addWidget(self._checked(field, line), 1)
            row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            form.addRow(_buddy_label(title, line), row)
        linkedin_row = QHBoxLayout()
        linkedin_row.addWidget(self._checked("linkedin_url", self.linkedin_url), 1)
        linkedin_row.addWidget(self.open_linkedin, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_buddy_label("&LinkedIn", self.linkedin_url), linkedin_row)
        form.addRow("How I &know them", self.relationship)
        form.addRow(_buddy_label("&Where we met", self.source),
                    self._checked("source", self.source))
        form.addRow("&Stage", self.stage)
        form.addRow(_buddy_label("Career &fields", self.career_fields),
                    self._checked("career_fields", self.career_fields))
        form.addRow(_buddy_label("T&ags", self.tags), self._checked("tags", self.tags))
        referred_box = QVBoxLayout()
        referred_box.addWidget(self._checked("referred_by", self.referred_by))
        referred_box.addWidget(self.also_referred_by)
        form.addRow(_buddy_label("Referred &by", self.referred_by), referred_box)
        self.sharing = SharingEdit("person")  # on a server: who else sees them, whose they are
        self.sharing.edited.connect(self._edited)
        form.addRow(_buddy_label("S&hared with", self.sharing.choice), self.sharing)
        self.sharing.attach(form)

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

        self.save_state = SaveState()
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save now (changes also save as you type)")
        self.save_button.clicked.connect(self.save_now)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.header)
        body_layout.addLayout(self.conflicts_layout)
        body_layout.addSpacing(6)
        body_layout.addLayout(form)
        self.more_details = build_more_details(self)
        align_labels(form, self.more_form)
        body_layout.addWidget(self.more_details)
        body_layout.addWidget(notes_split)
        self.extra_layout = QVBoxLayout()  # for the timeline and other per-person panels
        body_layout.addLayout(self.extra_layout)
        scroll = QScrollArea()
        scroll.setAccessibleName("Person details")
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

    def _line(self, field: str, placeholder: str = "", kind: type = QLineEdit) -> QLineEdit:
        line = kind()
        name = FIELD_LABELS[field]
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder or name)
        self._limit(field, line)
        if field in COMMITTED_ON_FINISH:
            line.textEdited.connect(lambda _text: self._uncommitted.add(field))
        line.textEdited.connect(self._edited)
        return line

    def _limit(self, field: str, line: QLineEdit) -> None:
        limit = MAX_LENGTHS[field]
        line.setMaxLength(limit)

        def check(text: str) -> None:
            if len(text) >= limit:
                self._limit_notices[field] = (
                    f"{FIELD_LABELS[field]} holds at most {limit:,} characters; this one is "
                    "full, and anything past that was left out.")
                self.status_message.emit(self._limit_notices[field])
            else:
                self._limit_notices.pop(field, None)

        line.textEdited.connect(check)

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
        """``widget`` with a message line under it for that field's problem or limit."""
        message = plain_label()
        message.setObjectName(f"{field}_error")
        message.setWordWrap(True)
        set_themed_style(message, "color: {error};")
        message.hide()
        self._messages[field] = message
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(message)
        return box

    # Reading and showing ------------------------------------------------------------------

    def form(self) -> PersonForm:
        """What the widgets hold; a field with no widget keeps the value last loaded."""
        return dataclasses.replace(
            self._saved_form,
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            job_title=self.job_title.text(), organization=self.organization.text(),
            email=self.email.text(), phone=self.phone.value(),
            email_label=self.email_label.value(), phone_label=self.phone_label.value(),
            linkedin_url=self.linkedin_url.text(), department=self.department.text(),
            name_prefix=self.name_prefix.text(), middle_name=self.middle_name.text(),
            name_suffix=self.name_suffix.text(), nickname=self.nickname.text(),
            birthday=self.birthday.value(), photo=self.photo.value(),
            entries=shown_entries(self, self._saved_form.entries),
            addresses=self.addresses.value(),
            relationship=self.relationship.currentData(), source=self.source.text(),
            stage=self.stage.currentData(),
            career_fields=_career_fields(self.career_fields.text()),
            tags=self.tags.text(), notes=self.notes.toPlainText(),
            research_notes=self.research_notes.toPlainText(),
            referred_by=self.referred_by.person_id(),
            record_source=self.record_source.text(), consent=self.consent.toPlainText(),
            consent_date=self.consent_date.text(),
            sharing=self.sharing.value(),
        )

    def _set_field(self, name: str, value) -> None:
        widget = getattr(self, name, None)
        if widget is None:
            return
        if name == "entries":
            show_entries(self, value)
        elif hasattr(widget, "set_value"):
            if widget.value() != value:
                widget.set_value(value)
        elif name == "career_fields":
            if _career_fields(widget.text()) != value:
                widget.setText(", ".join(value))
        elif name in ("relationship", "stage"):
            widget.setCurrentIndex(widget.findData(value))
        elif name in ("notes", "research_notes", "consent"):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        elif name == "referred_by":
            if widget.person_id() != value or widget.is_pending():
                widget.set_person(value)
        elif widget.text() != value:
            widget.setText(value)

    def _show_form(self, form: PersonForm) -> None:
        """Show ``form``; a widget already showing its value is left alone (and its cursor)."""
        self._loading = True
        try:
            for name in _ALL_FIELDS:
                self._set_field(name, getattr(form, name))
        finally:
            self._loading = False

    def _show_problems(self, problems: dict[str, str]) -> None:
        problems = dict(problems)
        if self.referred_by.hasFocus() and self.referred_by.is_pending():
            problems.pop("referred_by", None)  # still typing the name
        for field, label in self._messages.items():
            problem = problems.get(field, "")
            message = problem or self._limit_notices.get(field, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = getattr(self, field)
            if hasattr(widget, "show_problem"):
                widget.show_problem(problem)
            elif isinstance(widget, QLineEdit) and widget.property("invalid") != bool(problem):
                widget.setProperty("invalid", bool(problem))
                set_themed_style(widget, "border: 1px solid {error};" if problem else "")
            widget.setToolTip(tooltip(problem))
            widget.setAccessibleDescription(message)
        self._problems_shown = problems

    def _show_referrers(self) -> None:
        """Under "Referred by": the other people who referred them (drawn in the graph)."""
        if self._person_id is None:
            self.also_referred_by.hide()
            return
        shown = self._saved_form.referred_by
        names = [
            r.referrer.full_name
            for r in Referral.select(Referral, Person).join(Person, on=Referral.referrer)
            .where((Referral.referred == self._person_id) & (Referral.referrer != shown))
            .order_by(Referral.id)
        ] if shown else []
        self.also_referred_by.setText(f"Also referred by: {', '.join(names)}" if names else "")
        self.also_referred_by.setVisible(bool(names))

    def _update_heading(self) -> None:
        form = self._saved_form if self._person_id else self.form()
        self.header.show_person(form, self._person_id)
        self.more_details.set_summary(summary(self.form()))

    def _make_preferred(self, index: int) -> None:
        """Swap row ``index`` of "Also reach at" with the preferred email or phone."""
        entry = self.entries.row_entry(index)
        line, label = ((self.email, self.email_label) if entry.kind == "email"
                       else (self.phone, self.phone_label))
        old_value = line.value() if isinstance(line, PhoneEdit) else line.text()
        old_label = label.value()
        self.entries.set_row(index, dataclasses.replace(entry, value=old_value.strip(),
                                                        label=old_label)
                             if old_value.strip() else None)
        if isinstance(line, PhoneEdit):
            line.set_value(entry.value)
        else:
            line.setText(entry.value)
        label.set_value(entry.label)
        line.setFocus()
        self._edited()

    def _display(self, name: str, value) -> str:
        if name == "entries":
            return "; ".join(f"{label_text(e.label) or e.kind}: {e.value}" for e in value)
        if name == "addresses":
            return "; ".join(", ".join(p for p in (a.street, a.city, a.region, a.postal_code,
                                                   a.country) if p) for a in value)
        if name == "photo":
            return "a photo" if value else ""
        if name in ("email_label", "phone_label"):
            return label_text(value or "")
        if name == "career_fields":
            return ", ".join(value)
        if name == "relationship":
            return RELATIONSHIP_LABELS.get(value, value or "")
        if name == "stage":
            return STAGE_LABELS.get(value, value or "")
        if name == "sharing":
            return SHARING_LABELS.get(value, value or "")
        if name == "referred_by":
            person = Person.get_or_none(Person.id == value) if value else None
            return person.full_name if person else ""
        return value or ""


def _career_fields(text: str) -> list[str]:
    return [f.strip() for f in text.split(",") if f.strip()]


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``buddy`` (for rows that hold a layout)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
